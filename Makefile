# PesPro — the two commands:
#   make run    build and start the platform with three demo firms
#   make test   run every test: unit, integration (real PostgreSQL), end-to-end (Chromium)
# Both install what they need on first use (scripts/setup.sh) and skip it after.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
TOOLS ?= $(HOME)/.cache/pespro/tools
export PESPRO_TOOLS_DIR := $(TOOLS)
# cargo-leptos finds `cargo` on PATH, so the wasm wrapper (when setup made
# one) goes first; node_modules/.bin holds tailwindcss and wasm-opt.
export PATH := $(TOOLS)/wasm-cargo:$(TOOLS)/bin:$(CURDIR)/node_modules/.bin:$(PATH)
# The variables cargo-leptos sets when it builds the server, set for every
# cargo command: some crates read them at compile time, and identical values
# let `cargo test`, clippy and `cargo leptos build` share one build.
export LEPTOS_OUTPUT_NAME := pespro
export LEPTOS_SITE_ROOT := target/site
export LEPTOS_SITE_PKG_DIR := pkg
export LEPTOS_SITE_ADDR ?= 127.0.0.1:3000
export LEPTOS_RELOAD_PORT := 3001
export LEPTOS_LIB_DIR := frontend
export LEPTOS_BIN_DIR := server
export LEPTOS_JS_MINIFY := true
export LEPTOS_HASH_FILES := true
export LEPTOS_HASH_FILE_NAME := hash.txt

.PHONY: FORCE run test lint site test-rust test-e2e setup-build setup-test bench bench-migrations bench-invoice bench-reports wasm-size first-load chaos fuzz

# A local OpenID provider for trying single sign-on (see README): started
# alongside the server and stopped with it. Its login page accepts any name.
OIDC_PORT ?= 4000
run: export PESPRO_OIDC_ALLOW_INTERNAL ?= 127.0.0.1

run: setup-build site
	./target/debug/pespro seed-demo
	@echo "Single sign-on to try: a local OpenID provider at http://127.0.0.1:$(OIDC_PORT)"
	@echo "  (client id pespro, secret pespro-dev-secret; its login page accepts any name, e.g. you@northstar.example)"
	OIDC_PORT=$(OIDC_PORT) OIDC_REDIRECT_URIS=$(DEMO_CALLBACKS) node end2end/oidc/provider.mjs & \
	  trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	  ./target/debug/pespro serve

DEMO_CALLBACKS := $(shell printf 'http://%s.localhost:3000/sso/callback,' ledgerline northstar harbor-law)

test: setup-test test-rust site test-e2e

lint:
	python3 scripts/check_static_sql.py
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy -p frontend -- -D warnings

setup-build:
	scripts/setup.sh build

setup-test:
	scripts/setup.sh test

# The server binary, the WebAssembly bundle and the stylesheet, into target/.
# `--release` optimises only the browser's files (the server stays a dev
# build: `bin-profile-release` in Cargo.toml), names them by content hash
# and `--precompress` writes brotli and gzip copies beside them.
# cargo-leptos reports with color-eyre, whose backtrace would push the error
# itself out of a log's tail: the message is what anyone needs.
# cargo-leptos runs wasm-bindgen, wasm-opt and compression again even when
# nothing changed (~1.5 min here), so the build is skipped unless a source
# is newer than the last one, or the binary is missing.
SITE_SOURCES := Cargo.toml Cargo.lock package-lock.json \
  $(shell find src app frontend server pdf style public migrations -type f)
site: target/site/.built

target/site/.built: $(SITE_SOURCES) $(if $(wildcard target/debug/pespro),,FORCE)
	RUST_BACKTRACE=0 cargo leptos build --release --precompress
	touch $@

FORCE:

test-rust:
	cargo test

test-e2e:
	npx playwright test -c end2end/playwright.config.ts

# Pages under load (see README and docs/benchmarks.md): "my week", the
# invoice list and receivables, one line each; BENCH_FIRMS=1000 for the
# large run, BENCH_PATH=/invoices for one page. `make bench-invoice` times
# drafting and finalizing an invoice of 500 time entries.
bench:
	scripts/setup.sh bench
	scripts/bench-my-week.sh

# Faults under load: PostgreSQL restarted and stopped, the pool filled, the
# server killed mid-import (server/tests/integration/chaos.rs). Also part of
# `make test`; this runs it alone.
chaos: setup-test
	cargo test -p pespro-server --test integration chaos -- --nocapture

# Coverage-guided fuzzing of the parsers that take people's text (fuzz/),
# FUZZ_SECONDS each. A crash is saved under fuzz/artifacts/<target>/; turn
# it into a unit test next to the parser, then fix the parser.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := time_import durations_and_money workflow_form hostnames_and_colours invoice_forms
fuzz:
	scripts/setup.sh fuzz
	for target in $(FUZZ_TARGETS); do \
	  RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir fuzz --sanitizer none $$target -- \
	    -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 || exit 1; \
	done

# Provision 1,000 firms, migrate them all, then a no-op run (see README).
bench-migrations:
	cargo bench -p pespro-server --bench tenant_migrations

# Draft an invoice from 500 approved time entries, then submit it (sent
# directly: finalized and numbered), five times; median and max.
bench-invoice:
	cargo bench -p pespro-server --bench invoice_draft

# The three reports over a year of a 50-person firm (~60,000 entries);
# median and max of ten reads each.
bench-reports:
	cargo bench -p pespro-server --bench reports

# The browser bundle as a release ships it: bytes and gzipped bytes of the
# WebAssembly and its JavaScript glue (wasm-opt comes with the build tools).
wasm-size: setup-build
	scripts/wasm-size.sh

# How long "my week" takes to become usable on a first visit over throttled
# lines (Chromium's fast and slow 4G), and on a second; one line each.
first-load: setup-test site
	npx playwright test -c end2end/first-load.config.ts
