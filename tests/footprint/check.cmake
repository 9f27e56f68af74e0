# cmake -DROOT=<source> -DBIN=<dir> -DSIZE=<llvm-size> -DNM=<llvm-nm> -P check.cmake
#
# Builds the portshm and hello firmware images for mps2-an385 (-Os) in BIN
# and checks:
# - portshm's kernel text (vectors, code, constants, tables) is at most
#   CEILING bytes.  The issue's target is 12 KiB; it is not reached yet
#   (docs/benchmarks.md says what is left), so the ceiling is the size
#   measured when the kernels kept only the system calls their partitions
#   make, the console got its queue and the image was linked with LTO
#   (18,107 bytes), with a little room: it catches growth, and is
#   lowered as the kernel shrinks;
# - neither image, whose configs declare no objects, processes or
#   interrupt owners, holds any of those services' functions, and hello
#   (no ports) none of the ports';
# - portshm holds no handler of a call its partitions never make, and
#   hello holds the handlers of the calls it makes (tools/svcscan,
#   docs/config.md "Calls compiled in").
set(CEILING 18432)
set(TARGET 12288)
if(NOT EXISTS ${BIN}/CMakeCache.txt)
  execute_process(
    COMMAND ${CMAKE_COMMAND} -S ${ROOT} -B ${BIN} -G Ninja -DFENESTRA_BOARD=mps2-an385
            -DCMAKE_TOOLCHAIN_FILE=${ROOT}/cmake/toolchain-thumbv7m-none-eabi.cmake
            -DCMAKE_BUILD_TYPE=MinSizeRel
    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "configure failed:\n${out}\n${err}")
  endif()
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BIN} --target portshm-fw hello-fw
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "firmware build failed:\n${out}\n${err}")
endif()

# Kernel text as `fenestra build-fw` counts it.
function(kernel_text elf var)
  execute_process(COMMAND ${SIZE} -A ${elf} OUTPUT_VARIABLE out RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "llvm-size ${elf} failed")
  endif()
  set(sum 0)
  string(REPLACE "\n" ";" lines "${out}")
  foreach(l IN LISTS lines)
    if(l MATCHES "^\\.(vectors|text|rodata|ARM\\.exidx) +([0-9]+)")
      math(EXPR sum "${sum} + ${CMAKE_MATCH_2}")
    endif()
  endforeach()
  set(${var} ${sum} PARENT_SCOPE)
endfunction()

# The function symbols of elf.
function(functions elf var)
  execute_process(COMMAND ${NM} ${elf} OUTPUT_VARIABLE syms RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "llvm-nm ${elf} failed")
  endif()
  set(${var} "${syms}" PARENT_SCOPE)
endfunction()

# No function of these names in elf.
function(absent elf why)
  functions(${elf} syms)
  foreach(s IN LISTS ARGN)
    if(syms MATCHES " [tT] ${s}\n")
      message(FATAL_ERROR "${elf} holds ${s}, ${why}")
    endif()
  endforeach()
endfunction()

# Every function of these names in elf.
function(present elf why)
  functions(${elf} syms)
  foreach(s IN LISTS ARGN)
    if(NOT syms MATCHES " [tT] ${s}\n")
      message(FATAL_ERROR "${elf} lacks ${s}, ${why}")
    endif()
  endforeach()
endfunction()

set(OBJECT_CODE sys_sem_wait sem_wait sem_signal event_set event_wait blackboard_display
    blackboard_read buffer_send buffer_receive mutex_lock mutex_unlock
    mutex_waiters_changed object_block object_status)
set(PROCESS_CODE process_periodic_wait period_start_from process_realign_releases
    thread_take_missed)
set(IRQ_CODE irq_wait irq_ack irq_enable irq_process_runs)
set(PORT_CODE ports_send ports_receive ports_write_sampling ports_read_sampling
    ports_status ports_init)
set(unused "a service its config does not use")
absent(${BIN}/fw/portshm.elf "${unused}" ${OBJECT_CODE} ${PROCESS_CODE} ${IRQ_CODE})
absent(${BIN}/fw/hello.elf "${unused}" ${OBJECT_CODE} ${PROCESS_CODE} ${IRQ_CODE} ${PORT_CODE})
# portshm's partitions make 13 of the calls (its calls_gen.h lists them).
absent(${BIN}/fw/portshm.elf "the handler of a call its partitions never make"
       sys_thread_create sys_get_process_status sys_create_error_handler sys_lock_wait
       sys_thread_self sys_get_port_id sys_set_schedule sys_sleep_for)
# hello's print, read the clock and sleep (apps/hello/*.c).
present(${BIN}/fw/hello.elf "the handler of a call its partitions make"
        sys_console_write sys_yield sys_get_time sys_sleep_until sys_sleep_for
        sys_stop_self sys_partition_info)

kernel_text(${BIN}/fw/portshm.elf text)
if(text GREATER CEILING)
  message(FATAL_ERROR "portshm's kernel text is ${text} bytes, over its ceiling of "
          "${CEILING} (target ${TARGET})")
endif()
message(STATUS "portshm kernel text ${text} bytes: ceiling ${CEILING}, target ${TARGET} "
        "(not met); no unused service or call linked")
