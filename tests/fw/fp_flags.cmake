# fp_flags.cmake - the compiler flags of a partition with FP instructions
# for this tree's FPU (tests/fw/fpu, tests/fw/fplazy; docs/boards.md,
# "Floating point").  A firmware tree uses its board's FPU
# (FENESTRA_BOARD_FPU, cmake/Firmware.cmake); the host tree builds the apps
# for their app.yaml's board (mps2-an386: fpv4-sp-d16), for their fwlog
# and for the simulator's refusal.  -mfloat-abi=softfp keeps the soft-float
# calling convention of the partition runtime and picolibc;
# -ffp-contract=off keeps a*b+c two roundings, as soft-float computes it.
#
#   fenestra_fp_flags(<var>)   <var>: the flags, empty when the board has no FPU
#   fenestra_sim_refused(<app>)  <app>-sim is built (for the refusal), but
#                                not recorded by the replay tests
function(fenestra_fp_flags out)
  if(CMAKE_CROSSCOMPILING)
    set(fpu ${FENESTRA_BOARD_FPU})
  else()
    set(fpu fpv4-sp-d16)
  endif()
  if(NOT fpu)
    set(${out} "" PARENT_SCOPE)
    return()
  endif()
  if(fpu MATCHES "^fpv5")
    set(cpu cortex-m7)
  else()
    set(cpu cortex-m4)
  endif()
  set(${out} -mcpu=${cpu} -mfpu=${fpu} -mfloat-abi=softfp -ffp-contract=off PARENT_SCOPE)
endfunction()

function(fenestra_sim_refused app)
  set_property(GLOBAL APPEND PROPERTY FENESTRA_SIM_REFUSED ${app})
endfunction()
