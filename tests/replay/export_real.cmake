# cmake -DSIM=avionics-sim -DTRACE=fenestra-trace -DEDIT=rec_edit -DWORK=<dir>
#       -P export_real.cmake
#
# replay.export_real: fenestra-trace on a real recording (apps/avionics,
# 10 frames), its numbers checked against the records the knife counts:
# the Perfetto JSON parses, has a track per partition and per thread, one
# window slice per window event of each partition, an instant per deadline
# miss and per fault; the VCD is well formed (and vcd2fst accepts it where
# it is installed); stats lists the four partitions with payload's
# deadline misses (it misses them by design) and the run's totals.
include(${CMAKE_CURRENT_LIST_DIR}/lib.cmake)
fresh_dir(${WORK})
set(rec ${WORK}/run.rec)
run(record ${SIM} --record ${rec} --frames 10 --quiet)
expect_rc(record 0)

# What the recording holds, counted from its records.
run(records ${EDIT} records ${rec})
expect_rc(records 0)
set(parts sensors control display payload)
function(count var regex)
  string(REGEX MATCHALL "${regex}" m "${records_out}")
  list(LENGTH m n)
  set(${var} ${n} PARENT_SCOPE)
endfunction()
count(num_events "(^|\n)event ")
count(num_inputs "(^|\n)input ")
count(num_misses "(^|\n)event [0-9]+ [0-9]+ 15 [0-9]+ [0-9]+ 0 ")  # TR_ERROR DEADLINE_MISSED
count(num_faults "(^|\n)event [0-9]+ [0-9]+ 5 ")                   # TR_FAULT
foreach(i 0 1 2 3)
  count(windows_${i} "(^|\n)event [0-9]+ [0-9]+ 2 ${i} ")           # TR_WINDOW of partition i
endforeach()
if(num_misses EQUAL 0 OR num_faults EQUAL 0)
  fail("apps/avionics' payload should miss deadlines and fault in 10 frames: "
       "${num_misses} misses, ${num_faults} faults")
endif()

# --- export ------------------------------------------------------------------
run(export ${TRACE} export ${rec} --perfetto ${WORK}/x.json --vcd ${WORK}/x.vcd)
expect_rc(export 0)
file(READ ${WORK}/x.json json)
string(JSON n ERROR_VARIABLE jerr LENGTH "${json}" traceEvents)
if(jerr)
  fail("the Perfetto JSON does not parse: ${jerr}")
endif()
if(n LESS 100)
  fail("only ${n} trace events in the Perfetto JSON")
endif()
string(JSON app ERROR_VARIABLE jerr GET "${json}" otherData app)
if(NOT app STREQUAL "avionics")
  fail("the JSON's otherData.app is '${app}' ${jerr}")
endif()
# One event per line: count by line (brackets and ';' made harmless to lists).
string(REPLACE ";" "," flat "${json}")
string(REPLACE "[" "<" flat "${flat}")
string(REPLACE "]" ">" flat "${flat}")
string(REGEX MATCHALL "\n[^\n]*" lines "${flat}")
function(json_count var regex)
  set(k 0)
  foreach(l IN LISTS lines)
    if(l MATCHES "${regex}")
      math(EXPR k "${k} + 1")
    endif()
  endforeach()
  set(${var} ${k} PARENT_SCOPE)
endfunction()
set(i 0)
foreach(p IN LISTS parts)
  if(NOT json MATCHES "\"name\":\"${p} \\(partition\\)\"")
    fail("no track for partition ${p} in the Perfetto JSON")
  endif()
  json_count(w "\"ph\":\"X\",\"name\":\"${p}\",\"pid\":1,")
  if(NOT w EQUAL windows_${i})
    fail("${w} window slices of ${p} in the JSON, ${windows_${i}} window events in the recording")
  endif()
  math(EXPR i "${i} + 1")
endforeach()
foreach(t sensors/acquire control/law display/logger payload/work)
  if(NOT json MATCHES "\"thread_name\",[^\n]*\"name\":\"${t}\"")
    fail("no track for thread ${t} in the Perfetto JSON")
  endif()
endforeach()
json_count(m "\"ph\":\"i\",\"name\":\"deadline missed\"")
json_count(f "\"ph\":\"i\",\"name\":\"fault ")
if(NOT m EQUAL num_misses OR NOT f EQUAL num_faults)
  fail("the JSON has ${m} deadline-miss and ${f} fault instants, the recording "
       "${num_misses} and ${num_faults}")
endif()

# The VCD: a header, then times that only grow.
file(READ ${WORK}/x.vcd vcd)
if(NOT vcd MATCHES "\\$timescale [^\n]*\\$end.*\\$enddefinitions \\$end")
  fail("the VCD has no $timescale or $enddefinitions")
endif()
foreach(p IN LISTS parts)
  if(NOT vcd MATCHES "\\$scope module ${p} \\$end")
    fail("no scope for partition ${p} in the VCD")
  endif()
endforeach()
string(REGEX MATCHALL "\n#[0-9]+" times "${vcd}")
list(LENGTH times nt)
if(nt LESS 10)
  fail("only ${nt} time steps in the VCD")
endif()
set(last -1)
foreach(t IN LISTS times)
  string(SUBSTRING "${t}" 2 -1 t)
  if(NOT t GREATER last)
    fail("VCD time #${t} after #${last}")
  endif()
  set(last ${t})
endforeach()
if(EXISTS /usr/bin/vcd2fst)
  run(fst /usr/bin/vcd2fst ${WORK}/x.vcd ${WORK}/x.fst)
  expect_rc(fst 0)
  file(SIZE ${WORK}/x.fst fst_size)
  if(fst_size EQUAL 0)
    fail("vcd2fst wrote an empty file")
  endif()
else()
  message(STATUS "no /usr/bin/vcd2fst: the VCD checked by its structure only")
endif()

# --- stats ---------------------------------------------------------------------
run(stats ${TRACE} stats ${rec})
expect_rc(stats 0)
set(num "[0-9]+")
set(pct "[0-9.]+")
foreach(p IN LISTS parts)
  if(NOT stats_out MATCHES "\n${p} +${num} +${num} +${num} +${pct} +${num} +(${num}) +(${num}) ")
    fail("stats: no line for partition ${p}:\n${stats_out}")
  endif()
  set(misses_${p} ${CMAKE_MATCH_1})
  set(faults_${p} ${CMAKE_MATCH_2})
endforeach()
if(NOT misses_payload EQUAL num_misses OR NOT faults_payload EQUAL num_faults)
  fail("stats: payload has ${misses_payload} misses and ${faults_payload} faults, the "
       "recording ${num_misses} and ${num_faults}:\n${stats_out}")
endif()
foreach(p sensors control display)
  if(NOT misses_${p} EQUAL 0 OR NOT faults_${p} EQUAL 0)
    fail("stats: ${p} has misses or faults:\n${stats_out}")
  endif()
endforeach()
if(NOT stats_out MATCHES "\ncycles +5000000 " OR NOT stats_out MATCHES "\nframes +10\n"
   OR NOT stats_out MATCHES "\nkernel events +${num_events} "
   OR NOT stats_out MATCHES "\ninputs +${num_inputs} "
   OR NOT stats_out MATCHES "\ndeadline misses +${num_misses}\n")
  fail("stats: the totals disagree with the recording (${num_events} events, "
       "${num_inputs} inputs, ${num_misses} misses, 5000000 cycles, 10 frames):\n${stats_out}")
endif()
message(STATUS "${n} trace events; ${num_misses} deadline misses and ${num_faults} faults "
        "everywhere they should be")
