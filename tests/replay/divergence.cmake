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

# diverged(<name> <write|event> <edits...>): the replay of the copy edited
# by `rec_edit write` (bytes) or `rec_edit event` (an event's values, its
# chunk encoded again) exits 1 with "replay: FILE: diverged at cycle C
# (record at offset R)"; sets <name>_err and <name>_edit (what the knife
# printed); its console is a prefix of the recorded one.
function(diverged name cmd)
  run(edit ${EDIT} ${cmd} ${rec} ${WORK}/${name}.rec --crc ${ARGN})
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
  set(${name}_edit "${edit_out}" PARENT_SCOPE)
endfunction()

# edited_as(<name> <want>): the knife's "event ..." line for the edited
# event is <want> (the original line with the one field changed).
function(edited_as name want)
  if(NOT "${${name}_edit}" STREQUAL "${want}\n")
    problem("${name}: the knife made the event\n  ${${name}_edit}expected\n  ${want}")
  endif()
endfunction()

# records_lines(<file> <var>): the knife's record lines of a recording as
# a list, without their offsets (an edit may change an event's width);
# <var>_edited: the index of the record at offset ${ev_at}.
function(records_lines file var)
  run(lines ${EDIT} records ${file})
  expect_rc(lines 0)
  string(REGEX REPLACE "\n$" "" text "${lines_out}")
  string(REPLACE "\n" ";" text "${text}")
  set(${var}_edited -1 PARENT_SCOPE)
  set(i 0)
  foreach(line IN LISTS text)
    if(line MATCHES "^event ${ev_at} ")
      set(${var}_edited ${i} PARENT_SCOPE)
    endif()
    math(EXPR i "${i} + 1")
  endforeach()
  list(TRANSFORM text REPLACE "^([a-z]+) [0-9]+ " "\\1 ")
  set(${var} "${text}" PARENT_SCOPE)
endfunction()

# --- an event one cycle late in the recording: a timing difference -------
# The event's cycle is a difference to the one before it (docs/formats.md),
# so the edit is one of values: the knife decodes the chunk, moves the
# event and encodes the chunk again; every other record keeps its cycle.
math(EXPR late "${ev_cycle} + 1")
if(STEP)
  run(edit ${EDIT} event ${rec} ${WORK}/timing.rec --crc ${ev_at} cycle=+1)
  expect_rc(edit 0)
  include(${CMAKE_CURRENT_LIST_DIR}/divergence_step.cmake)
  return()
endif()
diverged(timing event ${ev_at} cycle=+1)
string(REGEX REPLACE "^event ${ev_at} ${ev_cycle} " "event ${ev_at} ${late} " want "${ev}")
edited_as(timing "${want}")
records_lines(${rec} before)
records_lines(${WORK}/timing.rec after)
set(k ${before_edited})
if(k GREATER_EQUAL 0)
  list(GET before ${k} line)
  string(REGEX REPLACE "^event ${ev_cycle} " "event ${late} " line "${line}")
  list(REMOVE_AT before ${k})
  list(INSERT before ${k} "${line}")
endif()
if(k LESS 0 OR NOT after_edited EQUAL k OR NOT before STREQUAL after)
  set(diff "") # the first record that differs, for the message
  foreach(b a IN ZIP_LISTS before after)
    if(NOT a STREQUAL b)
      set(diff "expected '${b}', got '${a}'")
      break()
    endif()
  endforeach()
  problem("timing: the knife changed more than the event's cycle (the edited record is "
          "number ${k}; ${diff})")
endif()
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
# Its first argument (the call number) with the low bit flipped: the
# same thread and return code, another call.
diverged(path event ${ev_at} a0=xor:1)
math(EXPR other_call "${ev_a0} ^ 1")
string(REGEX REPLACE "^(event [0-9]+ [0-9]+ 4 [0-9]+ [0-9]+ [0-9]+) [0-9]+ " "\\1 ${other_call} "
       want "${ev}")
edited_as(path "${want}")
set(call "syscall thread=([^ ]+) call=([a-z_0-9]+) ret=(-?[0-9]+)")
if(NOT path_err MATCHES "diverged at cycle [0-9]+ \\(record at offset ${ev_at}\\)\n  recorded: event @${ev_cycle} ${call}\n  replayed: event @${ev_cycle} ${call}\n  likely cause: the run took another path")
  problem("path: expected another path at record ${ev_at}, got:\n${path_err}")
elseif(NOT CMAKE_MATCH_1 STREQUAL CMAKE_MATCH_4 OR CMAKE_MATCH_2 STREQUAL CMAKE_MATCH_5
       OR NOT CMAKE_MATCH_3 STREQUAL CMAKE_MATCH_6)
  problem("path: expected the same thread and return code and another call:\n${path_err}")
endif()

# --- an input's value: the device model --------------------------------
math(EXPR pos "${in_at} + 25")
math(EXPR other "${in_value} ^ 1")
diverged(input write ${pos}=xor:1)
if(NOT input_err MATCHES "diverged at cycle ${in_cycle} \\(record at offset ${in_at}\\)\n  recorded: input @${in_cycle} [^\n]*value ${other} [^\n]*\n  replayed: input @${in_cycle} [^\n]*value ${in_value} [^\n]*\n  likely cause: a device model handles its input differently")
  problem("input: expected a divergence at input record ${in_at} (value ${other} recorded, "
       "${in_value} replayed), got:\n${input_err}")
endif()

# --- the END chunk's cycle: a run that ends elsewhere ---------------------
rec_chunks(${rec})
list(FIND CHUNK_TYPE END_ k)
list(GET CHUNK_AT ${k} end_at)
math(EXPR pos "${end_at} + 16")
diverged(end write ${pos}=xor:0x10)
if(NOT end_err MATCHES "diverged at the end: the recording ended at cycle [0-9]+ after [0-9]+ instructions, the replay at cycle 5000000 after ")
  problem("end: expected a divergence at the end, got:\n${end_err}")
endif()

problems("the divergence reports were wrong")
message(STATUS "divergences found at their records: timing, path, input, end")
