#!/usr/bin/env bash
# make dist-check: checks what make dist put in dist/, as far as this Debian
# machine can see it.
#
#   - the checksums, and that every artefact carries FyneApp.toml's version;
#   - the .deb: its fields and files, desktop-file-validate, appstreamcli
#     validate, then installed with apt-get: ila --help, ila version and
#     ila list meetings from /usr/bin, the window under Xvfb, apt-get remove,
#     and the user's data folder still there afterwards;
#   - the .tar.xz from fyne package: its files;
#   - the .exe: PE32+, GUI subsystem, icon, version and manifest resources
#     (objdump, wrestool); the portable zip holds the same .exe;
#   - the MSI's tables (msiinfo): per user, the install folder under the
#     profile, the Start-menu shortcut with its icon, the upgrade code and
#     the major upgrade, the files, and nothing under %APPDATA%.
#
# Not checked here, because no Windows runs on this machine (Wine cannot run
# Go 1.26's Windows binaries): that the MSI installs, upgrades and
# uninstalls, that the window opens on Windows, and that ila.exe prints in
# a console.
#
# The .deb is installed into /usr/bin for the check and removed again at the
# end, also when a check fails (unless it was installed before).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=${SUDO:-$([ "$(id -u)" = 0 ] || echo sudo)}
DIST=dist
B=$DIST/_build
[ -x "$B/meta" ] || { echo "dist-check: run make dist first" >&2; exit 1; }
eval "$("$B/meta" env)"

fails=0 passes=0
ok() { passes=$((passes + 1)); printf '  ok   %s\n' "$*"; }
bad() { fails=$((fails + 1)); printf '  FAIL %s\n' "$*"; }
check() { # check DESCRIPTION COMMAND…: passes when the command does
	local what=$1
	shift
	if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi
}
has() { grep -qF -- "$2" <<<"$1"; } # has TEXT NEEDLE
section() { printf '== %s\n' "$*"; }

WORK=$(mktemp -d)
INSTALLED_BEFORE=$(dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -c 'install ok installed' || true)
WE_INSTALLED=0
APP_PID=""
cleanup() {
	[ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
	if [ "$WE_INSTALLED" = 1 ] && [ "$INSTALLED_BEFORE" = 0 ] &&
		dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q 'install ok installed'; then
		echo "dist-check: removing $PACKAGE again"
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -qq "$PACKAGE" >/dev/null 2>&1 || true
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT

DEB=$DIST/${PACKAGE}_${VERSION}-${BUILD}_amd64.deb
TXZ=$DIST/${PACKAGE}_${VERSION}_linux_amd64.tar.xz
EXE=$DIST/${PACKAGE}_${VERSION}_windows_amd64.exe
MSI=$DIST/${PACKAGE}_${VERSION}_windows_amd64.msi
ZIP=$DIST/${PACKAGE}_${VERSION}_windows_amd64_portable.zip

section "dist/ ($APP_NAME $VERSION)"
for f in "$DEB" "$TXZ" "$EXE" "$MSI" "$ZIP"; do check "$(basename "$f") is there" test -s "$f"; done
check "SHA256SUMS lists the five and they match" bash -c \
	"cd $DIST && [ \$(wc -l <SHA256SUMS) = 5 ] && sha256sum --quiet -c SHA256SUMS"

section ".deb"
info=$(dpkg-deb -f "$DEB")
files=$(dpkg-deb -c "$DEB" | awk '{print $6}')
has "$info" "Version: $VERSION-$BUILD" && ok "version $VERSION-$BUILD" || bad "version: $(dpkg-deb -f "$DEB" Version)"
for dep in libc6 libgl1 libx11-6 libxcursor1 libxrandr2 libxi6 libxinerama1 libwayland-client0 libxkbcommon0 libegl1 xdg-utils; do
	has "$(dpkg-deb -f "$DEB" Depends)" "$dep" && ok "Depends on $dep" || bad "Depends lacks $dep"
done
for f in ./usr/bin/ila "./usr/share/applications/$APP_ID.desktop" "./usr/share/metainfo/$APP_ID.metainfo.xml" \
	./usr/share/man/man1/ila.1.gz "./usr/share/doc/$PACKAGE/copyright"; do
	has "$files" "$f" && ok "has ${f#.}" || bad "lacks ${f#.}"
done
for n in 16 24 32 48 64 128 256 512; do
	has "$files" "./usr/share/icons/hicolor/${n}x${n}/apps/$APP_ID.png" || bad "lacks the ${n}x${n} icon"
done
ok "icons in hicolor 16…512"
dpkg-deb -x "$DEB" "$WORK/deb"
check "desktop-file-validate" desktop-file-validate "$WORK/deb/usr/share/applications/$APP_ID.desktop"
if out=$(appstreamcli validate --no-net "$WORK/deb/usr/share/metainfo/$APP_ID.metainfo.xml" 2>&1); then
	ok "appstreamcli validate"
else
	bad "appstreamcli validate: $out"
fi
check "metainfo names release $VERSION" grep -q "<release version=\"$VERSION\"" "$WORK/deb/usr/share/metainfo/$APP_ID.metainfo.xml"
man=$(zcat "$WORK/deb/usr/share/man/man1/ila.1.gz")
has "$man" "list meetings" && has "$man" ".SH FILES" && ok "man page from ila --help, with FILES" || bad "man page"
check "man page renders" bash -c "zcat '$WORK/deb/usr/share/man/man1/ila.1.gz' | man -l - >/dev/null"

section ".tar.xz (fyne package)"
tfiles=$(tar -tJf "$TXZ")
for f in ila/Makefile ila/usr/local/bin/ila "ila/usr/local/share/applications/$APP_ID.desktop" "ila/usr/local/share/pixmaps/$APP_ID.png"; do
	has "$tfiles" "$f" && ok "has $f" || bad "lacks $f (it has: $(echo $tfiles))"
done
tar -xJf "$TXZ" -C "$WORK" ila/usr/local/bin/ila
has "$("$WORK/ila/usr/local/bin/ila" version)" "ila $VERSION " && ok "its ila says version $VERSION" || bad "its ila's version"

section ".exe"
pe=$(x86_64-w64-mingw32-objdump -p "$EXE")
has "$pe" "(PE32+)" && ok "PE32+" || bad "not PE32+"
has "$pe" "(Windows GUI)" && ok "GUI subsystem (no console window)" || bad "not the GUI subsystem"
res=$(wrestool -l "$EXE")
has "$res" "type=group_icon" && ok "icon resource" || bad "no icon resource"
has "$res" "type=version" && ok "version resource" || bad "no version resource"
has "$res" "--type=24" && ok "manifest resource" || bad "no manifest resource"
vs=$(wrestool -x --raw --type=16 "$EXE" | iconv -f UTF-16LE -t UTF-8 2>/dev/null | tr '\000-\037' '\n' || true)
for want in "CompanyName" "$COMPANY" "ProductName" "ProductVersion" "$VERSION" "OriginalFilename" "$BINARY.exe"; do
	has "$vs" "$want" || bad "the version resource lacks \"$want\""
done
has "$vs" "$COMPANY" && has "$vs" "$VERSION" && ok "version resource: $COMPANY, $VERSION"
manifest=$(wrestool -x --raw --type=24 "$EXE")
has "$manifest" 'level="asInvoker"' && ok "manifest: runs as the user (asInvoker)" || bad "manifest lacks asInvoker"
grep -qaF AttachConsole "$EXE" && ok "attaches to the console for the command line" || bad "no AttachConsole in the .exe"
unzip -q -o "$ZIP" -d "$WORK/zip"
check "the portable zip holds the same ila.exe" cmp "$WORK/zip/$BINARY.exe" "$EXE"
check "the portable zip holds the licences" test -s "$WORK/zip/LICENSE-fonts.txt"

section "MSI"
t() { msiinfo export "$MSI" "$1" | tail -n +4; } # rows of a table, without the header
sum=$(msiinfo suminfo "$MSI")
words=$(sed -n 's/^Source: \([0-9]*\).*/\1/p' <<<"$sum")
[ $((words & 8)) = 8 ] && ok "needs no administrator (summary: elevation not required)" || bad "summary Word Count $words asks for elevation"
props=$(t Property)
has "$props" "ProductVersion	$VERSION" && ok "ProductVersion $VERSION" || bad "ProductVersion"
has "$props" "UpgradeCode	{$UPGRADE_CODE}" && ok "UpgradeCode {$UPGRADE_CODE}" || bad "UpgradeCode"
has "$props" "ProductName	$APP_NAME" && ok "ProductName from FyneApp.toml" || bad "ProductName"
grep -q '^ALLUSERS' <<<"$props" && bad "ALLUSERS is set (a per-machine install)" || ok "per user (no ALLUSERS)"
up=$(t Upgrade)
[ "$(grep -c "{$UPGRADE_CODE}" <<<"$up")" = 2 ] && ok "Upgrade: finds older versions and refuses to downgrade" || bad "Upgrade table: $up"
has "$(t InstallExecuteSequence)" RemoveExistingProducts && ok "MajorUpgrade: the older version is removed" || bad "no RemoveExistingProducts"
dirs=$(t Directory)
has "$dirs" "UserProgramsDir	LocalAppDataFolder	Programs" && has "$dirs" "INSTALLDIR	UserProgramsDir	ILADESK|$SHORT_NAME" &&
	ok "installs into %LOCALAPPDATA%\\Programs\\$SHORT_NAME" || bad "install folder: $dirs"
awk -F'\t' '$1 == "AppDataFolder" || $2 == "AppDataFolder" || $1 == "PersonalFolder" { f = 1 } END { exit !f }' <<<"$dirs" && bad "a folder under %APPDATA% or Documents is in the MSI" ||
	ok "nothing under %APPDATA% (the uninstall keeps the database)"
rf=$(t RemoveFile)
[ "$(wc -l <<<"$rf")" = 1 ] && has "$rf" "INSTALLDIR" && ok "the uninstall removes only the install folder" || bad "RemoveFile: $rf"
sc=$(t Shortcut)
has "$sc" "ProgramMenuFolder" && has "$sc" "[INSTALLDIR]$BINARY.exe" && has "$sc" "	ila.ico	" &&
	ok "Start-menu shortcut to $BINARY.exe with the icon" || bad "Shortcut: $sc"
has "$(msiinfo tables "$MSI")" Icon && ok "Icon table" || bad "no Icon table"
fl=$(t File)
size=$(stat -c %s "$EXE")
has "$fl" "$BINARY.exe	$size" && ok "File: $BINARY.exe ($size bytes), $(wc -l <<<"$fl") files" || bad "File: $fl"
mkdir -p "$WORK/msi"
(root=$(pwd) && cd "$WORK/msi" && msiextract "$root/$MSI" >/dev/null)
check "the MSI holds the same ila.exe" cmp "$WORK/msi/Programs/$SHORT_NAME/$BINARY.exe" "$EXE"

section ".deb installed (apt-get install, then remove)"
[ "$INSTALLED_BEFORE" = 1 ] && echo "  ($PACKAGE was installed before: it is reinstalled and left installed)"
if DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "./$DEB" >"$WORK/apt.log" 2>&1; then
	WE_INSTALLED=1
	ok "apt-get install ./$(basename "$DEB")"
else
	bad "apt-get install: $(tail -5 "$WORK/apt.log")"
fi
# A user of our own: a home of its own, no XDG_DATA_HOME, so the data
# folder is the default one.
U=$WORK/home
mkdir -p "$U"
as_user() { env -i PATH=/usr/bin:/bin HOME="$U" LANG=C.UTF-8 "$@"; }
check "ila is /usr/bin/ila" test "$(command -v ila)" = /usr/bin/ila
has "$(as_user /usr/bin/ila --help)" "Usage: ila" && ok "/usr/bin/ila --help" || bad "/usr/bin/ila --help"
has "$(as_user /usr/bin/ila version)" "ila $VERSION " && ok "/usr/bin/ila version: $VERSION" || bad "/usr/bin/ila version"
meetings=$(as_user /usr/bin/ila list meetings 2>&1 || true)
[ "$(wc -l <<<"$meetings")" -ge 2 ] && ok "/usr/bin/ila list meetings ($(wc -l <<<"$meetings") lines)" || bad "ila list meetings: $meetings"
DATA=$U/.local/share/ila-desk
check "the database is in the XDG data folder" test -s "$DATA/ila.db"

# The installed app's window, under Xvfb, as the menu entry starts it.
exec_line=$(sed -n 's/^Exec=//p' "/usr/share/applications/$APP_ID.desktop")
wmclass=$(sed -n 's/^StartupWMClass=//p' "/usr/share/applications/$APP_ID.desktop")
cat >"$WORK/window.sh" <<EOF
set -u
$exec_line >"$WORK/window.log" 2>&1 &
pid=\$!
for i in \$(seq 1 60); do
	w=\$(xdotool search --onlyvisible --classname "$wmclass" 2>/dev/null | head -1)
	if [ -n "\$w" ]; then xdotool getwindowname "\$w"; kill \$pid; wait \$pid 2>/dev/null; exit 0; fi
	kill -0 \$pid 2>/dev/null || { echo "the program ended"; exit 1; }
	sleep 0.5
done
echo "no window within 30 s"; kill \$pid; exit 1
EOF
if title=$(as_user XDG_RUNTIME_DIR="$WORK" xvfb-run -a -s "-screen 0 1280x800x24" bash "$WORK/window.sh" 2>&1); then
	ok "the installed app opens its window (\"$title\", class matches StartupWMClass)"
else
	bad "window: $title; $(tail -3 "$WORK/window.log" 2>/dev/null)"
fi

if [ "$WE_INSTALLED" = 1 ] && [ "$INSTALLED_BEFORE" = 0 ]; then
	if DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -qq "$PACKAGE" >"$WORK/apt.log" 2>&1; then
		ok "apt-get remove $PACKAGE"
	else
		bad "apt-get remove: $(tail -5 "$WORK/apt.log")"
	fi
	check "/usr/bin/ila is gone" test ! -e /usr/bin/ila
	check "the user's database stays after the removal" test -s "$DATA/ila.db"
fi

echo
echo "Not run (no Windows here): installing, upgrading and uninstalling the MSI, the window on Windows, ila.exe in a console."
echo "dist-check: $passes passed, $fails failed"
[ "$fails" = 0 ]
