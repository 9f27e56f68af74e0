#!/usr/bin/env bash
# Installs the Debian 12 packages Fenestra uses, and Unicorn >= 2.1 from
# Debian 13's binary packages (see DESIGN.md: Debian 12's 2.0.1 is ~10x
# slower on stores and lacks the software-TLB hooks).  Idempotent: a second
# run installs nothing.  Must run as root (./fenestra adds sudo when needed).
set -euo pipefail

# Exactly the packages the project uses so far, and why.
PACKAGES=(
  clang lld llvm            # host compiler, cross compiler and linker for Thumb-2
  libclang-rt-14-dev        # ASan/UBSan runtimes for the `sim` preset
  cmake ninja-build pkg-config
  libyaml-dev               # config compiler
  libelf-dev                # partition ELF loading in the simulator
  libcmocka-dev             # unit tests
  zlib1g-dev                # recordings: CRC-32 of HEAD, SCEN and END chunks
  libxxhash-dev             # recordings: XXH3 of DATA chunks
  nettle-dev                # recordings: SHA-256 of the config and binaries
  picolibc-arm-none-eabi    # partition C library (pulls gcc-arm-none-eabi's libgcc)
  qemu-system-arm           # firmware runs: ./fenestra qemu/diff, tests labelled qemu and diff
  libjson-c-dev             # fenestra-trace tests: read back the Perfetto JSON export
  gtkwave                   # vcd2fst: checks VCD exports in tests
  gdb-multiarch             # debugger tests (the GDB stub)
)
UNICORN_MIN=2.1.0
UNICORN_DEBS=(libunicorn2t64 libunicorn-dev)

log() { printf 'install-deps: %s\n' "$*" >&2; }

missing_packages() {
  local p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

unicorn_ok() {
  local v
  v=$(pkg-config --modversion unicorn 2>/dev/null) || return 1
  dpkg --compare-versions "$v" ge "$UNICORN_MIN"
}

# The archive that already serves Debian 12 on this machine, so a local
# mirror or proxy keeps working and no mirror is hard-coded here.  Prefers a
# binary (`deb`, not `deb-src`) entry for the suite bookworm, else any binary
# entry of a Debian suite that is not a security or updates suite.
debian_archive_uri() {
  local f uri want dir=${FENESTRA_APT_DIR:-/etc/apt}  # overridable for tests
  for want in bookworm any; do
    for f in "$dir"/sources.list.d/*.sources; do
      [ -r "$f" ] || continue
      # deb822 stanzas; field names are case-insensitive.
      uri=$(awk -v want="$want" 'BEGIN { RS = ""; FS = "\n" }
        {
          types = ""; suites = ""; uris = ""
          for (i = 1; i <= NF; i++) {
            split($i, kv, ":"); key = tolower(kv[1])
            val = substr($i, index($i, ":") + 1)
            if (key == "types") types = " " val " "
            else if (key == "suites") suites = " " val " "
            else if (key == "uris") uris = val
          }
          if (types !~ /[ \t]deb[ \t]/ || uris == "") next
          if (want == "bookworm" && suites !~ /[ \t]bookworm[ \t]/) next
          if (want == "any" && suites ~ /-(security|updates)/) next
          split(uris, u, /[ \t]+/); for (j in u) if (u[j] != "") { print u[j]; exit }
        }' "$f")
      [ -n "$uri" ] && { echo "$uri"; return 0; }
    done
    for f in "$dir"/sources.list "$dir"/sources.list.d/*.list; do
      [ -r "$f" ] || continue
      uri=$(awk -v want="$want" '$1 == "deb" {
              i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
              if (want == "bookworm" && $(i+1) != "bookworm") next
              if (want == "any" && $(i+1) ~ /-(security|updates)/) next
              print $i; exit }' "$f")
      [ -n "$uri" ] && { echo "$uri"; return 0; }
    done
  done
  return 1
}

install_unicorn_from_trixie() {
  local uri tmp
  uri=$(debian_archive_uri) || {
    log "no apt source for Debian 12 (bookworm) found in /etc/apt; cannot locate the archive"
    log "install libunicorn-dev >= $UNICORN_MIN by hand (Debian 13 'trixie' packages ${UNICORN_DEBS[*]})"
    exit 1
  }
  # Debian 13's archive key came to Debian 12 in a debian-archive-keyring
  # update; an older image needs that update before apt trusts trixie.
  if ! ls /etc/apt/trusted.gpg.d/debian-archive-trixie-* /usr/share/keyrings/debian-archive-trixie-* >/dev/null 2>&1; then
    log "updating debian-archive-keyring for Debian 13's archive key"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q debian-archive-keyring >&2
  fi
  tmp=$(mktemp -d)
  trap "rm -rf '$tmp'" EXIT
  mkdir -p "$tmp/lists/partial" "$tmp/archives/partial" "$tmp/parts"
  echo "deb $uri trixie main" > "$tmp/sources.list"
  chmod -R a+rwx "$tmp"
  # A private source list, package lists and cache: the machine's own apt
  # configuration is never changed.
  local opts=(-o "Dir::Etc::SourceList=$tmp/sources.list"
              -o "Dir::Etc::SourceParts=$tmp/parts"
              -o "Dir::State::Lists=$tmp/lists"
              -o "Dir::Cache::Archives=$tmp/archives")
  log "fetching ${UNICORN_DEBS[*]} from $uri trixie (temporary source list)"
  apt-get "${opts[@]}" -q update >&2
  (cd "$tmp" && apt-get "${opts[@]}" -q download "${UNICORN_DEBS[@]}" >&2)
  apt-get install -y -q "$tmp"/*.deb >&2
  rm -rf "$tmp"
}

usage() {
  cat <<USAGE
usage: tools/install-deps.sh [--check | --print]
  (no option)  install whatever is missing (needs root)
  --check      exit 0 when everything is present, else list what is missing
  --print      print the apt-get command that installs the Debian 12 packages
USAGE
}

check() {
  local missing
  missing=$(missing_packages)
  unicorn_ok || missing="$missing libunicorn-dev>=$UNICORN_MIN(Debian 13)"
  [ -z "$missing" ] && return 0
  echo "missing: $(echo $missing)" >&2
  return 1
}

main() {
  case "${1:-}" in
    --check) check; return ;;
    --print) echo "apt-get install -y --no-install-recommends ${PACKAGES[*]}"; return ;;
    -h|--help) usage; return ;;
    "") ;;
    *) echo "install-deps: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  local missing
  missing=$(missing_packages)
  if [ -n "$missing" ]; then
    log "installing: $(echo $missing)"
    apt-get update -q >&2 || log "apt-get update failed; trying the package lists already present"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >&2
  fi
  if ! unicorn_ok; then
    install_unicorn_from_trixie
    unicorn_ok || { log "Unicorn is still older than $UNICORN_MIN after install"; exit 1; }
  fi
  log "all dependencies present (unicorn $(pkg-config --modversion unicorn))"
}

# Sourced by tests (FENESTRA_INSTALL_DEPS_LIB=1): define functions only.
[ -n "${FENESTRA_INSTALL_DEPS_LIB:-}" ] || main "$@"
