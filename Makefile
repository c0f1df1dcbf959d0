# congkhai — the two commands of the README.
#   make site   builds the tool and the demo site from content/ into output/
#   make test   runs the test suite
# Both install the Debian packages the build needs when they are missing.

DEBIAN_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libqrencode-dev libssl-dev zlib1g-dev libdeflate-dev libjemalloc-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CONTENT ?= content
OUTPUT ?= output

.PHONY: deps site test check bench fuzz clean release man completions install deb

deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y $$missing; \
	fi

site: deps
	swift build -c release --product congkhai
	.build/release/congkhai build $(CONTENT) --output $(OUTPUT)

# Tests write their trees under a temporary folder of their own, removed afterwards
# (a test that fails midway would otherwise leave its tree in /tmp).
test: deps
	@t=$$(mktemp -d /tmp/congkhai-tests.XXXXXX); TMPDIR=$$t swift test; s=$$?; rm -rf $$t; exit $$s

check: deps
	swift build --product congkhai
	.build/debug/congkhai check $(CONTENT)

bench: deps
	bash scripts/bench.sh

# About 10 minutes: three libFuzzer targets for 200 s each; fails on any crash, leak or timeout.
fuzz: deps
	bash scripts/fuzz.sh 200

# --- Installing like a Debian tool -------------------------------------------
# make install PREFIX=/usr/local   binary, man page, completions, docs, examples
# make deb                         .build/congkhai_<version>_amd64.deb for Debian 12 (only Debian's runtime libraries)
PREFIX ?= /usr/local
DESTDIR ?=
VERSION := $(shell sed -n 's/.*static let string = "\(.*\)".*/\1/p' Sources/Congkhai/Version.swift)
STATIC := .build/static
BIN := $(STATIC)/release/congkhai
SYSTEMD_DIR ?= $(PREFIX)/lib/systemd/system
DEB_ROOT := .build/deb/congkhai_$(VERSION)_amd64

# The Swift runtime linked in, so the binary needs only Debian's libraries.
release: deps
	swift build -c release --product congkhai --static-swift-stdlib --scratch-path $(STATIC)

# Man page from the command-line definitions (swift-argument-parser's plugin).
man: deps
	swift package generate-manual --date 2026-12-01 --authors "congkhai"
	mkdir -p .build/man && cp .build/plugins/GenerateManual/outputs/congkhai/congkhai.1 .build/man/congkhai.1

completions: release
	mkdir -p .build/completions
	$(BIN) --generate-completion-script bash > .build/completions/congkhai.bash
	$(BIN) --generate-completion-script zsh > .build/completions/_congkhai
	$(BIN) --generate-completion-script fish > .build/completions/congkhai.fish

install: release man completions
	install -Dm755 $(BIN) $(DESTDIR)$(PREFIX)/bin/congkhai
	strip $(DESTDIR)$(PREFIX)/bin/congkhai
	install -Dm644 .build/man/congkhai.1 $(DESTDIR)$(PREFIX)/share/man/man1/congkhai.1
	gzip -9nf $(DESTDIR)$(PREFIX)/share/man/man1/congkhai.1
	install -Dm644 .build/completions/congkhai.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/congkhai
	install -Dm644 .build/completions/_congkhai $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions/_congkhai
	install -Dm644 .build/completions/congkhai.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/congkhai.fish
	install -Dm644 README.md SECURITY.md docs/van-hanh.md docs/huong-dan-bien-tap.md docs/cach-tinh-diem.md docs/decisions.md -t $(DESTDIR)$(PREFIX)/share/doc/congkhai
	install -Dm644 contrib/nginx/congkhai.conf contrib/ci/github-actions.yml contrib/ci/gitlab-ci.yml contrib/systemd/nightly.env -t $(DESTDIR)$(PREFIX)/share/doc/congkhai/examples
	install -Dm755 contrib/systemd/congkhai-nightly $(DESTDIR)$(PREFIX)/lib/congkhai/congkhai-nightly
	install -Dm644 contrib/systemd/congkhai-nightly.timer $(DESTDIR)$(SYSTEMD_DIR)/congkhai-nightly.timer
	sed 's|/usr/lib/congkhai/|$(PREFIX)/lib/congkhai/|' contrib/systemd/congkhai-nightly.service > .build/congkhai-nightly.service
	install -Dm644 .build/congkhai-nightly.service $(DESTDIR)$(SYSTEMD_DIR)/congkhai-nightly.service

deb: deps
	rm -rf $(DEB_ROOT)
	$(MAKE) install DESTDIR=$(CURDIR)/$(DEB_ROOT) PREFIX=/usr SYSTEMD_DIR=/lib/systemd/system
	install -Dm644 contrib/systemd/nightly.env $(DEB_ROOT)/etc/congkhai/nightly.env
	install -Dm755 contrib/debian/postinst $(DEB_ROOT)/DEBIAN/postinst
	install -Dm644 contrib/debian/conffiles $(DEB_ROOT)/DEBIAN/conffiles
	sed -e 's/@VERSION@/$(VERSION)/' -e "s/@SIZE@/$$(du -sk $(DEB_ROOT) | cut -f1)/" contrib/debian/control > $(DEB_ROOT)/DEBIAN/control
	dpkg-deb --build --root-owner-group $(DEB_ROOT) .build/congkhai_$(VERSION)_amd64.deb
	@echo "built .build/congkhai_$(VERSION)_amd64.deb"

clean:
	rm -rf .build
