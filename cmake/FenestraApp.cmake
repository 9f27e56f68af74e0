# fenestra_app(NAME <app> CONFIG <app.yaml>
#              PARTITION <name> SOURCES <c files> [DEFINES <defs>]
#                        [OPTIONS <compiler flags, e.g. the FPU's>]
#              [PARTITION ...])
#
# For one app: runs the config compiler, builds each partition's ELF with
# its generated linker script, lists the system calls the partitions make
# (tools/svcscan), and builds the kernel with the generated tables and
# those calls: as the simulator executable `<app>-sim` in host builds, as
# the static library `<app>_kernel` and the firmware image `<app>-fw`
# (cmake/Firmware.cmake) in the cross build.
# Every kernel/*.c file is the kernel core (one concern per file).
file(GLOB FENESTRA_KERNEL_CORE CONFIGURE_DEPENDS ${FENESTRA_ROOT}/kernel/*.c)
set(FENESTRA_KERNEL_SOURCES
  ${FENESTRA_KERNEL_CORE}
  ${FENESTRA_ROOT}/arch/armv7m/systick.c
  ${FENESTRA_ROOT}/arch/armv7m/mpu.c
  ${FENESTRA_ROOT}/arch/armv7m/arch_mpu.c
  ${FENESTRA_ROOT}/arch/armv7m/fault_status.c
  ${FENESTRA_ROOT}/arch/armv7m/uart_cmsdk.c
  ${FENESTRA_ROOT}/arch/armv7m/nvic.c)

# The simulator's parts that see the kernel's arena (its layout depends on
# each app's pool sizes), compiled with each app's kernel: the debugger
# core and the recorder/replayer.
set(FENESTRA_SIM_APP_SOURCES
  ${FENESTRA_ROOT}/sim/debug/breaks.c
  ${FENESTRA_ROOT}/sim/debug/inspect.c
  ${FENESTRA_ROOT}/sim/debug/repl.c
  ${FENESTRA_ROOT}/sim/debug/session.c
  ${FENESTRA_ROOT}/sim/debug/snapshot.c
  ${FENESTRA_ROOT}/sim/debug/symbols.c)

file(GLOB FENESTRA_BOARD_FILES ${FENESTRA_ROOT}/boards/*/board.yaml)

# The kernel core, its drivers and the generated tables are freestanding C11
# in both builds: only the compiler's own headers (stdint.h, stdbool.h,
# stddef.h) are reachable, so a libc include in kernel/ fails to compile.
execute_process(COMMAND ${CMAKE_C_COMPILER} -print-resource-dir
  OUTPUT_VARIABLE FENESTRA_CC_RESOURCE_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)
set(FENESTRA_FREESTANDING -ffreestanding -nostdinc -isystem ${FENESTRA_CC_RESOURCE_DIR}/include)

# Splits "PARTITION a SOURCES x.c PARTITION b SOURCES y.c" into lists
# <prefix>_PARTITIONS, <prefix>_<p>_SOURCES and <prefix>_<p>_DEFINES.
function(_fenestra_parse_partitions prefix)
  set(parts "")
  set(current "")
  set(mode "")
  foreach(arg IN LISTS ARGN)
    if(arg STREQUAL "PARTITION")
      set(mode name)
    elseif(arg STREQUAL "SOURCES" OR arg STREQUAL "DEFINES" OR arg STREQUAL "OPTIONS")
      set(mode ${arg})
    elseif(mode STREQUAL "name")
      set(current ${arg})
      list(APPEND parts ${arg})
      set(mode "")
    elseif(mode STREQUAL "SOURCES" OR mode STREQUAL "DEFINES" OR mode STREQUAL "OPTIONS")
      list(APPEND ${prefix}_${current}_${mode} ${arg})
    else()
      message(FATAL_ERROR "fenestra_app: unexpected argument '${arg}'")
    endif()
  endforeach()
  set(${prefix}_PARTITIONS ${parts} PARENT_SCOPE)
  foreach(p IN LISTS parts)
    set(${prefix}_${p}_SOURCES ${${prefix}_${p}_SOURCES} PARENT_SCOPE)
    set(${prefix}_${p}_DEFINES ${${prefix}_${p}_DEFINES} PARENT_SCOPE)
    set(${prefix}_${p}_OPTIONS ${${prefix}_${p}_OPTIONS} PARENT_SCOPE)
  endforeach()
endfunction()

function(fenestra_app)
  cmake_parse_arguments(APP "" "NAME;CONFIG" "" ${ARGN})
  _fenestra_parse_partitions(P ${APP_UNPARSED_ARGUMENTS})
  get_filename_component(config ${APP_CONFIG} ABSOLUTE)
  if(CMAKE_CROSSCOMPILING)
    fenestra_fw_builds(${APP_NAME} _builds) # FENESTRA_FW_APPS (Firmware.cmake)
    if(NOT _builds)
      return()
    endif()
  endif()
  set(gen ${CMAKE_CURRENT_BINARY_DIR}/${APP_NAME}/gen)
  set(elfdir ${CMAKE_CURRENT_BINARY_DIR}/${APP_NAME}/elf)
  set(outputs ${gen}/cfg_gen.h ${gen}/cfg_gen.c)
  foreach(p IN LISTS P_PARTITIONS)
    list(APPEND outputs ${gen}/${p}.ld)
  endforeach()
  # A firmware tree is built for one board (FENESTRA_BOARD): every app in
  # it is compiled for that board, whichever its app.yaml names, and fcc
  # refuses an app that does not fit it (docs/boards.md, "One app, several
  # boards").  The simulator's tree uses each app's own board.
  # The app's board overlays (apps/<app>/boards/, docs/config.md) give its
  # memory on boards with another memory map.
  set(board_opt "")
  set(overlays "")
  get_filename_component(_appdir ${config} DIRECTORY)
  if(CMAKE_CROSSCOMPILING)
    set(board_opt --board ${FENESTRA_BOARD})
    if(IS_DIRECTORY ${_appdir}/boards)
      list(APPEND board_opt --overlays ${_appdir}/boards)
      file(GLOB overlays CONFIGURE_DEPENDS ${_appdir}/boards/*.yaml)
    endif()
  endif()
  add_custom_command(OUTPUT ${outputs}
    COMMAND ${FENESTRA_FCC} --app ${config} --boards ${FENESTRA_ROOT}/boards --out ${gen} ${board_opt}
    DEPENDS ${FENESTRA_FCC_DEPENDS} ${config} ${FENESTRA_BOARD_FILES} ${overlays}
    COMMENT "fcc: ${APP_NAME}"
    VERBATIM)
  add_custom_target(${APP_NAME}_config DEPENDS ${outputs})

  set(elfs "")
  foreach(p IN LISTS P_PARTITIONS)
    fenestra_add_partition(TARGET ${APP_NAME}_${p}
      OUTPUT ${elfdir}/${p}.elf
      LDSCRIPT ${gen}/${p}.ld
      SOURCES ${P_${p}_SOURCES}
      DEFINES ${P_${p}_DEFINES}
      COMPILE_OPTIONS ${P_${p}_OPTIONS})
    list(APPEND elfs ${APP_NAME}_${p})
  endforeach()

  # The system calls the partitions' code can make (tools/svcscan): the
  # kernel's table holds only their handlers (kernel/syscall.c), so the
  # kernel is compiled after the partitions, and again when their calls
  # change (svcscan leaves the header alone when they do not).
  set(scan_args "")
  set(elf_files "")
  foreach(p IN LISTS P_PARTITIONS)
    list(APPEND scan_args ${p}=${elfdir}/${p}.elf)
    list(APPEND elf_files ${elfdir}/${p}.elf)
  endforeach()
  add_custom_command(OUTPUT ${gen}/calls_gen.h
    COMMAND ${FENESTRA_SVCSCAN} --app ${APP_NAME} --out ${gen}/calls_gen.h ${scan_args}
    DEPENDS ${FENESTRA_SVCSCAN_DEPENDS} ${elf_files}
    COMMENT "svcscan: ${APP_NAME}"
    VERBATIM)

  add_library(${APP_NAME}_kernel STATIC ${FENESTRA_KERNEL_SOURCES} ${gen}/cfg_gen.c
    ${gen}/calls_gen.h)
  set_source_files_properties(${FENESTRA_KERNEL_SOURCES} ${gen}/cfg_gen.c
    PROPERTIES COMPILE_OPTIONS "${FENESTRA_FREESTANDING}")
  target_include_directories(${APP_NAME}_kernel PUBLIC
    ${FENESTRA_ROOT}/kernel ${gen} ${FENESTRA_ROOT}/arch)
  add_dependencies(${APP_NAME}_kernel ${APP_NAME}_config ${elfs})
  if(CMAKE_CROSSCOMPILING)
    target_include_directories(${APP_NAME}_kernel PUBLIC ${FENESTRA_ROOT}/arch/armv7m)
    add_custom_target(${APP_NAME} ALL DEPENDS ${elfs})
    add_dependencies(${APP_NAME} ${APP_NAME}_kernel)
    # The firmware image: kernel, Cortex-M port and partitions in one ELF.
    fenestra_firmware(APP ${APP_NAME} PARTITIONS ${P_PARTITIONS} ELF_DIR ${elfdir})
  else()
    target_sources(${APP_NAME}_kernel PRIVATE ${FENESTRA_ROOT}/arch/sim/port.c
      ${FENESTRA_SIM_APP_SOURCES})
    target_include_directories(${APP_NAME}_kernel PUBLIC ${FENESTRA_ROOT}/arch/sim)
    target_link_libraries(${APP_NAME}_kernel PUBLIC fenestra_sim)
    add_custom_command(OUTPUT ${gen}/config_digest.h
      COMMAND ${CMAKE_COMMAND} -DAPP=${config} -DBOARDS=${FENESTRA_ROOT}/boards
              -DOUT=${gen}/config_digest.h -P ${FENESTRA_ROOT}/cmake/config_digest.cmake
      DEPENDS ${config} ${FENESTRA_BOARD_FILES} ${FENESTRA_ROOT}/cmake/config_digest.cmake
      VERBATIM)
    add_executable(${APP_NAME}-sim ${FENESTRA_ROOT}/sim/main.c ${gen}/config_digest.h)
    target_compile_definitions(${APP_NAME}-sim PRIVATE FENESTRA_ELF_DIR="${elfdir}")
    # An app's scenario file (stimulus.txt beside its app.yaml) is its
    # default input; --stimulus replaces it.
    get_filename_component(_appdir ${config} DIRECTORY)
    if(EXISTS ${_appdir}/stimulus.txt)
      target_compile_definitions(${APP_NAME}-sim PRIVATE
        FENESTRA_STIMULUS="${_appdir}/stimulus.txt")
      set(${APP_NAME}_STIMULUS ${_appdir}/stimulus.txt CACHE INTERNAL "")
    endif()
    target_link_libraries(${APP_NAME}-sim PRIVATE ${APP_NAME}_kernel)
    add_dependencies(${APP_NAME}-sim ${elfs})
    set_target_properties(${APP_NAME}-sim PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
    # The firmware's console stream (QEMU, a board) split into console text
    # and this app's events (tools/qemu/fwlog.c).
    add_executable(${APP_NAME}-fwlog ${FENESTRA_ROOT}/tools/qemu/fwlog.c)
    target_link_libraries(${APP_NAME}-fwlog PRIVATE fenestra_fwlog ${APP_NAME}_kernel)
    set_target_properties(${APP_NAME}-fwlog PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
  endif()
  set_property(GLOBAL APPEND PROPERTY FENESTRA_APPS ${APP_NAME})
  set(${APP_NAME}_ELF_DIR ${elfdir} CACHE INTERNAL "")
endfunction()
