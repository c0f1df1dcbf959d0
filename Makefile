# congkhai — the two commands of the README.
#   make site   builds the tool and the demo site from content/ into output/
#   make test   runs the test suite
# Both install the Debian packages the build needs when they are missing.

DEBIAN_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libqrencode-dev libssl-dev zlib1g-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CONTENT ?= content
OUTPUT ?= output

.PHONY: deps site test check bench fuzz clean

deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y $$missing; \
	fi

site: deps
	swift build -c release --product congkhai
	.build/release/congkhai build $(CONTENT) --output $(OUTPUT)

test: deps
	swift test

check: deps
	swift build --product congkhai
	.build/debug/congkhai check $(CONTENT)

bench: deps
	bash scripts/bench.sh

# About 10 minutes: three libFuzzer targets for 200 s each; fails on any crash, leak or timeout.
fuzz: deps
	bash scripts/fuzz.sh 200

clean:
	rm -rf .build
