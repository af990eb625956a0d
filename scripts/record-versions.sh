#!/usr/bin/env bash
# Record real incidents on every server version failscope is checked against, into
# fixtures/versions/<server>-<version>/<scenario>/ (fixtures/record/README.md describes the files).
#
#   scripts/record-versions.sh [--base-port P] [--only verbose|debug|full|<scenario>] [LABEL ...]
#                                                   # LABEL e.g. redis-3.0.7, valkey-unstable
#   scripts/record-versions.sh --list
#
# Takes each server binary from $FAILSCOPE_SERVERS/<server>-<tag>/src/<server>-server (default
# FAILSCOPE_SERVERS=/work/build), built there beforehand from the upstream source, outside the
# repository: this repository holds no script that builds Redis or Valkey (docs/versions.md says why).
# A build that records its commit in <dir>/.failscope-commit gets it cited in truth.json.
# Redis 7.0.15 is Debian's /usr/bin/redis-server. Per version: master-sigkill at loglevel verbose, the
# same at loglevel debug (directory master-sigkill-debug: PFAIL lines), and for the versions marked "full"
# (all of them) every other scenario of FULL_SCENARIOS at verbose. Run from the repository root; needs
# /usr/bin/redis-cli (any 7.x redis-cli creates clusters on every server since 3.0). Nodes use P..P+5 and bus ports P+10000..;
# default P=20000. Versions are recorded one after the other; a failed scenario keeps its previous
# recording and makes the script exit 1 at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

base_port=20000
only=
# label server tag(or HEAD) depth   ("full": all scenarios, "sigkill": master-sigkill only)
VERSIONS=(
  "redis-3.0.7 redis 3.0.7 full"
  "redis-3.2.13 redis 3.2.13 full"
  "redis-4.0.14 redis 4.0.14 full"
  "redis-5.0.14 redis 5.0.14 full"
  "redis-6.0.20 redis 6.0.20 full"
  "redis-6.2.16 redis 6.2.16 full"
  "redis-7.0.15 debian - full"
  "redis-7.2.6 redis 7.2.6 full"
  "redis-7.4.1 redis 7.4.1 full"
  "valkey-7.2.7 valkey 7.2.7 full"
  "valkey-8.0.1 valkey 8.0.1 full"
  "valkey-unstable valkey HEAD full"
)
FULL_SCENARIOS=(manual-failover takeover-failover force-failover master-sigstop two-masters-killed shard-lost seed1-no-replica-segfault replica-never-synced)

labels=()
while [ $# -gt 0 ]; do
  case $1 in
    --base-port) base_port=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --list) for v in "${VERSIONS[@]}"; do echo "$v"; done; exit 0 ;;
    -*) echo "$0: unknown option $1" >&2; exit 2 ;;
    *) labels+=("$1"); shift ;;
  esac
done

npx tsc -p tsconfig.json
failed=0
for v in "${VERSIONS[@]}"; do
  read -r label server tag depth <<<"$v"
  if [ ${#labels[@]} -gt 0 ] && [[ ! " ${labels[*]} " == *" $label "* ]]; then continue; fi
  if [ "$server" = debian ]; then
    bin=/usr/bin/redis-server
    source="Debian package redis-server $(dpkg-query -W -f='${Version}' redis-server 2>/dev/null || echo '?')"
  else
    dir=${FAILSCOPE_SERVERS:-/work/build}/$server-$tag
    bin=$dir/src/$server-server
    if [ ! -x "$bin" ]; then echo "$0: $label: no server binary at $bin (build $server $tag there first)" >&2; failed=1; continue; fi
    commit=$(cat "$dir/.failscope-commit" 2>/dev/null || echo unknown)
    source="$server $tag (commit ${commit:0:12}) built from the upstream source"
  fi
  out=fixtures/versions/$label
  run() {
    node dist/fixtures/record/record.js --server "$bin" --source "$source" --out "$out" --base-port "$base_port" "$@" || failed=1
  }
  # --only verbose: just master-sigkill at verbose; debug: just its debug twin; full: just the other scenarios.
  if [ -z "$only" ] || [ "$only" = verbose ]; then run --loglevel verbose master-sigkill; fi
  if [ -z "$only" ] || [ "$only" = debug ]; then run --loglevel debug --suffix=-debug master-sigkill; fi
  if [ "$depth" = full ] && { [ -z "$only" ] || [ "$only" = full ]; }; then run --loglevel verbose "${FULL_SCENARIOS[@]}"; fi
  # --only <scenario>: that one of FULL_SCENARIOS, at verbose, on the "full" versions.
  case " ${FULL_SCENARIOS[*]} " in
    *" $only "*) if [ "$depth" = full ]; then run --loglevel verbose "$only"; fi ;;
  esac
done
exit $failed
