# cmake -DFAULTY=<sim> -DREFERENCE=<sim> -P compare_windows.cmake
#
# Runs an app whose partition faults and the same app without the fault;
# every frame and window must begin at the same cycle in both, and the
# faulty run must really contain the fault.
foreach(which FAULTY REFERENCE)
  execute_process(COMMAND ${${which}} --frames 10 --events
    OUTPUT_VARIABLE out RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${${which}} failed (${rc}): ${err}")
  endif()
  string(REGEX MATCHALL "@[0-9]+ (frame|window) [^\n]*" ${which}_windows "${out}")
  set(${which}_out "${out}")
endforeach()
if(NOT FAULTY_out MATCHES "@[0-9]+ fault thread=victim")
  message(FATAL_ERROR "the faulty run has no fault event")
endif()
if(REFERENCE_out MATCHES " fault ")
  message(FATAL_ERROR "the reference run faulted")
endif()
list(LENGTH FAULTY_windows n)
if(n LESS 40)
  message(FATAL_ERROR "only ${n} frame/window events")
endif()
if(NOT FAULTY_windows STREQUAL REFERENCE_windows)
  message(FATAL_ERROR "window starts differ:\nfaulty:    ${FAULTY_windows}\nreference: ${REFERENCE_windows}")
endif()
message(STATUS "${n} frame and window starts identical with and without the fault")
