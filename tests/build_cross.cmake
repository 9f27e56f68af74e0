# cmake -DROOT=<source> -DBIN=<dir> [-DBOARD=<board>] [-DAPPS=a,b] [-DSCENARIOS=ON]
#       [-DTRACE=OFF] -P build_cross.cmake
#
# APPS: the apps the tree builds (FENESTRA_FW_APPS), comma-separated; all
# when absent.  A small board takes only the apps that fit it.
# SCENARIOS=ON: also the simulator's scenario apps (tests/qemu/fw).
# TRACE=OFF: the images without the kernel's trace (FENESTRA_FW_TRACE).
#
# Configures and builds the mps2-an385 cross preset's tree (kernel core with
# each app's tables, the UART driver, every partition) in BIN and fails on
# any error or warning: "zero warnings on both builds".
if(NOT BOARD)
  set(BOARD mps2-an385)
endif()
if(NOT SCENARIOS)
  set(SCENARIOS OFF)
endif()
if(NOT DEFINED TRACE)
  set(TRACE ON)
endif()
string(REPLACE "," ";" APPS "${APPS}")
execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${ROOT} -B ${BIN} -G Ninja -DFENESTRA_BOARD=${BOARD}
          "-DFENESTRA_FW_APPS=${APPS}" -DFENESTRA_FW_SCENARIOS=${SCENARIOS}
          -DFENESTRA_FW_TRACE=${TRACE}
          -DCMAKE_TOOLCHAIN_FILE=${ROOT}/cmake/toolchain-thumbv7m-none-eabi.cmake
          -DCMAKE_BUILD_TYPE=MinSizeRel
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configure failed:\n${out}\n${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BIN}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cross build failed:\n${out}\n${err}")
endif()
if("${out}${err}" MATCHES "warning")
  message(FATAL_ERROR "cross build has warnings:\n${out}\n${err}")
endif()
file(GLOB_RECURSE elfs ${BIN}/apps/*.elf ${BIN}/tests/qemu/fw/*.elf)
file(GLOB_RECURSE kernels ${BIN}/apps/*_kernel.a ${BIN}/tests/qemu/fw/*_kernel.a)
list(LENGTH elfs n_elf)
list(LENGTH kernels n_kernel)
if(n_elf LESS 5 OR n_kernel LESS 2)
  message(FATAL_ERROR "expected partitions and kernels, found ${n_elf} ELF files, ${n_kernel} kernels")
endif()
message(STATUS "cross build: ${n_kernel} kernels, ${n_elf} partitions, no warnings")
