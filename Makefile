# sitrep — see README.md. `make demo` runs the main job, `make test` every test.
GO      ?= go
BIN     := bin/sitrep
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: all build demo test lint vet staticcheck fmt-check tidy-check unit fuzz bench bench-decode clean web web-test bench-ui

all: build

build: $(BIN)

# The binary embeds the built web UI (package web) when npm is there to
# build it; without Node it builds with the "UI not built" page.
WEB_DIST := $(if $(shell command -v npm 2>/dev/null),web/dist/index.html,)

$(BIN): $(shell find . -name '*.go' -not -path './bin/*' -not -path './web/node_modules/*') go.mod go.sum $(WEB_DIST)
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/sitrep

# The main job: build everything (the web UI too), then scripts/demo.sh:
# a fresh demo-data/ with the SIMULATED Tartus scenario, the REAL captures
# of testdata/ais and the story's graded reports, an analyst login, and
# `sitrep serve` on http://127.0.0.1:8080/ (Ctrl-C stops it).
DEMO_DATA ?= demo-data
demo: $(BIN)
	DEMO_DATA=$(DEMO_DATA) BIN=$(BIN) scripts/demo.sh

# Every test: formatting, vet, staticcheck, module tidiness, unit tests with
# the race detector (fuzz seed corpora run as tests too).
test: lint unit web-test

lint: fmt-check vet staticcheck tidy-check

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

staticcheck:
	$(GO) tool staticcheck ./...

tidy-check:
	$(GO) mod tidy -diff

unit:
	$(GO) test -race -count=1 ./...

# Longer fuzzing, not part of `make test`: FUZZTIME=5m make fuzz
FUZZTIME ?= 30s
fuzz:
	$(GO) test ./nmea -run '^$$' -fuzz '^FuzzReader$$' -fuzztime $(FUZZTIME)
	$(GO) test ./nmea -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)
	$(GO) test ./ais -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME)
	$(GO) test ./ais -run '^$$' -fuzz '^FuzzRoundTrip$$' -fuzztime $(FUZZTIME)

# The web UI (web/, see docs/ui.md): npm ci from the lockfile, then esbuild
# into web/dist, which package web embeds.
web: web/dist/index.html

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund

web/dist/index.html: web/node_modules/.package-lock.json web/build.mjs $(shell find web/src web/public -type f 2>/dev/null)
	cd web && node build.mjs

# Browser tests: Debian's chromium (installed with apt-get when missing),
# against a real `sitrep serve` on 127.0.0.1.
web-test: $(BIN) web
	scripts/ensure-chromium.sh
	cd web && npm test

# Pan/zoom frame times with 50,000 simulated vessels (not part of make test).
bench-ui: $(BIN) web
	scripts/ensure-chromium.sh
	cd web && node test/perf.mjs

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Side-by-side throughput against gpsdecode (see docs/benchmarks.md).
bench-decode: $(BIN)
	scripts/bench-decode.sh

clean:
	rm -rf bin demo-data
