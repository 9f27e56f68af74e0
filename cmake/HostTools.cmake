# Cross build: the config compiler (tools/fcc) and the scan of the calls
# each app's partitions make (tools/svcscan) must run on the build machine,
# so each is built as a separate host project with the host's clang.
include(ExternalProject)

# tools/<tool> built for the host: sets FENESTRA_<VAR> to the binary and
# FENESTRA_<VAR>_DEPENDS to what a command running it depends on (the
# binary too, so that a changed tool runs those commands again).
function(_fenestra_host_tool tool var)
  set(dir ${CMAKE_BINARY_DIR}/host-${tool})
  ExternalProject_Add(${tool}_host
    SOURCE_DIR ${FENESTRA_ROOT}/tools/${tool}
    BINARY_DIR ${dir}
    CMAKE_ARGS -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Release -G Ninja
    INSTALL_COMMAND ""
    BUILD_ALWAYS ON # ninja inside decides what is stale; without it, source changes go unseen
    BUILD_BYPRODUCTS ${dir}/${tool})
  set(FENESTRA_${var} ${dir}/${tool} PARENT_SCOPE)
  set(FENESTRA_${var}_DEPENDS ${tool}_host ${dir}/${tool} PARENT_SCOPE)
endfunction()

_fenestra_host_tool(fcc FCC)
_fenestra_host_tool(svcscan SVCSCAN)
