# ILA Desk — two commands on a fresh Debian/Ubuntu machine with Go:
#   make run    install the system libraries, build, and open the window
#   make test   install what the tests need, then vet, staticcheck, race tests, build
GO          ?= go
BIN         ?= ila
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
# Fyne's OpenGL window needs cgo and these headers (Debian/Ubuntu names).
DEB_BUILD   := gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxext-dev libxcursor-dev \
               libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev
# The PDF tests read their output back with poppler and check it with qpdf;
# the real-window test (cmd/ila) runs the program in Xvfb with a Swedish
# keyboard, drives it with xdotool and reads the screen with tesseract.
DEB_TEST    := poppler-utils qpdf xvfb xdotool x11-xkb-utils xkb-data imagemagick tesseract-ocr tesseract-ocr-swe

.PHONY: run test build package deps deps-test vet staticcheck race bench fuzz clean

run: deps build
	./$(BIN)

build:
	CGO_ENABLED=1 $(GO) build -o $(BIN) ./cmd/ila

test: deps deps-test vet staticcheck race build

# A desktop package (.tar.xz with the .desktop file and icon) from FyneApp.toml.
FYNE := fyne.io/tools/cmd/fyne@v1.7.4
package: deps build
	$(GO) run $(FYNE) package --os linux --exe $(BIN)

# Installs only what is missing, so a prepared machine skips apt entirely.
deps:
	@missing=""; for p in $(DEB_BUILD); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

deps-test:
	@missing=""; for p in $(DEB_TEST); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

vet:
	test -z "$$(gofmt -l cmd data ui assets)" || { gofmt -l cmd data ui assets; echo "gofmt: the files above need formatting"; exit 1; }
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
