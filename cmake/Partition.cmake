# Partition.cmake - building partition ELF files.
#
# Partitions are Thumb-2 ELF files for Cortex-M3 (thumbv7m-none-eabi),
# linked at the addresses of the app's configuration and run unprivileged
# on the simulator, QEMU or a board.  They are built the same way in every
# preset: by custom commands calling clang directly, so the host build's
# flags (ASan, -fPIE, host includes) never reach them.
#
#   include(Partition)
#   fenestra_add_partition(
#     TARGET   <name>                 # custom target that builds the ELF
#     OUTPUT   <file.elf>             # relative: to CMAKE_CURRENT_BINARY_DIR
#     LDSCRIPT <generated .ld>        # from tools/fcc; INCLUDEs partition.ld
#     SOURCES  <c files...>           # relative: to CMAKE_CURRENT_SOURCE_DIR
#     [DEFINES  <NAME=value ...>]     # -D for these sources only
#     [INCLUDES <dirs...>]            # -I for these sources only
#     [COMPILE_OPTIONS <flags...>]    # after the common flags, e.g.
#                                     # -mfpu=fpv4-sp-d16 -mfloat-abi=softfp
#     [LINK_OPTIONS <flags...>]       # extra clang link flags, e.g.
#                                     # -Wl,--defsym=vfprintf=__i_vfprintf
#     [EXCLUDE_FROM_ALL])             # not built by the default target
#
# The ELF depends on LDSCRIPT by path only: whoever generates it
# (add_custom_command OUTPUT <ldscript>) makes it exist first.  The target
# gets the property FENESTRA_PARTITION_ELF (absolute path of the ELF); a
# <file>.map is written next to it.
#
# The runtime (user/: crt0, syscall stubs, stdio glue) is compiled once per
# build tree into an archive that every partition links with picolibc's
# libc.a and gcc-arm-none-eabi's libgcc.a.  The cache variables
# FENESTRA_PART_CLANG, FENESTRA_PART_AR, FENESTRA_PICOLIBC_INCLUDE_DIR,
# FENESTRA_PICOLIBC_LIBC and FENESTRA_LIBGCC may be set to override what
# is found here.

include_guard(GLOBAL)

# Commands recorded by the functions below use these policies wherever
# they are called from: depfile paths as written by the compiler.
cmake_policy(SET CMP0116 NEW)

get_filename_component(FENESTRA_ROOT "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)

# ---- tools and libraries ---------------------------------------------------

get_filename_component(_fen_cc_dir "${CMAKE_C_COMPILER}" DIRECTORY)
find_program(FENESTRA_PART_CLANG NAMES clang clang-14
  HINTS "${_fen_cc_dir}" NO_CMAKE_FIND_ROOT_PATH
  DOC "clang used to compile and link partitions")
find_program(FENESTRA_PART_AR NAMES llvm-ar llvm-ar-14
  HINTS "${_fen_cc_dir}" NO_CMAKE_FIND_ROOT_PATH
  DOC "llvm-ar used to archive the partition runtime")
if(NOT FENESTRA_PART_CLANG OR NOT FENESTRA_PART_AR)
  message(FATAL_ERROR
    "Partitions need clang and llvm-ar (clang ${FENESTRA_PART_CLANG}, "
    "llvm-ar ${FENESTRA_PART_AR}): install the Debian packages clang, lld "
    "and llvm (tools/install-deps.sh).")
endif()

set(_fen_picolibc_prefix /usr/lib/picolibc/arm-none-eabi)
find_path(FENESTRA_PICOLIBC_INCLUDE_DIR picolibc.h
  PATHS "${_fen_picolibc_prefix}/include"
  NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH
  DOC "picolibc headers for arm-none-eabi")
find_file(FENESTRA_PICOLIBC_LIBC libc.a
  PATHS "${_fen_picolibc_prefix}/lib/thumb/v7-m/nofp"
  NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH
  DOC "picolibc's libc.a for thumbv7m, soft float")
if(NOT FENESTRA_PICOLIBC_INCLUDE_DIR OR NOT FENESTRA_PICOLIBC_LIBC)
  message(FATAL_ERROR
    "picolibc for arm-none-eabi not found (looked in ${_fen_picolibc_prefix}): "
    "install the Debian package picolibc-arm-none-eabi (tools/install-deps.sh).")
endif()

# gcc-arm-none-eabi's libgcc (64-bit division, soft float), newest version.
file(GLOB _fen_libgcc_dirs LIST_DIRECTORIES true /usr/lib/gcc/arm-none-eabi/*)
list(SORT _fen_libgcc_dirs COMPARE NATURAL ORDER DESCENDING)
list(TRANSFORM _fen_libgcc_dirs APPEND /thumb/v7-m/nofp)
find_file(FENESTRA_LIBGCC libgcc.a
  PATHS ${_fen_libgcc_dirs}
  NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH
  DOC "libgcc.a for thumbv7m, soft float")
if(NOT FENESTRA_LIBGCC)
  message(FATAL_ERROR
    "libgcc.a for arm-none-eabi (thumb/v7-m/nofp) not found under "
    "/usr/lib/gcc/arm-none-eabi: install the Debian package gcc-arm-none-eabi "
    "(picolibc-arm-none-eabi pulls it in; tools/install-deps.sh).")
endif()

# ---- flags -------------------------------------------------------------------

set(FENESTRA_PART_TARGET_FLAGS
  --target=thumbv7m-none-eabi -mcpu=cortex-m3 -mthumb -mfloat-abi=soft)
set(FENESTRA_PART_CFLAGS
  ${FENESTRA_PART_TARGET_FLAGS}
  -O2 -g -ffunction-sections -fdata-sections -ftls-model=local-exec
  -Wall -Wextra -Werror -std=c11
  -isystem "${FENESTRA_PICOLIBC_INCLUDE_DIR}"
  -I "${FENESTRA_ROOT}/kernel"
  -I "${FENESTRA_ROOT}/user/include"
  -I "${FENESTRA_ROOT}/arch/armv7m") # device register maps: "regs/stimulus.h"
set(FENESTRA_PART_LDFLAGS
  ${FENESTRA_PART_TARGET_FLAGS}
  -fuse-ld=lld -nostdlib
  -L "${FENESTRA_ROOT}/user"
  -Wl,--gc-sections -Wl,--fatal-warnings -Wl,--no-undefined
  # One R+X segment for the whole code region, no page alignment (the
  # regions come from the config, not from pages), no GNU_STACK note.
  -Wl,--no-rosegment -Wl,--nmagic -Wl,-z,nognustack)

# ---- compiling -------------------------------------------------------------

# Adds a command compiling SRC to OBJ with extra arguments ARGN; header
# dependencies come from the compiler's depfile.
function(_fenestra_compile SRC OBJ)
  file(RELATIVE_PATH _rel "${CMAKE_BINARY_DIR}" "${OBJ}")
  add_custom_command(
    OUTPUT "${OBJ}"
    COMMAND "${FENESTRA_PART_CLANG}" ${FENESTRA_PART_CFLAGS} ${ARGN}
            -MD -MF "${OBJ}.d" -c "${SRC}" -o "${OBJ}"
    DEPENDS "${SRC}"
    DEPFILE "${OBJ}.d"
    COMMENT "Building partition object ${_rel}"
    COMMAND_EXPAND_LISTS
    VERBATIM)
endfunction()

# An object name for SRC that is unique within one partition's directory.
function(_fenestra_object_name SRC OUT)
  file(RELATIVE_PATH _rel "${FENESTRA_ROOT}" "${SRC}")
  if(_rel MATCHES "^\\.\\./")
    set(_rel "${SRC}")
  endif()
  string(MAKE_C_IDENTIFIER "${_rel}" _id)
  set(${OUT} "${_id}.o" PARENT_SCOPE)
endfunction()

# The runtime archive and crt0 object, built once per build tree; sets
# FENESTRA_RUNTIME_CRT0 and FENESTRA_RUNTIME_LIB in the caller.  crt0 stays
# a separate object so _start is always linked, not fetched from an archive.
function(_fenestra_runtime)
  set(_dir "${CMAKE_BINARY_DIR}/fenestra-runtime")
  set(_crt0 "${_dir}/crt0.o")
  set(_lib "${_dir}/libfenestra-runtime.a")
  get_property(_done GLOBAL PROPERTY FENESTRA_RUNTIME_DONE)
  if(NOT _done)
    set_property(GLOBAL PROPERTY FENESTRA_RUNTIME_DONE TRUE)
    file(MAKE_DIRECTORY "${_dir}") # Makefile generators do not create it
    _fenestra_compile("${FENESTRA_ROOT}/user/crt0.c" "${_crt0}")
    set(_objs "")
    # Every user/*.c but crt0 is a part of the runtime.
    file(GLOB _sources CONFIGURE_DEPENDS "${FENESTRA_ROOT}/user/*.c")
    list(REMOVE_ITEM _sources "${FENESTRA_ROOT}/user/crt0.c")
    foreach(_src IN LISTS _sources)
      get_filename_component(_name "${_src}" NAME_WE)
      _fenestra_compile("${_src}" "${_dir}/${_name}.o")
      list(APPEND _objs "${_dir}/${_name}.o")
    endforeach()
    add_custom_command(
      OUTPUT "${_lib}"
      COMMAND "${CMAKE_COMMAND}" -E rm -f "${_lib}"
      COMMAND "${FENESTRA_PART_AR}" rcs "${_lib}" ${_objs}
      DEPENDS ${_objs}
      COMMENT "Archiving the partition runtime"
      VERBATIM)
    add_custom_target(fenestra_runtime DEPENDS "${_crt0}" "${_lib}")
  endif()
  set(FENESTRA_RUNTIME_CRT0 "${_crt0}" PARENT_SCOPE)
  set(FENESTRA_RUNTIME_LIB "${_lib}" PARENT_SCOPE)
endfunction()

# ---- the public function ------------------------------------------------

function(fenestra_add_partition)
  cmake_parse_arguments(PARSE_ARGV 0 P "EXCLUDE_FROM_ALL"
    "TARGET;OUTPUT;LDSCRIPT" "SOURCES;DEFINES;INCLUDES;LINK_OPTIONS;COMPILE_OPTIONS")
  foreach(_req TARGET OUTPUT LDSCRIPT SOURCES)
    if(NOT P_${_req})
      message(FATAL_ERROR "fenestra_add_partition: ${_req} is required")
    endif()
  endforeach()
  if(P_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR
      "fenestra_add_partition(${P_TARGET}): unknown arguments ${P_UNPARSED_ARGUMENTS}")
  endif()

  _fenestra_runtime()
  get_filename_component(_elf "${P_OUTPUT}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  get_filename_component(_ld "${P_LDSCRIPT}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  set(_objdir "${CMAKE_CURRENT_BINARY_DIR}/${P_TARGET}.partition")
  get_filename_component(_elfdir "${_elf}" DIRECTORY)
  file(MAKE_DIRECTORY "${_objdir}" "${_elfdir}")

  set(_extra ${P_COMPILE_OPTIONS})
  foreach(_d IN LISTS P_DEFINES)
    list(APPEND _extra "-D${_d}")
  endforeach()
  foreach(_i IN LISTS P_INCLUDES)
    get_filename_component(_i "${_i}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND _extra -I "${_i}")
  endforeach()

  set(_objs "")
  foreach(_src IN LISTS P_SOURCES)
    get_filename_component(_src "${_src}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    _fenestra_object_name("${_src}" _obj)
    _fenestra_compile("${_src}" "${_objdir}/${_obj}" ${_extra})
    list(APPEND _objs "${_objdir}/${_obj}")
  endforeach()

  file(RELATIVE_PATH _rel "${CMAKE_BINARY_DIR}" "${_elf}")
  add_custom_command(
    OUTPUT "${_elf}"
    BYPRODUCTS "${_elf}.map"
    COMMAND "${FENESTRA_PART_CLANG}" ${FENESTRA_PART_LDFLAGS}
            ${P_LINK_OPTIONS} -T "${_ld}" "-Wl,-Map=${_elf}.map" -o "${_elf}"
            "${FENESTRA_RUNTIME_CRT0}" ${_objs}
            "${FENESTRA_RUNTIME_LIB}" "${FENESTRA_PICOLIBC_LIBC}" "${FENESTRA_LIBGCC}"
    DEPENDS ${_objs} "${_ld}" "${FENESTRA_ROOT}/user/partition.ld"
            "${FENESTRA_RUNTIME_CRT0}" "${FENESTRA_RUNTIME_LIB}"
    COMMENT "Linking partition ${_rel}"
    COMMAND_EXPAND_LISTS
    VERBATIM)

  if(P_EXCLUDE_FROM_ALL)
    add_custom_target(${P_TARGET} DEPENDS "${_elf}")
  else()
    add_custom_target(${P_TARGET} ALL DEPENDS "${_elf}")
  endif()
  add_dependencies(${P_TARGET} fenestra_runtime)
  set_target_properties(${P_TARGET} PROPERTIES FENESTRA_PARTITION_ELF "${_elf}")
endfunction()
