# Host libraries of the simulator build.  An old Unicorn is refused with the
# way to get a new one: Debian 12 ships 2.0.1 (DESIGN.md, "Dependencies").
find_package(PkgConfig REQUIRED)

pkg_check_modules(UNICORN IMPORTED_TARGET unicorn)
if(NOT UNICORN_FOUND)
  message(FATAL_ERROR "Unicorn not found. Run tools/install-deps.sh (or ./fenestra build), "
                      "which installs libunicorn-dev 2.1 from Debian 13's packages.")
endif()
if(UNICORN_VERSION VERSION_LESS 2.1)
  message(FATAL_ERROR "Unicorn ${UNICORN_VERSION} is too old: Fenestra needs 2.1 or newer "
                      "(2.0 is ~10x slower on stores and lacks the software-TLB hooks). "
                      "Run tools/install-deps.sh to install Debian 13's libunicorn-dev 2.1.")
endif()

pkg_check_modules(LIBELF REQUIRED IMPORTED_TARGET libelf)
pkg_check_modules(CMOCKA REQUIRED IMPORTED_TARGET cmocka)
# Recordings (sim/replay/recording.c): xxHash's XXH3 checks DATA chunks,
# zlib's crc32 the others, nettle's SHA-256 identifies the config and
# binaries a run used.
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
pkg_check_modules(NETTLE REQUIRED IMPORTED_TARGET nettle)
