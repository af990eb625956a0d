#!/usr/bin/env bash
# Byte-identity of two builds on every recording: a speed change must not change one output byte.
#
#   Copy the base build first (tsc rewrites dist/ in place, also under a running comparison):
#     rm -rf /tmp/base && mkdir /tmp/base && cp -r dist bin package.json /tmp/base/ && ln -s "$PWD/node_modules" /tmp/base/
#   scripts/same-output.sh /tmp/base/bin/failscope.js bin/failscope.js
#
# For every recording (a folder with truth.json under fixtures/): `analyze` as json, text and markdown
# and `timeline --format json`, with exit codes and stderr; for fixtures/incidents/*: `report`. The
# base build's outputs are kept in $SAME_CACHE (default: a folder named after the base path under
# $TMPDIR), so a series of changes against one base pays for the base once; delete it when the base
# changes. Prints "ALL SAME (N outputs)" or each differing output, and exits 1 on any difference.
set -u
BASE=$(realpath "$1")
NEW=$(realpath "$2")
cd "$(dirname "$0")/.."
TMP=${TMPDIR:-/tmp}
CACHE=${SAME_CACHE:-$TMP/failscope-same/$(printf '%s' "$BASE" | sha256sum | cut -c1-12)}
OUT=${SAME_OUT:-$TMP/failscope-same/new-$$}
rm -rf "$OUT"
mkdir -p "$CACHE" "$OUT"
find fixtures -name truth.json -printf '%h\n' | sort > "$OUT/.dirs"
ls -d fixtures/incidents/*/ | sed 's#/$##' > "$OUT/.incidents"
run() { # bin outdir dir
  local bin=$1 od=$2 d=$3 k=${3//\//_}
  for f in json text markdown; do
    node "$bin" analyze -q --year 2026 -f $f "$d" > "$od/$k.a.$f" 2>&1
    echo "rc $?" >> "$od/$k.a.$f"
  done
  node "$bin" timeline --year 2026 -f json "$d" > "$od/$k.t.json" 2>&1
  echo "rc $?" >> "$od/$k.t.json"
}
export -f run
outputs() { # bin outdir
  xargs -P"$(nproc)" -I{} bash -c "run '$1' '$2' {}" < "$OUT/.dirs"
  while read -r d; do
    node "$1" report -q --year 2026 -o "$2/${d//\//_}.html" "$d" > /dev/null 2>&1
  done < "$OUT/.incidents"
}
if [ ! -f "$CACHE/.done" ]; then
  outputs "$BASE" "$CACHE"
  touch "$CACHE/.done"
fi
outputs "$NEW" "$OUT"
n=0
bad=0
for f in "$CACHE"/*; do
  b=$(basename "$f")
  n=$((n + 1))
  cmp -s "$f" "$OUT/$b" || { echo "DIFF $b (diff $f $OUT/$b)"; bad=$((bad + 1)); }
done
if [ $bad = 0 ]; then echo "ALL SAME ($n outputs)"; rm -rf "$OUT"; else echo "$bad of $n outputs differ"; exit 1; fi
