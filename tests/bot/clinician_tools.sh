#!/usr/bin/env bash
# The clinician's tools of the real binary:
#   kneebot --check-content   validates the content and exits (0 fine, 1 the problem);
#   kneebot --chat            the dialogue in the terminal, with slots, rules and level.
# Usage: clinician_tools.sh <kneebot binary> <source dir>
set -u
bin=$1
src=$2
. "$(dirname "$0")/content_copy.sh" "$src"
fail=0
check() {  # <what> <condition result 0/1> <output>
  if [ "$2" -ne 0 ]; then echo "FAIL ($1)"; echo "$3"; fail=1; else echo "ok ($1)"; fi
}

# Good content: exit 0, the version and review status named, no server started.
out=$(timeout 20 "$bin" --check-content --content-root "$tmp" 2>&1); code=$?
version=$(python3 -c "import json;print(json.load(open('$tmp/dialogs/data/responses.en.json'))['content_version'])")
[ "$code" -eq 0 ] && grep -qF "content OK (version $version, review draft)" <<<"$out"
check "check-content on good content" $? "$out"

# A content file of another version: exit 1, file and path named.
python3 - "$tmp/dialogs/data/knowledge.json" <<'PY'
import json, sys
p = sys.argv[1]; d = json.load(open(p)); d["content_version"] = "1999-01-01.1"
json.dump(d, open(p, "w"))
PY
out=$(timeout 20 "$bin" --check-content --content-root "$tmp" 2>&1); code=$?
[ "$code" -eq 1 ] && grep -qF "knowledge.json:/content_version: '1999-01-01.1' differs" <<<"$out"
check "check-content on a stale file" $? "$out"
cp "$src/dialogs/data/knowledge.json" "$tmp/dialogs/data/knowledge.json"

# --chat: a conversation typed on stdin; each turn shows the slots, rules and level.
out=$(printf 'my kneecap slipped out of place at netball\n1\n/quit\n' |
      timeout 20 "$bin" --chat --content-root "$tmp" 2>&1); code=$?
[ "$code" -eq 0 ] &&
  grep -qF -- '-- slots: {' <<<"$out" &&
  grep -qF '"kneecap_dislocated":"yes"' <<<"$out" &&
  grep -qF -- '-- level: urgent' <<<"$out" &&
  grep -qF 'rules: U4' <<<"$out" &&
  grep -qF 'bot> ' <<<"$out" &&
  grep -qE '^     \[1\] ' <<<"$out"
check "chat shows slots, rules and level" $? "$out"

exit $fail
