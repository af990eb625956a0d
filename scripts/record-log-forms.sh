#!/usr/bin/env bash
# Record Valkey's other log line forms: a real master-sigkill incident (3 masters + 3 replicas, node
# timeout 2000 ms, 127.0.0.1) once per form, so that the log-form goldens fixtures/grammars/redis-log/
# valkey8-iso8601, -milliseconds, -logfmt, -logfmt-iso8601 and -logfmt-milliseconds are cut from real
# server output (issue 13).
#
#   scripts/record-log-forms.sh [--server BIN] [--base-port P] [--out DIR] [FORM ...]   # FORM: one of the forms below
#
# The server is Valkey's newest source in the mirror (commit 55bbbe09, "Configurable log and timestamp
# formats (logfmt, ISO8601) (#1022)", the first commit with `log-format` / `log-timestamp-format`: valkey
# src/config.c log_format_enum, log_timestamp_format_enum; no release tag of the mirror has them). This
# script builds nothing: BIN (default /work/build/valkey-HEAD/src/valkey-server, a build of that commit
# made beforehand outside the repository) must exist; its commit is
# read from the build's .failscope-commit. Each form is one recording in DIR/<form>/master-sigkill/
# (default /work/build/log-forms, outside the repository): node-<port>.log, snapshots, truth.json (its
# extraConfig names the options). The goldens hold a few dozen lines cut from those logs; each golden's
# README names the file and the line ranges. Nodes use P..P+5 and bus ports P+10000.. (default P=21100).
#
#   iso8601       log-timestamp-format iso8601, always-show-logo yes, TZ=Asia/Seoul (stamps end in +09:00)
#   milliseconds  log-timestamp-format milliseconds
#   logfmt        log-format logfmt (legacy stamps), TZ=America/New_York (the golden reads them in that zone)
#   logfmt-iso8601       log-format logfmt, log-timestamp-format iso8601, TZ=America/New_York (-05:00 in December)
#   logfmt-milliseconds  log-format logfmt, log-timestamp-format milliseconds
set -euo pipefail
cd "$(dirname "$0")/.."

base_port=21100
out=/work/build/log-forms
bin=/work/build/valkey-HEAD/src/valkey-server
forms=()
while [ $# -gt 0 ]; do
  case $1 in
    --server) bin=$2; shift 2 ;;
    --base-port) base_port=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -*) echo "$0: unknown option $1" >&2; exit 2 ;;
    iso8601|milliseconds|logfmt|logfmt-iso8601|logfmt-milliseconds) forms+=("$1"); shift ;;
    *) echo "$0: unknown form $1 (iso8601, milliseconds, logfmt, logfmt-iso8601, logfmt-milliseconds)" >&2; exit 2 ;;
  esac
done
[ ${#forms[@]} -gt 0 ] || forms=(iso8601 milliseconds logfmt logfmt-iso8601 logfmt-milliseconds)

[ -x "$bin" ] || { echo "$0: no server binary at $bin (see docs/versions.md, Re-recording)" >&2; exit 2; }
stamp="$(dirname "$(dirname "$bin")")/.failscope-commit"
if [ -f "$stamp" ]; then commit=$(cat "$stamp"); source="valkey commit ${commit:0:12} built from the upstream source"
else source="$bin"; fi
npx tsc -p tsconfig.json

failed=0
for form in "${forms[@]}"; do
  case $form in
    iso8601) tz=Asia/Seoul; config=(--config 'log-timestamp-format iso8601' --config 'always-show-logo yes') ;;
    milliseconds) tz=UTC; config=(--config 'log-timestamp-format milliseconds') ;;
    logfmt) tz=America/New_York; config=(--config 'log-format logfmt') ;;
    logfmt-iso8601) tz=America/New_York; config=(--config 'log-format logfmt' --config 'log-timestamp-format iso8601') ;;
    logfmt-milliseconds) tz=UTC; config=(--config 'log-format logfmt' --config 'log-timestamp-format milliseconds') ;;
  esac
  TZ=$tz node dist/fixtures/record/record.js --server "$bin" --source "$source" --out "$out/$form" \
    --base-port "$base_port" --loglevel verbose "${config[@]}" master-sigkill || failed=1
done
exit $failed
