# cmake -DSIM=<fpu-sim> -P fpu_refused.cmake
#
# The fpu app (tests/fw/fpu) has partitions with FP instructions, which the
# simulator refuses (sim/fp_scan.c, docs/boards.md "Floating point"): exit
# status 1, one error naming the first such partition, its file, the
# instruction, and where FP runs instead; nothing runs, so no output.
execute_process(COMMAND ${SIM} --frames 2
  OUTPUT_VARIABLE out RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "expected exit status 1, got ${rc}:\n${out}${err}")
endif()
string(CONCAT want "^error: partition alpha \\([^ ]*/alpha\\.elf\\) uses the FPU: instruction "
  "0x(ec|ed|ee|fc|fd|fe)[0-9a-f][0-9a-f][0-9a-f][ab][0-9a-f][0-9a-f] \\(coprocessor 1[01]\\) "
  "at 0x001[0-9a-f]+ in \\.text; .* floating point runs as firmware only: "
  "run it with \\./fenestra qemu \\(docs/boards\\.md, \"Floating point\"\\)\n$")
if(NOT err MATCHES "${want}")
  message(FATAL_ERROR "unexpected error output:\n${err}")
endif()
if(NOT out STREQUAL "")
  message(FATAL_ERROR "the refused app printed:\n${out}")
endif()
message(STATUS "refused: ${err}")
