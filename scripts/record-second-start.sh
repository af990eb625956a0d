#!/usr/bin/env bash
# Record fixtures/logs/second-start-fails/redis.log: a cluster-enabled redis-server on 127.0.0.1, a
# second redis-server started with the same config (same port, same logfile) that fails to listen
# and exits while the first keeps running, then a clean shutdown of the first.
# Usage: scripts/record-second-start.sh [redis-server binary] [port]   (default /usr/bin/redis-server 7911)
set -euo pipefail
server=${1:-/usr/bin/redis-server}
port=${2:-7911}
out="$(cd "$(dirname "$0")/.." && pwd)/fixtures/logs/second-start-fails"
dir=$(mktemp -d)
trap 'kill $(cat "$dir/pid1" 2>/dev/null) 2>/dev/null || true; rm -rf "$dir"' EXIT
cat > "$dir/r.conf" <<CONF
port $port
bind 127.0.0.1
cluster-enabled yes
cluster-config-file nodes.conf
cluster-node-timeout 2000
appendonly no
save ""
logfile $dir/redis.log
dir $dir
daemonize no
CONF
"$server" "$dir/r.conf" & echo $! > "$dir/pid1"
for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
if timeout 5 "$server" "$dir/r.conf"; then echo "the second server did not fail" >&2; exit 1; fi
sleep 1
redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
sleep 0.5
mkdir -p "$out"
cp "$dir/redis.log" "$out/redis.log"
echo "wrote $out/redis.log"
