# cmake -DFULL=<test_kernel_trim_full> -DCUT=<test_kernel_trim_cut> -P compare.cmake
# The two kernels' transcripts (test_trim.c) must be the same, and long.
foreach(v FULL CUT)
  execute_process(COMMAND ${${v}} OUTPUT_VARIABLE out_${v} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${${v}} failed (${rc})")
  endif()
endforeach()
string(LENGTH "${out_FULL}" len)
if(len LESS 100000)
  message(FATAL_ERROR "transcript too short (${len} bytes)")
endif()
if(NOT out_FULL STREQUAL out_CUT)
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/trim_full.txt "${out_FULL}")
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/trim_cut.txt "${out_CUT}")
  message(FATAL_ERROR "the kernel without the unused services answers differently: "
          "diff ${CMAKE_CURRENT_BINARY_DIR}/trim_full.txt trim_cut.txt")
endif()
message(STATUS "same transcript, ${len} bytes")
