# cmake -DSIM=avionics-sim -DOTHER=hello-sim -DELF_DIR=<avionics' ELF dir>
#       -DEDIT=rec_edit -DWORK=<dir> -P changed_binary.cmake
#
# replay.changed_binary: a replay is refused up front (exit 2, nothing
# run) when what it would run is not what recorded: a partition binary
# with one byte changed (in .comment, which nothing loads: only its hash
# tells), the config (its hash in the header), another app.  The same
# binaries copied elsewhere (--elf-dir) replay, and a recording made by
# another build of the simulator replays with a warning.
include(${CMAKE_CURRENT_LIST_DIR}/lib.cmake)
fresh_dir(${WORK})
set(rec ${WORK}/run.rec)
run_to_file(record ${WORK}/record.out ${SIM} --record ${rec} --frames 4)
expect_rc(record 0)

file(GLOB elfs ${ELF_DIR}/*.elf)
list(LENGTH elfs n)
if(n LESS 2)
  fail("expected the app's partition ELF files in ${ELF_DIR}, found: ${elfs}")
endif()

# refused(<name> <regex> <sim args...>): exit 2, the message, no output.
function(refused name regex)
  run(${name} ${SIM} ${ARGN})
  expect_rc(${name} 2)
  expect_match(${name} err "^replay: error: [^\n]*${regex}")
  if(NOT "${${name}_out}" STREQUAL "")
    fail("${name}: refused, but something ran:\n${${name}_out}")
  endif()
endfunction()

# --- the same binaries elsewhere: replayed, same console ------------------
file(MAKE_DIRECTORY ${WORK}/same)
file(COPY ${elfs} DESTINATION ${WORK}/same)
run_to_file(same ${WORK}/same.out ${SIM} --replay ${rec} --elf-dir ${WORK}/same)
expect_rc(same 0)
expect_match(same err "matched the recording")
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK}/record.out ${WORK}/same.out
  RESULT_VARIABLE diff)
if(NOT diff EQUAL 0)
  fail("the replay from copied binaries printed another console output")
endif()

# --- one partition's binary changed by one byte: refused by name ---------
# display (the third partition: not just the first one is checked).
file(MAKE_DIRECTORY ${WORK}/changed)
file(COPY ${elfs} DESTINATION ${WORK}/changed)
run(edit ${EDIT} elf-comment ${WORK}/changed/display.elf)
expect_rc(edit 0)
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${ELF_DIR}/display.elf
  ${WORK}/changed/display.elf RESULT_VARIABLE diff)
if(diff EQUAL 0)
  fail("rec_edit elf-comment did not change display.elf")
endif()
# The changed binary still loads and runs as before (only its hash differs).
run_to_file(changed_run ${WORK}/changed_run.out ${SIM} --frames 4 --elf-dir ${WORK}/changed)
expect_rc(changed_run 0)
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK}/record.out
  ${WORK}/changed_run.out RESULT_VARIABLE diff)
if(NOT diff EQUAL 0)
  fail("the edited display.elf runs differently: the edit should not matter but to its hash")
endif()
refused(changed "partition display's binary display\\.elf changed since the recording"
  --replay ${rec} --elf-dir ${WORK}/changed)
if(changed_err MATCHES "sensors|control|payload")
  fail("the refusal names a partition that did not change:\n${changed_err}")
endif()
# ... and through the debugger's replay too.
file(WRITE ${WORK}/where.txt "where\n")
refused(changed_step "partition display's binary display\\.elf changed"
  --replay ${rec} --step --commands ${WORK}/where.txt --elf-dir ${WORK}/changed)

# --- the config: its hash in the header ----------------------------------
run(head ${EDIT} head ${rec})
expect_rc(head 0)
if(NOT head_out MATCHES "field config_sha256 ([0-9]+) 32\n.*field sim_sha256 ([0-9]+) 32\n")
  fail("no hashes in the header:\n${head_out}")
endif()
set(config_at ${CMAKE_MATCH_1})
set(sim_at ${CMAKE_MATCH_2})
run(edit ${EDIT} write ${rec} ${WORK}/config.rec --crc ${config_at}=xor:0x01)
expect_rc(edit 0)
refused(config "the config changed since the recording" --replay ${WORK}/config.rec)

# --- another app's recording ---------------------------------------------
run(other ${OTHER} --record ${WORK}/other.rec --frames 1)
expect_rc(other 0)
refused(other_app "the recording is of app hello on mps2-an385. this is avionics on mps2-an385"
  --replay ${WORK}/other.rec)

# --- another build of the simulator: a warning, and the replay matches ---
run(edit ${EDIT} write ${rec} ${WORK}/sim.rec --crc ${sim_at}=xor:0x01)
run(sim ${SIM} --replay ${WORK}/sim.rec)
expect_rc(sim 0)
expect_match(sim err "replay: warning: the simulator executable differs")
expect_match(sim err "matched the recording")
message(STATUS "changed binary, config and app refused, copies and another simulator build replay")
