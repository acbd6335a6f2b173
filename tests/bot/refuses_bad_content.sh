#!/usr/bin/env bash
# The server refuses to start on broken content and says which file and JSON path.
# Usage: refuses_bad_content.sh <kneebot binary> <source dir>
set -u
bin=$1
src=$2
. "$(dirname "$0")/content_copy.sh" "$src"

fail=0
expect_refusal() {  # <what> <expected text>
  out=$(timeout 20 "$bin" --content-root "$tmp" --port 0 2>&1)
  code=$?
  if [ "$code" -ne 1 ]; then
    echo "FAIL ($1): exit code $code, want 1"; echo "$out"; fail=1
  elif ! grep -qF -- "$2" <<<"$out"; then
    echo "FAIL ($1): output lacks '$2'"; echo "$out"; fail=1
  else
    echo "ok ($1): $2"
  fi
}

# A misspelt slot in a red flag.
cp "$tmp/dialogs/data/red_flags.json" "$tmp/rf.bak"
python3 - "$tmp/dialogs/data/red_flags.json" <<'PY'
import json, sys
p = sys.argv[1]; d = json.load(open(p))
d["red_flags"][0]["when"] = {"slot": "calff", "is": "yes"}
json.dump(d, open(p, "w"))
PY
expect_refusal "unknown slot" "red_flags.json:/red_flags/0/when/slot: unknown slot 'calff'"
cp "$tmp/rf.bak" "$tmp/dialogs/data/red_flags.json"

# A bad regex in the intents.
cp "$tmp/intents/data/intents.json" "$tmp/in.bak"
python3 - "$tmp/intents/data/intents.json" <<'PY'
import json, sys
p = sys.argv[1]; d = json.load(open(p))
d["intents"][0]["patterns"] = ["(unclosed"]
json.dump(d, open(p, "w"))
PY
expect_refusal "bad pattern" "intents.json:/intents/0/patterns/0"
cp "$tmp/in.bak" "$tmp/intents/data/intents.json"

# Not JSON at all.
echo '{"schema": 1, "questions": [' > "$tmp/dialogs/data/flow.json"
expect_refusal "not JSON" "flow.json: not valid JSON"

exit $fail
