#!/usr/bin/env bash
# make dist: every package of ILA Desk in dist/, from FyneApp.toml's name,
# ID and version (and packaging/package.toml for what Fyne has no field for):
#
#   ila-desk_V_windows_amd64.exe           the Windows program (GUI, icon, version resource)
#   ila-desk_V_windows_amd64.msi           its per-user installer
#   ila-desk_V_windows_amd64_portable.zip  the program to run without installing
#   ila-desk_V-B_amd64.deb                 the Debian/Ubuntu package
#   ila-desk_V_linux_amd64.tar.xz          fyne package's Linux desktop package
#   SHA256SUMS
#
# Run from the repository's root by make (which installs the tools first).
# DIST_ONLY="linux" or "windows" builds only one side (for quick work).
set -euo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
FYNE=${FYNE:-fyne.io/tools/cmd/fyne@v1.7.4}
GOVERSIONINFO=github.com/josephspurrier/goversioninfo/cmd/goversioninfo@v1.7.0
ONLY=${DIST_ONLY:-all}
DIST=dist
# "_" keeps go's ./... (vet, staticcheck, tests) out of the build tree.
B=$DIST/_build

# Two builds of one commit should give the same files: every date is the
# commit's (and a dirty tree still gets the last commit's).
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH

log() { printf '== %s\n' "$*" >&2; }
meta() { "$B/meta" "$@"; }

rm -rf "$B"
mkdir -p "$B"
# The values every step uses, from one place.
$GO build -o "$B/meta" ./packaging/meta
eval "$(meta env)"
log "$APP_NAME $VERSION (build $BUILD), $PACKAGE"
rm -f "$DIST/${PACKAGE}"_*

# A dist build: no symbol table or DWARF (-s -w; a crash still prints its
# stack), no build paths (-trimpath), the version from FyneApp.toml.
LDFLAGS="-s -w -X github.com/handelskammaren/ila-desk/cmd/ila/cli.Version=$VERSION"
meta icons "$B/icons"
touchall() { find "$@" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +; }

windows() {
	local w=$B/windows exe=$DIST/${PACKAGE}_${VERSION}_windows_amd64.exe
	mkdir -p "$w/src"
	log "Windows: resources (icon, version, manifest)"
	meta render packaging/windows/versioninfo.json.tmpl >"$w/versioninfo.json"
	meta render packaging/windows/ila.manifest.tmpl >"$w/ila.manifest"
	cp "$B/icons/$APP_ID.ico" "$w/ila.ico"
	(cd "$w" && $GO run "$GOVERSIONINFO" -64 -o rsrc.syso -icon=ila.ico -manifest=ila.manifest versioninfo.json 2>&1 |
		grep -v '^$' || true)
	# Go links a package's .syso files, and only from the package's own
	# folder (-overlay does not cover them). The main package is copied
	# with the resources beside it, so cmd/ila is never touched.
	cp cmd/ila/*.go "$w/src/"
	rm -f "$w/src/"*_test.go
	cp "$w/rsrc.syso" "$w/src/zz_rsrc_windows_amd64.syso"
	log "Windows: cross-compiling with $(x86_64-w64-mingw32-gcc -dumpversion 2>/dev/null | sed 's/^/mingw-w64 gcc /')"
	CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc GOOS=windows GOARCH=amd64 \
		$GO build -trimpath -ldflags "$LDFLAGS -H windowsgui" -o "$exe" "./$w/src"

	log "Windows: portable zip"
	local z=$w/zip
	mkdir -p "$z"
	cp "$exe" "$z/$BINARY.exe"
	cp LICENSE "$z/LICENSE.txt"
	cp assets/fonts/LICENSE.txt "$z/LICENSE-fonts.txt"
	touchall "$z"
	(cd "$z" && zip -q -X -9 "../portable.zip" "$BINARY.exe" LICENSE.txt LICENSE-fonts.txt)
	mv "$w/portable.zip" "$DIST/${PACKAGE}_${VERSION}_windows_amd64_portable.zip"

	log "Windows: MSI (wixl $(wixl --version))"
	# wixl takes the files by names relative to where it runs.
	cp "$z/"* "$w/"
	meta render packaging/windows/ila.wxs.tmpl Icon=ila.ico Exe="$BINARY.exe" \
		License=LICENSE.txt FontLicense=LICENSE-fonts.txt >"$w/ila.wxs"
	(cd "$w" && wixl -a x64 -o ila.msi ila.wxs)
	mv "$w/ila.msi" "$DIST/${PACKAGE}_${VERSION}_windows_amd64.msi"
}

linux() {
	local l=$B/linux
	mkdir -p "$l"
	log "Linux: building"
	CGO_ENABLED=1 $GO build -trimpath -ldflags "$LDFLAGS" -o "$l/$BINARY" ./cmd/ila

	log "Linux: fyne package (.tar.xz)"
	# fyne package reads FyneApp.toml from --src and then adds one to its
	# Build: it gets a copy, so a dist build leaves the tree as it was. It
	# writes "<Name>.tar.xz" where it runs; the binary is ours (-s -w).
	local abs
	abs=$(pwd)
	mkdir -p "$l/fyne/$(dirname "$ICON")"
	cp FyneApp.toml "$l/fyne/"
	cp "$ICON" "$l/fyne/$ICON"
	echo 'package main // fyne package wants to see Go code in --src' >"$l/fyne/main.go"
	(cd "$l/fyne" && $GO run "$FYNE" package --os linux --src . --exe "$abs/$l/$BINARY" >/dev/null)
	mv "$l/fyne/$APP_NAME.tar.xz" "$DIST/${PACKAGE}_${VERSION}_linux_amd64.tar.xz"

	log "Linux: .deb"
	local root=$l/deb debver="$VERSION-$BUILD"
	local share=$root/usr/share
	install -Dm755 "$l/$BINARY" "$root/usr/bin/$BINARY"
	# GLFW names the window's X11 class after its title, the app's name:
	# StartupWMClass lets a dock group the window with its menu entry.
	meta render packaging/linux/ila.desktop.tmpl WMClass="$APP_NAME" >"$l/$APP_ID.desktop"
	install -Dm644 "$l/$APP_ID.desktop" "$share/applications/$APP_ID.desktop"
	meta render packaging/linux/metainfo.xml.tmpl >"$l/$APP_ID.metainfo.xml"
	install -Dm644 "$l/$APP_ID.metainfo.xml" "$share/metainfo/$APP_ID.metainfo.xml"
	mkdir -p "$share/icons"
	cp -r "$B/icons/hicolor" "$share/icons/"
	meta render packaging/linux/copyright.tmpl >"$l/copyright"
	install -Dm644 "$l/copyright" "$share/doc/$PACKAGE/copyright"
	# The man page is ila --help's text, with what --help does not say.
	mkdir -p "$share/man/man1"
	help2man --no-info --no-discard-stderr --section=1 --version-string="$VERSION" \
		--name="$SUMMARY" --include=packaging/linux/ila.h2m "$l/$BINARY" >"$l/$BINARY.1"
	gzip -9n <"$l/$BINARY.1" >"$share/man/man1/$BINARY.1.gz"
	# Depends: the packages of the libraries the binary links (libGL,
	# libwayland-client: dpkg-shlibdeps finds them) and of those GLFW opens
	# at run time with dlopen, which no tool sees: X11's for an X session,
	# Wayland's and EGL for a Wayland one. Each must still be named in the
	# binary, so a GLFW that stops loading one is noticed here.
	local depends
	mkdir -p "$l/shlibs/debian"
	printf 'Source: %s\n\nPackage: %s\nArchitecture: amd64\n' "$PACKAGE" "$PACKAGE" >"$l/shlibs/debian/control"
	depends=$(cd "$l/shlibs" && dpkg-shlibdeps -O "../deb/usr/bin/$BINARY" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
	[ -n "$depends" ] || { echo "dpkg-shlibdeps found no dependencies" >&2; exit 1; }
	local so pkgs="" p
	for so in libX11.so.6 libXcursor.so.1 libXrandr.so.2 libXinerama.so.1 libXi.so.6 libXext.so.6 libXrender.so.1 \
		libxkbcommon.so.0 libwayland-cursor.so.0 libwayland-egl.so.1 libEGL.so.1; do
		grep -qaF "$so" "$l/$BINARY" || { echo "the binary no longer loads $so: update packaging/dist.sh" >&2; exit 1; }
		p=$(dpkg -S "/usr/lib/x86_64-linux-gnu/$so" 2>/dev/null | cut -d: -f1 | head -1)
		[ -n "$p" ] || { echo "no installed package has $so (apt-get install the -dev packages of make deps)" >&2; exit 1; }
		case " $pkgs " in *" $p "*) ;; *) pkgs="$pkgs $p" ;; esac
	done
	depends="$depends, $(echo $pkgs | sed 's/ /, /g')"
	# xdg-utils: the program opens the PDFs it writes with xdg-open.
	depends="$depends, xdg-utils"
	local size
	size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
	mkdir -p "$root/DEBIAN"
	meta render packaging/linux/control.tmpl DebVersion="$debver" InstalledSize="$size" Depends="$depends" >"$root/DEBIAN/control"
	find "$root" -type d -exec chmod 755 {} +
	touchall "$root"
	dpkg-deb --root-owner-group -Zxz --build "$root" "$DIST/${PACKAGE}_${debver}_amd64.deb" >/dev/null
	log "Depends: $depends"
}

case $ONLY in
all) linux; windows ;; # not "&&": set -e does not stop inside an && list
linux) linux ;;
windows) windows ;;
*) echo "DIST_ONLY must be linux, windows or all, not $ONLY" >&2; exit 2 ;;
esac

(cd "$DIST" && sha256sum "${PACKAGE}"_* >SHA256SUMS)
log "dist/:"
(cd "$DIST" && ls -l --block-size=K "${PACKAGE}"_* SHA256SUMS | awk '{print "  " $5 "\t" $9}') >&2
