# The two commands of the README:
#   make run   installs what is missing, builds Release, starts kneebot on 127.0.0.1:8080
#   make test  installs what is missing, builds, runs every test through ctest
# Flags for the server go in ARGS, e.g. `make run ARGS="--region UK --port 9000"`.

BUILD ?= build
JOBS  ?= $(shell nproc)
ARGS  ?=

.PHONY: run test build deps bench clean

deps:
	bash scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/bot/kneebot $(ARGS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	./$(BUILD)/tests/intents/intents_bench

clean:
	rm -rf $(BUILD)
