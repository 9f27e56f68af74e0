# cmake -DCMD="<exe>;<args>" -P same_bytes.cmake
# Runs a command twice (two processes: different host addresses) and
# requires byte-identical standard output.
foreach(i 1 2)
  execute_process(COMMAND ${CMD} OUTPUT_VARIABLE out${i} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "run ${i} of ${CMD} failed: ${rc}")
  endif()
endforeach()
string(LENGTH "${out1}" len)
if(len LESS 1000)
  message(FATAL_ERROR "suspiciously little output (${len} bytes)")
endif()
if(NOT out1 STREQUAL out2)
  message(FATAL_ERROR "the two runs differ")
endif()
message(STATUS "two runs, ${len} identical bytes")
