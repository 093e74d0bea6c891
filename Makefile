# MASH: the two commands for a fresh Debian bookworm machine are `make demo` and `make test`.
#
#   make deps     install the Debian and npm packages the build and the tests need (idempotent)
#   make build    configure (CMake + Ninja, RelWithDebInfo) and build ./build/mash and the tests
#   make demo     deps + build, then serve the hub on http://localhost:8080 with demo data (SQLite)
#   make test     deps + build, then every test: unit (ctest), integration on SQLite and on a
#                 throwaway PostgreSQL 15, the audit tamper test, and the browser tests (chromium)
#   make bench    the benchmarks: intake (bench/run.sh), match accuracy and pair scoring
#                 throughput (mash_bench_match), the person index at 10 million people and beside
#                 a PostgreSQL pg_trgm baseline at 1 million (bench/matching_scale.sh), and the
#                 case tracker with 10,000 open contacts and 100 live boards (bench/tracker.sh),
#                 a child's access history over 10 million audit events (bench/who_saw.sh), and
#                 a child's chronology of 500 entries from 8 agencies (bench/chronology.sh); not tests
#   make format   clang-format the C++ sources in place
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build
# deps must finish before build starts, even under make -j.
.NOTPARALLEL:

BUILD ?= build
JOBS ?= 2
DEMO_DB ?= sqlite:var/demo.db
DEMO_PORT ?= 8080
# The shared data sets (FEBRL 4, fake_1000, nicknames): beside the repository when there.
DATASETS ?= $(if $(wildcard ../shared/datasets/febrl4),../shared/datasets,/work/shared/datasets)

.PHONY: deps build demo test bench format clean

deps:
	scripts/install-deps.sh

build:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(BUILD) -j$(JOBS)

demo: deps build
	mkdir -p var
	$(BUILD)/mash demo --db $(DEMO_DB) --port $(DEMO_PORT)

# Every stage runs even when an earlier one fails, so one run shows everything that is wrong;
# the summary at the end lists each stage and the counts, and the exit status is non-zero if any
# stage failed. Logs are kept in $(BUILD)/test-logs/.
test: deps build
	@logs=$(BUILD)/test-logs
	rm -rf "$$logs" && mkdir -p "$$logs"
	declare -a names results
	total_passed=0 total_failed=0
	stage() {  # stage NAME LOG COMMAND...: run, show and log a stage, then count its tests
		local name=$$1 log=$$logs/$$2 rc=0 p=0 f=0 line
		shift 2
		echo
		echo "━━━ $$name ━━━"
		"$$@" 2>&1 | tee "$$log" || rc=$$?
		# Counts as each runner reports them: ctest, GoogleTest, node's test runner, or a plain
		# "N passed, N failed" line.
		if line=$$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$$log" | tail -n 1); then
			f=$$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$$line")
			p=$$(( $$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$$line") - f ))
		elif grep -qE '^\[  PASSED  \] [0-9]+ tests?' "$$log"; then
			p=$$(grep -E '^\[  PASSED  \] [0-9]+ tests?' "$$log" | sed -E 's/[^0-9]*([0-9]+).*/\1/' | awk '{s += $$1} END {print s + 0}')
			f=$$(grep -E '^\[  FAILED  \] [0-9]+ tests?, listed below' "$$log" | sed -E 's/[^0-9]*([0-9]+).*/\1/' | awk '{s += $$1} END {print s + 0}' || true)
			f=$${f:-0}
		elif line=$$(grep -E '^(ℹ |# )?pass [0-9]+$$' "$$log" | tail -n 1); then
			p=$${line##* }
			f=$$(grep -E '^(ℹ |# )?fail [0-9]+$$' "$$log" | tail -n 1 | sed -E 's/.* //')
			f=$${f:-0}
		elif line=$$(grep -E '(^|: )[0-9]+ passed, [0-9]+ failed' "$$log" | tail -n 1); then
			p=$$(sed -E 's/.*(^|: )([0-9]+) passed.*/\2/' <<<"$$line")
			f=$$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$$line")
		elif ((rc == 0)); then p=1
		else f=1
		fi
		((rc == 0 || f > 0)) || f=1  # a stage that failed without counting a failure still counts one
		total_passed=$$((total_passed + p)); total_failed=$$((total_failed + f))
		names+=("$$name")
		if ((rc == 0)); then results+=("passed   $$p passed, $$f failed"); else results+=("FAILED   $$p passed, $$f failed (exit $$rc, log: $$log)"); fi
	}
	stage "Unit tests (ctest)" unit.log ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)
	stage "Integration tests on SQLite" integration-sqlite.log tests/run-integration.sh $(BUILD) sqlite
	stage "Integration tests on PostgreSQL 15" integration-postgresql.log tests/run-integration.sh $(BUILD) postgresql
	stage "Audit tamper test (SQLite, PostgreSQL 15)" audit-tamper.log tests/audit/tamper.sh $(BUILD)
	stage "Browser tests (chromium)" browser.log tests/browser/run.sh $(BUILD)/mash
	echo
	echo "━━━ Summary ━━━"
	status=0
	for i in "$${!names[@]}"; do
		printf '  %-45s %s\n' "$${names[$$i]}" "$${results[$$i]}"
		[[ $${results[$$i]} == passed* ]] || status=1
	done
	echo
	echo "tests: $$total_passed passed, $$total_failed failed"
	exit $$status

bench: deps build
	bench/run.sh $(BUILD)
	$(BUILD)/mash match eval
	$(BUILD)/bench/mash_bench_match --datasets $(DATASETS)
	bench/matching_scale.sh $(BUILD)
	bench/tracker.sh $(BUILD)
	bench/who_saw.sh $(BUILD)
	bench/chronology.sh $(BUILD)

format:
	find src tests bench \( -name '*.cpp' -o -name '*.h' \) -print0 | xargs -0 -r clang-format -i

clean:
	rm -rf $(BUILD)
