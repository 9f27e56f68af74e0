# cmake -DSIM=avionics-sim -DEDIT=rec_edit -DWORK=<dir> [-DSTEP=1] -P divergence.cmake
#
# replay.divergence: recordings of apps/avionics (10 frames) edited so the
# replay must diverge, their checksums made right so only the edit is
# wrong.  The replay stops at the first difference with exit 1 and says
# where: "diverged at cycle C (record at offset R)", the recorded and the
# replayed record, and the likely cause, which depends on what differs.
# The console output up to there is a prefix of the recorded run's.
# With STEP (replay.divergence_step): the same in the debugger's replay.
include(${CMAKE_CURRENT_LIST_DIR}/lib.cmake)
fresh_dir(${WORK})
set(rec ${WORK}/run.rec)
run_to_file(record ${WORK}/record.out ${SIM} --record ${rec} --frames 10)
expect_rc(record 0)
file(READ ${WORK}/record.out recorded_console)

# The middle one of the system call events, and the fifth input (a
# stimulus sample arriving).
run(records ${EDIT} records ${rec})
expect_rc(records 0)
string(REGEX MATCHALL "event [0-9]+ [0-9]+ 4 [^\n]*" syscalls "${records_out}")
list(LENGTH syscalls n)
math(EXPR mid "${n} / 2")
list(GET syscalls ${mid} ev)
if(NOT ev MATCHES "^event ([0-9]+) ([0-9]+) 4 ([0-9]+) ([0-9]+) ([0-9]+) ([0-9]+) ")
  fail("cannot read the event line '${ev}'")
endif()
set(ev_at ${CMAKE_MATCH_1})
set(ev_cycle ${CMAKE_MATCH_2})
set(ev_a0 ${CMAKE_MATCH_6})
string(REGEX MATCHALL "input [0-9]+ [0-9]+ [0-9]+ [^\n]*" inputs "${records_out}")
list(LENGTH inputs n)
if(n LESS 5)
  fail("expected the avionics stimulus in the recording, got ${n} inputs")
endif()
list(GET inputs 4 in)
if(NOT in MATCHES "^input ([0-9]+) ([0-9]+) ([0-9]+) [0-9]+ [0-9]+ ([0-9]+) ")
  fail("cannot read the input line '${in}'")
endif()
set(in_at ${CMAKE_MATCH_1})
set(in_cycle ${CMAKE_MATCH_3})
set(in_value ${CMAKE_MATCH_4})

# diverged(<name> <edits...>): the replay of the edited copy exits 1 with
# "replay: FILE: diverged at cycle C (record at offset R)"; sets
# <name>_err and <name>_cycle; its console is a prefix of the recorded one.
function(diverged name)
  run(edit ${EDIT} write ${rec} ${WORK}/${name}.rec --crc ${ARGN})
  expect_rc(edit 0)
  run(${name} ${SIM} --replay ${WORK}/${name}.rec)
  expect_rc(${name} 1)
  if(${name}_err MATCHES "warning")
    fail("${name}: a warning: the edit should not touch the header:\n${${name}_err}")
  endif()
  string(LENGTH "${${name}_out}" len)
  string(SUBSTRING "${recorded_console}" 0 ${len} head)
  if(NOT head STREQUAL "${${name}_out}")
    fail("${name}: the console output before the divergence is not the recorded one's start")
  endif()
  set(${name}_err "${${name}_err}" PARENT_SCOPE)
endfunction()

# --- an event one cycle late in the recording: a timing difference -------
math(EXPR late "${ev_cycle} + 1")
math(EXPR pos "${ev_at} + 1")
if(STEP)
  run(edit ${EDIT} write ${rec} ${WORK}/timing.rec --crc ${pos}=u64:${late})
  expect_rc(edit 0)
  include(${CMAKE_CURRENT_LIST_DIR}/divergence_step.cmake)
  return()
endif()
diverged(timing ${pos}=u64:${late})
set(body "syscall thread=[a-z]+\\.[0-9]+ call=[a-z_]+ ret=-?[0-9]+")
if(NOT timing_err MATCHES "^replay: [^\n]*timing\\.rec: diverged at cycle ([0-9]+) \\(record at offset ${ev_at}\\)\n  recorded: event @${late} (${body})\n  replayed: event @${ev_cycle} (${body})\n  likely cause: the same event at another cycle: a timing difference")
  problem("timing: expected the divergence at record ${ev_at}, recorded @${late} and replayed "
       "@${ev_cycle}, the same event otherwise, a timing difference, got:\n${timing_err}")
elseif(NOT CMAKE_MATCH_2 STREQUAL CMAKE_MATCH_3)
  problem("timing: the events differ beyond their cycle:\n${timing_err}")
elseif(CMAKE_MATCH_1 LESS ev_cycle)
  problem("timing: diverged at cycle ${CMAKE_MATCH_1}, before the event (cycle ${ev_cycle})")
endif()

# --- another system call at the same cycle: another path ------------------
math(EXPR pos "${ev_at} + 13")
diverged(path ${pos}=xor:1)
if(NOT path_err MATCHES "diverged at cycle [0-9]+ \\(record at offset ${ev_at}\\)\n  recorded: event @${ev_cycle} syscall [^\n]*\n  replayed: event @${ev_cycle} syscall [^\n]*\n  likely cause: the run took another path")
  problem("path: expected another path at record ${ev_at}, got:\n${path_err}")
endif()

# --- an input's value: the device model --------------------------------
math(EXPR pos "${in_at} + 25")
math(EXPR other "${in_value} ^ 1")
diverged(input ${pos}=xor:1)
if(NOT input_err MATCHES "diverged at cycle ${in_cycle} \\(record at offset ${in_at}\\)\n  recorded: input @${in_cycle} [^\n]*value ${other} [^\n]*\n  replayed: input @${in_cycle} [^\n]*value ${in_value} [^\n]*\n  likely cause: a device model handles its input differently")
  problem("input: expected a divergence at input record ${in_at} (value ${other} recorded, "
       "${in_value} replayed), got:\n${input_err}")
endif()

# --- the END chunk's cycle: a run that ends elsewhere ---------------------
rec_chunks(${rec})
list(FIND CHUNK_TYPE END_ k)
list(GET CHUNK_AT ${k} end_at)
math(EXPR pos "${end_at} + 16")
diverged(end ${pos}=xor:0x10)
if(NOT end_err MATCHES "diverged at the end: the recording ended at cycle [0-9]+ after [0-9]+ instructions, the replay at cycle 5000000 after ")
  problem("end: expected a divergence at the end, got:\n${end_err}")
endif()

problems("the divergence reports were wrong")
message(STATUS "divergences found at their records: timing, path, input, end")
