# Firmware.cmake - one firmware image per app: the kernel (with the app's
# tables and the Cortex-M port in arch/armv7m) and every partition's ELF,
# linked into one ELF that QEMU loads with -kernel and a probe flashes
# (docs/boards.md).
#
#   fenestra_firmware(APP <name> PARTITIONS <names> ELF_DIR <dir>)
#
# makes the target <name>-fw, written to <build>/fw/<name>.elf with a map
# beside it.  The board is FENESTRA_BOARD (the cross preset's); its folder
# gives memory.ld (the kernel's memory), board.yaml (irq_lines, the type of
# its console, which picks the console driver) and, if it has one, board.c
# (its clock and pin set-up).

include_guard(GLOBAL)

set(FENESTRA_BOARD "mps2-an385" CACHE STRING "board of the firmware images")
set(FENESTRA_BOARD_DIR ${FENESTRA_ROOT}/boards/${FENESTRA_BOARD})
if(NOT EXISTS ${FENESTRA_BOARD_DIR}/board.yaml OR NOT EXISTS ${FENESTRA_BOARD_DIR}/memory.ld)
  message(FATAL_ERROR "board '${FENESTRA_BOARD}': boards/${FENESTRA_BOARD}/ needs board.yaml and memory.ld")
endif()

# What the vector table and the console need from board.yaml (fcc checks
# the file; these read its one-line entries).
file(STRINGS ${FENESTRA_BOARD_DIR}/board.yaml _fen_lines REGEX "^irq_lines:")
string(REGEX REPLACE "^irq_lines: *([0-9]+).*" "\\1" FENESTRA_BOARD_IRQ_LINES "${_fen_lines}")

# The console driver follows the type of the board's console device:
# arch/armv7m/console_<driver>.c and the UART driver it uses.
file(STRINGS ${FENESTRA_BOARD_DIR}/board.yaml _fen_console REGEX "^console:")
string(REGEX REPLACE "^console: *([A-Za-z0-9_.-]+).*" "\\1" _fen_console "${_fen_console}")
file(STRINGS ${FENESTRA_BOARD_DIR}/board.yaml _fen_dev REGEX "name: *${_fen_console} *,")
if(_fen_dev MATCHES "type: *([a-z0-9-]+)")
  set(FENESTRA_BOARD_CONSOLE_TYPE ${CMAKE_MATCH_1})
endif()
if(FENESTRA_BOARD_CONSOLE_TYPE STREQUAL "cmsdk-uart")
  set(FENESTRA_CONSOLE_SOURCES ${FENESTRA_ROOT}/arch/armv7m/console_cmsdk.c)
elseif(FENESTRA_BOARD_CONSOLE_TYPE STREQUAL "stm32-usart")
  set(FENESTRA_CONSOLE_SOURCES ${FENESTRA_ROOT}/arch/armv7m/console_stm32.c
                               ${FENESTRA_ROOT}/arch/armv7m/uart_stm32.c)
else()
  message(FATAL_ERROR "boards/${FENESTRA_BOARD}/board.yaml: console '${_fen_console}' "
          "has type '${FENESTRA_BOARD_CONSOLE_TYPE}', which has no console driver "
          "(cmsdk-uart, stm32-usart; docs/boards.md, \"Adding a board\")")
endif()

# The board's own set-up before the console (clocks, pins): its board.c,
# or none.
if(EXISTS ${FENESTRA_BOARD_DIR}/board.c)
  set(FENESTRA_BOARD_SOURCES ${FENESTRA_BOARD_DIR}/board.c)
else()
  set(FENESTRA_BOARD_SOURCES ${FENESTRA_ROOT}/arch/armv7m/board_none.c)
endif()

# The FPU (board.yaml `fpu:`, checked by fcc): a board with one keeps lazy
# FP contexts (arch/armv7m/fp_lazy.c, FENESTRA_FPU in arch_context.h and so
# in every C file of the tree), one without has none (fp_none.c).  The
# kernel stays soft-float for the Cortex-M3 either way (docs/boards.md,
# "Floating point").
file(STRINGS ${FENESTRA_BOARD_DIR}/board.yaml _fen_fpu REGEX "^fpu:")
string(REGEX REPLACE "^fpu: *([a-z0-9-]+).*" "\\1" FENESTRA_BOARD_FPU "${_fen_fpu}")
if(FENESTRA_BOARD_FPU)
  add_compile_definitions(FENESTRA_FPU=1)
  set(FENESTRA_FP_SOURCES ${FENESTRA_ROOT}/arch/armv7m/fp_lazy.c
                          ${FENESTRA_ROOT}/arch/armv7m/fp_regs.S)
else()
  set(FENESTRA_FP_SOURCES ${FENESTRA_ROOT}/arch/armv7m/fp_none.c)
endif()

# The apps a firmware tree builds: all (empty), or this list.  A small
# board cannot hold every app: the tests name the apps built for each
# board (tests/qemu/CMakeLists.txt), and fcc says why an app does not fit.
set(FENESTRA_FW_APPS "" CACHE STRING "apps this firmware tree builds (empty: all)")
function(fenestra_fw_builds app out)
  if(NOT FENESTRA_FW_APPS OR app IN_LIST FENESTRA_FW_APPS)
    set(${out} ON PARENT_SCOPE)
  else()
    set(${out} OFF PARENT_SCOPE)
  endif()
endfunction()

find_program(FENESTRA_READELF NAMES llvm-readelf llvm-readelf-14 REQUIRED)

# The kernel's trace stream on the console (docs/boards.md, "Firmware
# without the trace"): OFF compiles the kernel and the port with
# FENESTRA_TRACE=0, so trace.h's calls are empty inlines, the arena has no
# ring, trace_out_events.c is left out and only the end record goes out.
# A board's UART has not the bandwidth for the trace, and a plain serial
# terminal then shows only text.  The simulator always has the trace.
option(FENESTRA_FW_TRACE "firmware: stream the kernel's trace events on the console" ON)
if(FENESTRA_FW_TRACE)
  set(FENESTRA_TRACE_SOURCES ${FENESTRA_ROOT}/arch/armv7m/trace_out_events.c)
else()
  set(FENESTRA_TRACE_SOURCES "")
endif()

set(FENESTRA_PORT_SOURCES
  ${FENESTRA_ROOT}/arch/armv7m/boot.c
  ${FENESTRA_ROOT}/arch/armv7m/clock.c
  ${FENESTRA_CONSOLE_SOURCES}
  ${FENESTRA_ROOT}/arch/armv7m/console_out.c
  ${FENESTRA_ROOT}/arch/armv7m/console_ring.c
  ${FENESTRA_BOARD_SOURCES}
  ${FENESTRA_ROOT}/arch/armv7m/context.c
  ${FENESTRA_ROOT}/arch/armv7m/exception.S
  ${FENESTRA_ROOT}/arch/armv7m/fault.c
  ${FENESTRA_FP_SOURCES}
  ${FENESTRA_ROOT}/arch/armv7m/idle.c
  ${FENESTRA_ROOT}/arch/armv7m/insn_access.c
  ${FENESTRA_ROOT}/arch/armv7m/irq.c
  ${FENESTRA_ROOT}/arch/armv7m/semihost.c
  ${FENESTRA_ROOT}/arch/armv7m/startup.c
  ${FENESTRA_ROOT}/arch/armv7m/trace_out.c
  ${FENESTRA_TRACE_SOURCES}
  ${FENESTRA_ROOT}/arch/armv7m/user_copy.c
  ${FENESTRA_ROOT}/arch/armv7m/vectors.c)

function(fenestra_firmware)
  cmake_parse_arguments(FW "" "APP;ELF_DIR" "PARTITIONS" ${ARGN})
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/${FW_APP}/fw)
  file(MAKE_DIRECTORY ${dir})
  set(parts "")
  set(elfs "")
  foreach(p IN LISTS FW_PARTITIONS)
    list(APPEND parts "${p}=${FW_ELF_DIR}/${p}.elf")
    list(APPEND elfs ${FW_ELF_DIR}/${p}.elf)
  endforeach()
  add_custom_command(OUTPUT ${dir}/partitions.S ${dir}/partitions.ld
    COMMAND ${CMAKE_COMMAND} -DOUT=${dir} -DOBJCOPY=${CMAKE_OBJCOPY}
            -DREADELF=${FENESTRA_READELF} "-DPARTS=${parts}"
            -P ${FENESTRA_ROOT}/cmake/firmware_images.cmake
    DEPENDS ${elfs} ${FENESTRA_ROOT}/cmake/firmware_images.cmake
    COMMENT "Partition images of ${FW_APP}"
    VERBATIM)
  # .incbin names the .bin files, which change with the ELFs.
  set_source_files_properties(${dir}/partitions.S PROPERTIES OBJECT_DEPENDS "${elfs}")
  file(WRITE ${dir}/image.ld.tmp
    "/* generated by cmake/Firmware.cmake: the image of ${FW_APP} on ${FENESTRA_BOARD} */\n"
    "INCLUDE memory.ld\nINCLUDE partitions.ld\nINCLUDE firmware.ld\n")
  file(COPY_FILE ${dir}/image.ld.tmp ${dir}/image.ld ONLY_IF_DIFFERENT)

  set(fw ${FW_APP}-fw)
  add_executable(${fw} ${FENESTRA_PORT_SOURCES} ${dir}/partitions.S)
  set_source_files_properties(${FENESTRA_PORT_SOURCES}
    PROPERTIES COMPILE_OPTIONS "${FENESTRA_FREESTANDING}")
  set_source_files_properties(${FENESTRA_ROOT}/arch/armv7m/vectors.c PROPERTIES
    COMPILE_DEFINITIONS FENESTRA_IRQ_LINES=${FENESTRA_BOARD_IRQ_LINES})
  target_link_libraries(${fw} PRIVATE ${FW_APP}_kernel
    ${FENESTRA_PICOLIBC_LIBC} ${FENESTRA_LIBGCC})
  if(NOT FENESTRA_FW_TRACE)
    # PUBLIC: the port's sources in ${fw} see it too.
    target_compile_definitions(${FW_APP}_kernel PUBLIC FENESTRA_TRACE=0)
  endif()
  target_link_options(${fw} PRIVATE
    -Wl,-T,${dir}/image.ld -L${dir} -L${FENESTRA_BOARD_DIR} -L${FENESTRA_ROOT}/arch/armv7m
    -Wl,-Map=${CMAKE_BINARY_DIR}/fw/${FW_APP}.map -Wl,--fatal-warnings)
  # Link-time optimisation in the optimised builds: the kernel and the port
  # are one program, and across their files calls inline and unused code
  # goes (about 9% of the kernel's text; docs/benchmarks.md).
  set(lto $<$<CONFIG:MinSizeRel,Release>:-flto>)
  target_compile_options(${FW_APP}_kernel PRIVATE ${lto})
  target_compile_options(${fw} PRIVATE ${lto})
  target_link_options(${fw} PRIVATE ${lto})
  set_target_properties(${fw} PROPERTIES
    OUTPUT_NAME ${FW_APP} SUFFIX .elf
    RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/fw
    LINK_DEPENDS "${dir}/image.ld;${dir}/partitions.ld;${FENESTRA_BOARD_DIR}/memory.ld;${FENESTRA_ROOT}/arch/armv7m/firmware.ld")
  add_dependencies(${fw} ${FW_APP})
endfunction()
