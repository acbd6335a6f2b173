# Sourced by the tests of the real binary: a private copy of the bundled content that a
# test may break. Sets $tmp (removed on exit) holding intents/data, dialogs/data and
# adapters/web copied from the source dir $1.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/intents" "$tmp/dialogs" "$tmp/adapters"
cp -r "$1/intents/data" "$tmp/intents/"
cp -r "$1/dialogs/data" "$tmp/dialogs/"
cp -r "$1/adapters/web" "$tmp/adapters/"
