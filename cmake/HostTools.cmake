# Cross build: the config compiler must run on the build machine, so it is
# built as a separate host project with the host's clang.
include(ExternalProject)
set(FCC_HOST_DIR ${CMAKE_BINARY_DIR}/host-fcc)
ExternalProject_Add(fcc_host
  SOURCE_DIR ${FENESTRA_ROOT}/tools/fcc
  BINARY_DIR ${FCC_HOST_DIR}
  CMAKE_ARGS -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Release -G Ninja
  INSTALL_COMMAND ""
  BUILD_ALWAYS ON # ninja inside decides what is stale; without it, fcc sources changes go unseen
  BUILD_BYPRODUCTS ${FCC_HOST_DIR}/fcc)
set(FENESTRA_FCC ${FCC_HOST_DIR}/fcc)
# The binary too, so that a changed fcc regenerates every app's tables.
set(FENESTRA_FCC_DEPENDS fcc_host ${FCC_HOST_DIR}/fcc)
