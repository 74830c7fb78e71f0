# The two commands of the README:
#   make demo   install what is missing, build in release mode, digitize SampleScans into ./Archive
#   make test   install what is missing, build, run every test (real Tesseract, SQLite, PostgreSQL, files)
SHELL := /bin/bash
APT_PACKAGES := libtesseract-dev tesseract-ocr tesseract-ocr-vie libleptonica-dev libpoppler-glib-dev \
                libsqlite3-dev libssl-dev pkg-config poppler-utils sqlite3 fonts-noto-core fonts-dejavu-core fonts-liberation2 python3-pil python3-venv qpdf libqpdf-dev hunspell-vi libpq-dev icc-profiles-free libmicrohttpd-dev libdeflate-dev chromium chromium-driver
TEST_VENV := .build-venv
ARCHIVE ?= Archive

.PHONY: deps demo test test-asan test-tsan build release bench samplescans clean torture fuzz

# Installs the Debian packages the build, the demo and the tests need, only when one is missing.
deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# Only the products: the fuzz targets import the library @testable, which a release build is not.
release: deps
	swift build -c release --product digitize

build: deps
	swift build --build-tests

demo: release
	.build/release/digitize run SampleScans --archive $(ARCHIVE) --inventory SampleScans/inventory.csv; status=$$?; \
	echo; echo "Searchable PDFs:  $(ARCHIVE)/documents/"; echo "Catalogue:        $(ARCHIVE)/catalogue.sqlite"; \
	exit $$status

# pdfplumber is an independent PDF reader the tests check our text layer with, pikepdf[pdfa] (veraPDF's
# rule set) the PDF/A validator, bagit the bag validator (test-only, in a venv).
$(TEST_VENV)/bin/python:
	python3 -m venv $(TEST_VENV) && $(TEST_VENV)/bin/pip install -q pdfplumber bagit 'pikepdf[pdfa]>=10.18' selenium

# The PostgreSQL tests get a throw-away loopback server (scripts/test-postgres.sh), stopped and deleted
# afterwards whatever the outcome, Ctrl-C included.
# SANITIZE=address or SANITIZE=thread runs the same suite under that sanitizer, built in .build-SANITIZE
# (make test-asan, make test-tsan; docs/hardening.md). A page worker's deliberate crash must reach the run
# as a signal, so neither sanitizer is let to catch SIGSEGV and SIGABRT itself (ThreadSanitizer turned a
# worker's SIGSEGV into "exit status 66").
SANITIZE ?=
SWIFT_FLAGS := $(if $(SANITIZE),--sanitize=$(SANITIZE) --build-path .build-$(SANITIZE),)
TEST_LOG := $(if $(SANITIZE),.build-$(SANITIZE),.build)/test.log
test: deps $(TEST_VENV)/bin/python
	@$(TEST_VENV)/bin/python -c 'import pikepdf.pdfa' 2>/dev/null || $(TEST_VENV)/bin/pip install -q 'pikepdf[pdfa]>=10.18'
	swift build --build-tests $(SWIFT_FLAGS)
	trap 'scripts/test-postgres.sh stop' EXIT; scripts/test-postgres.sh start || exit 1; \
	TEST_POSTGRES_URL=$$(cat .build/postgres-url) OMP_THREAD_LIMIT=1 TEST_PYTHON=$(CURDIR)/$(TEST_VENV)/bin/python \
	  ASAN_OPTIONS=handle_segv=0:handle_abort=0:detect_leaks=0 TSAN_OPTIONS=halt_on_error=0:handle_segv=0:handle_abort=0 \
	  swift test --skip-build --disable-swift-testing $(SWIFT_FLAGS) 2>&1 | tee $(TEST_LOG); \
	status=$${PIPESTATUS[0]}; \
	passed=$$(grep -c "^Test Case .* passed" $(TEST_LOG)); failed=$$(grep -c "^Test Case .* failed" $(TEST_LOG)); \
	skipped=$$(grep -c "Test Case .* skipped" $(TEST_LOG)); \
	echo "tests: $$passed passed, $$failed failed, $$skipped skipped"; \
	if [ -n "$(SANITIZE)" ]; then echo "sanitizer reports: $$(grep -c 'ERROR: AddressSanitizer\|WARNING: ThreadSanitizer' $(TEST_LOG))"; fi; \
	exit $$status

test-asan:
	$(MAKE) test SANITIZE=address
test-tsan:
	$(MAKE) test SANITIZE=thread

samplescans:
	/usr/bin/python3 scripts/make-samplescans.py

clean:
	rm -rf .build $(TEST_VENV) $(ARCHIVE)

# Throughput (CPU and wall), per-stage timings, memory, size and OCR error against bare Tesseract on the
# mixed intake corpus and on SampleScans copies (and OCRmyPDF if PEER is set); docs/performance.md.
bench: release
	@missing=$$(for t in /usr/bin/time bc tiffsplit tiff2pdf pdfimages perf; do command -v $$t >/dev/null || echo $$t; done; \
	  /usr/bin/python3 -c 'import Levenshtein' 2>/dev/null || echo python3-levenshtein); \
	if [ -n "$$missing" ]; then echo "Installing the benchmark's tools ($$missing)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq time bc libtiff-tools poppler-utils linux-perf python3-levenshtein >/dev/null; fi
	scripts/bench.sh

# The long crash test: 24 SIGKILLs at random moments of a batch, then a final run (issue #6).
torture: build
	OMP_THREAD_LIMIT=1 TORTURE_KILLS=24 swift test --skip-build --disable-swift-testing --filter ResumeTests.testKilledRunResumesToTheSameCatalogueAsAnUninterruptedRun

# OCR quality on the labelled evaluation set (issue #7): CER/WER of bare Tesseract and of our pipeline
# on clean, degraded and rotated pages, rotation results, post-correction right/wrong counts.
# Search latency on 100,000 generated pages (about a minute to build them): p50/p95 per query.
# Skipped in `make test`, which does not set SEARCH_BENCHMARK.
# One batch shared by 1, 2 and 3 processes through PostgreSQL, beside the SQLite run (issue #8).
# libFuzzer targets with AddressSanitizer, FUZZ_SECONDS each (default 60); see docs/hardening.md.
.PHONY: fuzz
fuzz: deps
	scripts/fuzz.sh

# What page worker processes cost against reading pages on the run's threads (issue #16).
.PHONY: bench-isolation
bench-isolation: release
	@command -v bc >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bc >/dev/null
	scripts/bench-isolation.sh

.PHONY: bench-workers
bench-workers: release
	@command -v bc >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bc >/dev/null
	scripts/bench-workers.sh

.PHONY: bench-reading-room
# READERS (50) concurrent searches on `digitize serve` while a run adds COPIES×SampleScans to the same archive.
bench-reading-room: build
	@command -v bc >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bc >/dev/null
	DIGITIZE=$(CURDIR)/.build/debug/digitize scripts/bench-reading-room.sh

.PHONY: bench-search
bench-search: build
	SEARCH_BENCHMARK=1 swift test --skip-build --disable-swift-testing --filter SearchPerformanceTests 2>&1 | tee .build/bench-search.log | \
	  grep -E "search benchmark|error|failed"; exit $${PIPESTATUS[0]}

.PHONY: eval-ocr
eval-ocr: release
	@[ -f Tests/Fixtures/OCREval/ground-truth.json ] || /usr/bin/python3 scripts/make-ocr-evalset.py
	scripts/eval-ocr.sh

# The scale simulation (issue #19, docs/scale.md): N worker processes (SCALE_WORKERS, "10 50 100 200")
# running the real shared-store protocol with OCR replaced by a fixed delay, against a throw-away
# PostgreSQL; then the chaos run (random SIGKILLs, a database restart, a frozen worker). Not in `make test`.
.PHONY: bench-scale bench-scale-chaos bench-scale-sizing
bench-scale: release
	swift build -c release --product digitize-scale-sim
	@command -v bc >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bc >/dev/null
	scripts/bench-scale.sh
	scripts/bench-scale-chaos.sh

bench-scale-chaos: release
	scripts/bench-scale-chaos.sh

# 10^6 synthetic done pages loaded into PostgreSQL: bytes per page per table and index, extrapolated
# to 10^8, and the README's search queries timed (SIZING_PAGES to change the size; tens of minutes).
bench-scale-sizing: release
	scripts/bench-scale-sizing.sh
