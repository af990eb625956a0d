#!/usr/bin/env bash
# Build one Redis or Valkey server from the local git mirror, outside the repository.
#
#   scripts/build-server.sh <redis|valkey> <tag|HEAD>
#
# Sources and the build go to $FAILSCOPE_BUILD_DIR/<server>-<tag>/ (default /work/build); nothing is
# written inside the repository. Idempotent: a finished build (src/redis-server or src/valkey-server
# present) is not rebuilt. Prints the server binary's absolute path as the only line on stdout; make's
# output goes to <dir>/build.log. Mirrors: $FAILSCOPE_REDIS_GIT (default /work/.mirror/redis+redis/repo),
# $FAILSCOPE_VALKEY_GIT (default /work/.mirror/valkey-io+valkey/repo).
#
# Flags: MALLOC=libc (no bundled jemalloc build), CFLAGS="-fcommon -w" (GCC >= 10 defaults to -fno-common,
# which breaks the link of 3.x-5.x; -w silences old sources' warnings), BUILD_TLS=no. One `make -j2` at a
# time: the machine has 2 cores.
set -euo pipefail

usage() { echo "usage: $0 <redis|valkey> <tag|HEAD>" >&2; exit 2; }
[ $# -eq 2 ] || usage
server=$1 tag=$2
case $server in
  redis)  git_dir=${FAILSCOPE_REDIS_GIT:-/work/.mirror/redis+redis/repo} ;;
  valkey) git_dir=${FAILSCOPE_VALKEY_GIT:-/work/.mirror/valkey-io+valkey/repo} ;;
  *) usage ;;
esac
build_root=${FAILSCOPE_BUILD_DIR:-/work/build}

if ! commit=$(git --git-dir="$git_dir" rev-parse --verify --quiet "$tag^{commit}"); then
  echo "$0: $server has no tag or commit '$tag' in $git_dir" >&2
  exit 2
fi
dir=$build_root/$server-$tag
mkdir -p "$build_root"
# One build of a directory at a time (record-versions.sh may ask for a server another run is building).
exec 9>"$dir.lock"
flock 9
# Valkey's unstable branch installs valkey-server; every Redis and Valkey 7.2 also ships src/redis-server.
bin=
find_bin() {
  for b in "$dir/src/$server-server" "$dir/src/redis-server"; do
    if [ -x "$b" ]; then bin=$b; return 0; fi
  done
  return 1
}
if [ -f "$dir/.failscope-commit" ] && [ "$(cat "$dir/.failscope-commit")" = "$commit" ] && find_bin; then
  echo "$bin"
  exit 0
fi

rm -rf "$dir"
mkdir -p "$dir"
git --git-dir="$git_dir" archive "$commit" | tar x -C "$dir"
if ! make -C "$dir" -j2 MALLOC=libc CFLAGS="-fcommon -w" BUILD_TLS=no >"$dir/build.log" 2>&1; then
  echo "$0: build of $server $tag failed; see $dir/build.log" >&2
  tail -n 20 "$dir/build.log" >&2
  exit 1
fi
find_bin || { echo "$0: build of $server $tag produced no server binary in $dir/src" >&2; exit 1; }
echo "$commit" >"$dir/.failscope-commit"
echo "$bin"
