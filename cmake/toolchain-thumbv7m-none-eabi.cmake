# toolchain-thumbv7m-none-eabi.cmake - cross toolchain for the Cortex-M3
# firmware build (the mps2-an385 preset): clang for thumbv7m-none-eabi,
# soft float, lld, picolibc headers.  Everything compiled through
# add_library/add_executable in that build gets these flags; partitions are
# built by cmake/Partition.cmake with the same target flags in every preset.
#
# No C library is linked by default (-nostdlib): the firmware image links
# picolibc's libc.a and libgcc.a explicitly, as Partition.cmake does.
# Host tools (tools/fcc) cannot be built with this toolchain; they come
# from a host build.

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(FENESTRA_CROSS_TARGET thumbv7m-none-eabi)
set(FENESTRA_CROSS_PICOLIBC /usr/lib/picolibc/arm-none-eabi)

find_program(FENESTRA_CROSS_CLANG NAMES clang clang-14 REQUIRED)
find_program(FENESTRA_CROSS_AR NAMES llvm-ar llvm-ar-14 REQUIRED)
find_program(FENESTRA_CROSS_RANLIB NAMES llvm-ranlib llvm-ranlib-14 REQUIRED)
find_program(FENESTRA_CROSS_OBJCOPY NAMES llvm-objcopy llvm-objcopy-14)
find_program(FENESTRA_CROSS_OBJDUMP NAMES llvm-objdump llvm-objdump-14)
find_program(FENESTRA_CROSS_NM NAMES llvm-nm llvm-nm-14)

set(CMAKE_C_COMPILER "${FENESTRA_CROSS_CLANG}")
set(CMAKE_ASM_COMPILER "${FENESTRA_CROSS_CLANG}")
set(CMAKE_C_COMPILER_TARGET ${FENESTRA_CROSS_TARGET})
set(CMAKE_ASM_COMPILER_TARGET ${FENESTRA_CROSS_TARGET})
set(CMAKE_AR "${FENESTRA_CROSS_AR}" CACHE FILEPATH "Archiver")
set(CMAKE_RANLIB "${FENESTRA_CROSS_RANLIB}" CACHE FILEPATH "Ranlib")
if(FENESTRA_CROSS_OBJCOPY)
  set(CMAKE_OBJCOPY "${FENESTRA_CROSS_OBJCOPY}" CACHE FILEPATH "objcopy")
endif()
if(FENESTRA_CROSS_OBJDUMP)
  set(CMAKE_OBJDUMP "${FENESTRA_CROSS_OBJDUMP}" CACHE FILEPATH "objdump")
endif()
if(FENESTRA_CROSS_NM)
  set(CMAKE_NM "${FENESTRA_CROSS_NM}" CACHE FILEPATH "nm")
endif()

# The CPU, the float ABI and picolibc's headers (as system headers, so its
# code never trips -Werror).  --target comes from *_COMPILER_TARGET.
set(_fen_cpu_flags "-mcpu=cortex-m3 -mthumb -mfloat-abi=soft")
# No libc headers here: the kernel is freestanding (FenestraApp.cmake adds
# -ffreestanding -nostdinc), and partitions get picolibc's headers from
# Partition.cmake's own compile commands.
set(CMAKE_C_FLAGS_INIT
  "${_fen_cpu_flags} -ffunction-sections -fdata-sections")
set(CMAKE_ASM_FLAGS_INIT "${_fen_cpu_flags}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-fuse-ld=lld -nostdlib -Wl,--gc-sections")

# No host libraries to link a test program against: try_compile builds a
# static library instead of an executable.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# Programs from the host; libraries, headers and packages only for the
# target (picolibc's prefix), never the host's /usr/include or /usr/lib.
set(CMAKE_FIND_ROOT_PATH "${FENESTRA_CROSS_PICOLIBC}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
