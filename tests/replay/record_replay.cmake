# cmake -DSIM=<app>-sim -DARGS="--frames;N" -DEDIT=rec_edit -DWORK=<dir>
#       -P record_replay.cmake
#
# replay.record.<app>: records a run of the app, replays it, and requires
# the replay to match: exit 0, "matched the recording" for every event the
# file holds, the same end cycle and instruction count as the recorded
# run, and the same console output (stdout) byte for byte.
include(${CMAKE_CURRENT_LIST_DIR}/lib.cmake)
fresh_dir(${WORK})
set(rec ${WORK}/run.rec)

run_to_file(record ${WORK}/record.out ${SIM} --record ${rec} ${ARGS})
expect_rc(record 0)
if(NOT record_err MATCHES "run: [^:]+: [0-9]+ frames, ([0-9]+) cycles \\([^)]*\\), ([0-9]+) guest instructions")
  message(FATAL_ERROR "no run summary from the recording run:\n${record_err}")
endif()
set(cycles ${CMAKE_MATCH_1})
set(insns ${CMAKE_MATCH_2})

# Every event record in the file, counted by the knife.
run(records ${EDIT} records ${rec})
expect_rc(records 0)
string(REGEX MATCHALL "(^|\n)event " events "${records_out}")
list(LENGTH events num_events)
if(num_events EQUAL 0)
  fail("no kernel event in the recording:\n${records_out}")
endif()

run_to_file(replay ${WORK}/replay.out ${SIM} --replay ${rec})
expect_rc(replay 0)
expect_match(replay err "replay: [^\n]*run\\.rec: matched the recording: ${num_events} events, ${cycles} cycles, ${insns} guest instructions")
if(replay_err MATCHES "warning")
  message(FATAL_ERROR "a warning replaying with the simulator that recorded:\n${replay_err}")
endif()

execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK}/record.out ${WORK}/replay.out
  RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  file(READ ${WORK}/record.out a)
  file(READ ${WORK}/replay.out b)
  string(LENGTH "${a}" la)
  string(LENGTH "${b}" lb)
  message(FATAL_ERROR "the replay's console output (${lb} bytes, ${WORK}/replay.out) differs "
          "from the recorded run's (${la} bytes, ${WORK}/record.out)")
endif()
file(SIZE ${WORK}/record.out out_size)
message(STATUS "replayed ${num_events} events, ${cycles} cycles, ${insns} instructions; "
        "${out_size} bytes of identical console output")
