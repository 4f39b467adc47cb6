# The two commands: `make run` (build, migrate, serve) and `make test` (everything CI checks).
# Every target installs what it needs first and is quick when all is in place.

ARGS ?=
CARGO ?= cargo

.PHONY: run build test setup lint lint-wasm unit browser bench

## make run ARGS='--addr 127.0.0.1:8080 --db /tmp/x.db': build in release and serve.
run: build
	target/release/server serve $(ARGS)

## make build: release server + site assets (target/site/pkg).
build:
	scripts/setup.sh build
	scripts/build.sh

## make test: formatting, lints, unit/integration tests, browser tests.
test:
	scripts/setup.sh test
	$(MAKE) lint
	$(MAKE) build
	$(MAKE) unit
	$(MAKE) browser

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

# Lints the browser-only (hydrate) code too. Not in `make test`: it checks every dependency
# once more for wasm (about 4 of CI's minutes), and `make build` compiles that code anyway.
lint-wasm:
	$(CARGO) clippy -p app --lib --target wasm32-unknown-unknown --features hydrate -- -D warnings

# Release profile: the tests reuse the dependencies `make build` already compiled.
unit:
	$(CARGO) test --workspace --release

browser:
	cd tests/browser && npm test

## make bench: extraction, ingest and HTTP benchmarks (prints the figures; not part of `make test`).
bench: build
	$(CARGO) bench -p extractor
	$(CARGO) bench -p server --bench ingest
	$(CARGO) bench -p store --bench reviews
	scripts/bench/api_vs_datasette.sh 100000 10
