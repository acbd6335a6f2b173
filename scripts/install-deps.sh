#!/usr/bin/env bash
# Installs the Debian packages kneebot needs to build and test (browser tests included),
# and only those missing.
# Runs apt-get as root (or through sudo when not root). Safe to run again.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libboost1.81-dev          # Beast and Asio (1.81: http::message_generator)
  nlohmann-json3-dev
  libre2-dev
  libspdlog-dev
  libgtest-dev googletest libgmock-dev
  libbenchmark-dev
  libsqlite3-dev
  libssl-dev
  chromium                  # browser tests (tests/browser): /usr/bin/chromium, headless
  fonts-dejavu-core         # so its screenshots have text
)
# Node.js runs the browser tests (playwright-core from npm). A machine that already has
# `node` (any source) keeps it; otherwise Debian's nodejs and npm. playwright-core needs
# Node >= 20: tests/browser/run.sh says so if the one found is older.
if ! command -v node >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
