# cmake -DFAULTY=<avionics-sim> -DCALM=<avionics_calm-sim> -P avionics_isolation.cmake
#
# Isolation in time: apps/avionics with its payload misbehaving (deadline
# misses, overruns, a memory violation and cold starts) and with a calm
# payload.  For sensors, control and display, every window start, every
# release and every completion of their processes, and every console line
# must be identical in both runs; in both, every window of every partition
# must start on its planned cycle.
set(healthy "(sensors|control|display)")
foreach(which FAULTY CALM)
  execute_process(COMMAND ${${which}} --frames 40 --events
    OUTPUT_VARIABLE out RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${${which}} failed (${rc}): ${err}")
  endif()
  string(REGEX MATCHALL "@[0-9]+ window part=${healthy} [^\n]*" windows "${out}")
  string(REGEX MATCHALL "@[0-9]+ release thread=${healthy}[^\n]*" releases "${out}")
  string(REGEX MATCHALL "@[0-9]+ process thread=${healthy}[.][0-9]+ op=complete[^\n]*"
         completions "${out}")
  string(REGEX MATCHALL "\n[[][ 0-9.]+[]] ${healthy}: [^\n]*" lines "${out}")
  # The data flow: interrupts, port traffic and its latencies.
  string(REGEX MATCHALL "@[0-9]+ (irq|port) [^\n]*(sensors|control|display)[^\n]*" flow "${out}")
  set(${which}_timeline "${windows};${releases};${completions};${lines};${flow}")
  list(LENGTH flow nflow)
  if(nflow LESS 500)
    message(FATAL_ERROR "${which}: only ${nflow} interrupt and port events")
  endif()
  set(${which}_out "${out}")
  list(LENGTH releases nrel)
  list(LENGTH completions ncomp)
  if(nrel LESS 100 OR ncomp LESS 100)
    message(FATAL_ERROR "${which}: only ${nrel} releases and ${ncomp} completions")
  endif()

  # Every window, payload's included, starts on its planned cycle.
  string(REGEX MATCHALL "@[0-9]+ window [^\n]*" all_windows "${out}")
  list(LENGTH all_windows nwin)
  if(nwin LESS 240)
    message(FATAL_ERROR "${which}: only ${nwin} windows")
  endif()
  foreach(w IN LISTS all_windows)
    string(REGEX MATCH "^@([0-9]+) .* planned=([0-9]+)$" m "${w}")
    if(NOT CMAKE_MATCH_1 STREQUAL CMAKE_MATCH_2)
      message(FATAL_ERROR "${which}: a window started off its plan: ${w}")
    endif()
  endforeach()
endforeach()

foreach(expect "error=DEADLINE_MISSED" "error=OVERRUN" "error=MEMORY_VIOLATION"
               "action=restart_process" "action=cold_start" "schedule applied new=degraded")
  if(NOT FAULTY_out MATCHES "${expect}")
    message(FATAL_ERROR "the misbehaving run lacks '${expect}'")
  endif()
endforeach()
if(CALM_out MATCHES " error part=")
  message(FATAL_ERROR "the calm run raised an error")
endif()
if(NOT FAULTY_timeline STREQUAL CALM_timeline)
  message(FATAL_ERROR "the healthy partitions' timing differs:\nfaulty: ${FAULTY_timeline}\n\ncalm: ${CALM_timeline}")
endif()
message(STATUS "sensors, control and display: identical windows, releases, completions and output")
