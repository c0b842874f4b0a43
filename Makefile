# ILA Desk — two commands on a fresh Debian/Ubuntu machine with Go:
#   make run    install the system libraries, build, and open the window
#   make test   install what the tests need, then vet, staticcheck, race tests, build
# and for releases:
#   make dist        the Windows .exe, .msi and portable .zip, the .deb and the .tar.xz in dist/
#   make dist-check  installs the .deb here, runs it, removes it; checks the MSI and the .exe
GO          ?= go
BIN         ?= ila
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
# Fyne's OpenGL window needs cgo and these headers (Debian/Ubuntu names).
DEB_BUILD   := gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxext-dev libxcursor-dev \
               libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev
# The PDF tests check their output with qpdf (they read it with our own
# reader); the real-window test (cmd/ila) runs the program in Xvfb with a
# Swedish keyboard, drives it with xdotool, reads the screen with tesseract
# and the PDFs it printed with poppler's pdftotext.
DEB_TEST    := poppler-utils qpdf xvfb xdotool x11-xkb-utils xkb-data imagemagick tesseract-ocr tesseract-ocr-swe
# make dist cross-compiles for Windows with mingw-w64, builds the MSI with
# wixl, the man page with help2man, and the .deb with dpkg-deb and
# dpkg-shlibdeps; make dist-check adds the validators and icoutils' wrestool.
DEB_DIST    := gcc-mingw-w64-x86-64 wixl msitools help2man dpkg-dev zip xz-utils \
               libegl1 libwayland-egl1 libwayland-cursor0 libxkbcommon0 libxrender1
DEB_CHECK   := msitools icoutils binutils-mingw-w64-x86-64 appstream desktop-file-utils xvfb xauth xdotool unzip

.PHONY: run test build package dist dist-check deps deps-test deps-dist deps-check vet staticcheck race bench fuzz clean

run: deps build
	./$(BIN)

build:
	CGO_ENABLED=1 $(GO) build -o $(BIN) ./cmd/ila

test: deps deps-test vet staticcheck race build

# A desktop package (.tar.xz with the .desktop file and icon) from FyneApp.toml.
FYNE := fyne.io/tools/cmd/fyne@v1.7.4
package: deps build
	$(GO) run $(FYNE) package --os linux --exe $(BIN)

# Every package in dist/ (see packaging/dist.sh); DIST_ONLY=linux or
# DIST_ONLY=windows builds one side.
dist: deps deps-dist
	GO=$(GO) FYNE=$(FYNE) bash packaging/dist.sh

# Checks what make dist made, as a user's machine would see it (see
# packaging/dist-check.sh): installs the .deb here and removes it again.
dist-check: deps-check
	SUDO=$(SUDO) bash packaging/dist-check.sh

# Installs only what is missing, so a prepared machine skips apt entirely.
APT_MISSING = missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

deps:
	@$(call APT_MISSING,$(DEB_BUILD))

deps-test:
	@$(call APT_MISSING,$(DEB_TEST))

deps-dist:
	@$(call APT_MISSING,$(DEB_DIST))

deps-check:
	@$(call APT_MISSING,$(DEB_CHECK))

vet:
	test -z "$$(gofmt -l cmd data ui assets packaging)" || { gofmt -l cmd data ui assets packaging; echo "gofmt: the files above need formatting"; exit 1; }
	$(GO) vet ./...

staticcheck:
	$(GO) run $(STATICCHECK) ./...

race:
	CGO_ENABLED=1 $(GO) test -race -count=1 ./...

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

# Runs every fuzz target for FUZZTIME each.
FUZZTIME ?= 30s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "== $$pkg $$f"; $(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

clean:
	rm -f $(BIN)
	rm -rf dist
