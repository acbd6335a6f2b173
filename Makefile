# The two commands of the README:
#   make run   installs what is missing, builds Release, starts kneebot on 127.0.0.1:8080
#   make test  installs what is missing, builds, runs every test through ctest
# Flags for the server go in ARGS, e.g. `make run ARGS="--region UK --port 9000"`.

BUILD ?= build
RUN_BUILD ?= build-release
JOBS  ?= $(shell nproc)
ARGS  ?=

.PHONY: run server test build deps bench clean

deps:
	bash scripts/install-deps.sh

# The server alone (no test suites), so the first `make run` is quick.
server: deps
	cmake -S . -B $(RUN_BUILD) -DCMAKE_BUILD_TYPE=Release -DKNEEBOT_BUILD_TESTS=OFF
	cmake --build $(RUN_BUILD) -j $(JOBS) --target kneebot

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DKNEEBOT_BUILD_TESTS=ON
	cmake --build $(BUILD) -j $(JOBS)

run: server
	./$(RUN_BUILD)/bot/kneebot $(ARGS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	./$(BUILD)/tests/intents/intents_bench

clean:
	rm -rf $(BUILD) $(RUN_BUILD)
