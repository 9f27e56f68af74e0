#!/usr/bin/env bash
# Which archive tools/install-deps.sh takes Unicorn 2.1 from, for the apt
# source layouts a Debian 12 machine may have.
set -euo pipefail
FENESTRA_INSTALL_DEPS_LIB=1 source "$(dirname "$0")/../../tools/install-deps.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

expect() { # NAME WANTED: runs the lookup on $tmp/case
  local got
  got=$(FENESTRA_APT_DIR=$tmp/case debian_archive_uri || echo "(none)")
  if [ "$got" = "$2" ]; then echo "ok   $1"; else echo "FAIL $1: got '$got', want '$2'"; fail=1; fi
}
layout() { rm -rf "$tmp/case"; mkdir -p "$tmp/case/sources.list.d"; }

layout
printf 'Types: deb\nURIs: http://mirror.local/debian\nSuites: bookworm bookworm-updates\nComponents: main\n\n' \
  > "$tmp/case/sources.list.d/debian.sources"
printf 'Types: deb\nURIs: http://mirror.local/debian-security\nSuites: bookworm-security\n' \
  >> "$tmp/case/sources.list.d/debian.sources"
expect "deb822 bookworm" "http://mirror.local/debian"

layout
printf 'Types: deb-src\nURIs: http://src.local/debian\nSuites: bookworm\n\ntypes: deb\nuris: http://bin.local/debian\nsuites: bookworm\n' \
  > "$tmp/case/sources.list.d/debian.sources"
expect "deb-src skipped, lowercase keys" "http://bin.local/debian"

layout
printf 'Types: deb\nURIs: http://sec.local/debian-security\nSuites: stable-security\n\nTypes: deb\nURIs: http://stable.local/debian\nSuites: stable\n' \
  > "$tmp/case/sources.list.d/debian.sources"
expect "suite named stable" "http://stable.local/debian"

layout
printf '# comment\ndeb-src http://src.local/debian bookworm main\ndeb [arch=amd64 signed-by=/k.gpg] http://one.local/debian bookworm main\n' \
  > "$tmp/case/sources.list"
expect "one-line format with options" "http://one.local/debian"

layout
expect "no Debian source" "(none)"

[ "$fail" = 0 ] && echo "5 passed, 0 failed" || { echo "archive lookup: failures"; exit 1; }
