# cmake -DSIM=avionics-sim -DELF_DIR=<its ELF dir> -DNM=llvm-nm -DWORK=<dir>
#       [-DPART=session|symbols|nohit|errors] -P repl.cmake
#
# replay.repl (PART session): a scripted session of the debugger's command line on
# apps/avionics (4 frames, a snapshot every 200,000 cycles so that going
# back restores one and re-executes), checked command by command: the
# positions stepi / reverse-stepi / next / reverse-next reach, a
# breakpoint on a symbol stopping at that symbol's address (llvm-nm's
# word), every `info`, x/4xw, a watchpoint hit forwards and found again
# by reverse-continue, goto both ways, delete.  The same script on a
# recording of the same run (--replay --step) must print the same
# transcript.  Short sessions, one test each: x/ on a function's symbol
# (replay.repl_symbols), a reverse-continue with nothing behind it
# (replay.repl_nohit), `continue cycle` stopped first by a breakpoint
# (replay.repl_cycle), each bad command printing an error and making the
# session exit 1 while a clean one exits 0 (replay.repl_errors).
include(${CMAKE_CURRENT_LIST_DIR}/lib.cmake)
fresh_dir(${WORK})
if(NOT PART)
  set(PART session)
endif()

# Symbol addresses, from the ELF files (not from the debugger).
function(symbol var part name)
  run(nm ${NM} ${ELF_DIR}/${part}.elf)
  expect_rc(nm 0)
  if(NOT nm_out MATCHES "(^|\n)([0-9a-f]+) [A-Za-z] ${name}\n")
    fail("no symbol ${name} in ${part}.elf")
  endif()
  string(TOLOWER "${CMAKE_MATCH_2}" hex)
  string(LENGTH "${hex}" len)
  if(len LESS 8)
    math(EXPR need "8 - ${len}")
    string(REPEAT "0" ${need} pad)
    set(hex "${pad}${hex}")
  endif()
  set(${var} ${hex} PARENT_SCOPE)
endfunction()
symbol(law control law)
symbol(raw_port control raw_port)
symbol(samples sensors __region_samples_start)

set(session_args --frames 4 --snapshot-every 200000)
file(WRITE ${WORK}/clean.txt [=[
help
stepi 100
reverse-stepi 1
stepi
next
reverse-next
break control:law
continue
info breakpoints
info registers
info threads
info partitions
info windows
info mpu
info ports
info events 3
info events
info snapshots
x/4xw control:raw_port
delete 1
watch sensors:__region_samples_start
continue
where
continue
reverse-continue
goto 1500000
goto 400000
delete 2
info breakpoints
continue
]=])

# sections(<prefix> <transcript>): the commands echoed as "> cmd" and what
# each printed: <prefix>_count, <prefix>_cmd_<i>, <prefix>_out_<i> (the
# console's timestamped lines left out; ';' and brackets made harmless).
function(sections prefix text)
  string(REPLACE ";" "," text "${text}")
  string(REPLACE "[" "<" text "${text}")
  string(REPLACE "]" ">" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(i 0)
  set(cur "")
  foreach(l IN LISTS lines)
    if(l MATCHES "^> (.*)$")
      set(${prefix}_out_${i} "${cur}" PARENT_SCOPE)
      math(EXPR i "${i} + 1")
      set(${prefix}_cmd_${i} "${CMAKE_MATCH_1}" PARENT_SCOPE)
      set(cur "")
    elseif(NOT l MATCHES "^<[ 0-9.]+> ")
      string(APPEND cur "${l}\n")
    endif()
  endforeach()
  set(${prefix}_out_${i} "${cur}" PARENT_SCOPE)
  set(${prefix}_count ${i} PARENT_SCOPE)
endfunction()

# The position line: "  cycle C, instruction I, event E, ...".
function(position prefix text)
  if(NOT text MATCHES "  cycle ([0-9]+), instruction ([0-9]+), event ([0-9]+)")
    fail("no position line in:\n${text}")
  endif()
  set(${prefix}_cycle ${CMAKE_MATCH_1} PARENT_SCOPE)
  set(${prefix}_insn ${CMAKE_MATCH_2} PARENT_SCOPE)
  set(${prefix}_event ${CMAKE_MATCH_3} PARENT_SCOPE)
endfunction()

# --- a function's symbol is its address, as llvm-nm says (no Thumb bit) ---
if(PART STREQUAL "symbols")
  file(WRITE ${WORK}/func.txt "x/2xw control:law\n")
  run(func ${SIM} --debug --frames 1 --commands ${WORK}/func.txt)
  expect_rc(func 0)
  expect_match(func out "> x/2xw control:law\n0x${law}: 0x[0-9a-f]+ 0x[0-9a-f]+\n")
  message(STATUS "x/ on a function symbol reads at its address")
  return()
endif()

# --- reverse-continue with no hit behind: back to the start ---------------
if(PART STREQUAL "nohit")
  # (a breakpoint set but not reached yet, nothing else to find)
  file(WRITE ${WORK}/nohit.txt "break control:law\nstepi 100\nreverse-continue\nwhere\n")
  run(nohit ${SIM} --debug --frames 1 --commands ${WORK}/nohit.txt)
  expect_rc(nohit 0)
  expect_match(nohit out "> reverse-continue\nstart of the run \\(cycle 0\\)\n  cycle 0, instruction 0, [^\n]*\n> where\n  cycle 0, instruction 0, ")
  message(STATUS "reverse-continue with no hit behind went to the start")
  return()
endif()

# --- continue cycle C: a forward run, which a breakpoint stops first -------
if(PART STREQUAL "cycle")
  file(WRITE ${WORK}/cycle.txt "break control:law\ncontinue cycle 1500000\ndelete 1\ncontinue cycle 1500000\n")
  run(cyc ${SIM} --debug --frames 4 --commands ${WORK}/cycle.txt)
  expect_rc(cyc 0)
  expect_match(cyc out "> continue cycle 1500000\n([^>][^\n]*\n)*breakpoint 1 at 0x${law}[^\n]*\n  cycle ([0-9]+),")
  sections(c "${cyc_out}")
  position(first "${c_out_2}")
  if(NOT first_cycle LESS 1500000)
    fail("the breakpoint stopped continue cycle at cycle ${first_cycle}, not before 1500000")
  endif()
  expect_match(cyc out "> delete 1\n> continue cycle 1500000\n([^>][^\n]*\n)*at cycle 1500[0-9][0-9][0-9]\n")
  message(STATUS "continue cycle: stopped at the breakpoint (cycle ${first_cycle}), then at the cycle")
  return()
endif()

# --- watchpoints on what the kernel writes ---------------------------------
# A write watchpoint stops where the kernel writes the watched bytes, as a
# hardware watchpoint sees the kernel's own stores: after the system call
# that received a message into tests/footprint/portshm's `inbox` (PORTSHM:
# its simulator), and after the interrupt entry that delivered an event
# to avionics' waiting sensors process (its fen_irq_event on the stack).
# Each stop shows the new value, and reverse-continue finds the earlier
# stop again at the same position.
if(PART STREQUAL "kernel_watch")
  file(WRITE ${WORK}/inbox.txt "goto 140000\nwatch receiver:inbox\ncontinue\nx/1xw receiver:inbox\n"
       "continue\nx/1xw receiver:inbox\nreverse-continue\nx/1xw receiver:inbox\n")
  run(inbox ${PORTSHM} --debug --frames 3 --commands ${WORK}/inbox.txt)
  expect_rc(inbox 0)
  sections(k "${inbox_out}")
  set(stop "^watchpoint 1: write of 0x([0-9a-f]+) by the kernel\n  cycle [^\n]*thread receiver/main")
  foreach(i 3 5 7)
    if(NOT k_out_${i} MATCHES "${stop}")
      fail("command ${i} (${k_cmd_${i}}): not a stop at the kernel's write:\n${inbox_out}")
    endif()
  endforeach()
  set(values "")
  foreach(i 4 6 8)
    if(NOT k_out_${i} MATCHES "^0x([0-9a-f]+): 0x([0-9a-f]+)\n")
      fail("command ${i} (${k_cmd_${i}}) did not show inbox:\n${inbox_out}")
    endif()
    math(EXPR v "0x${CMAKE_MATCH_2}")
    list(APPEND values ${v})
  endforeach()
  list(GET values 0 v1)
  list(GET values 1 v2)
  list(GET values 2 v3)
  math(EXPR next "${v1} + 1")
  if(v1 EQUAL 0 OR NOT v2 EQUAL next OR NOT v3 EQUAL v1)
    fail("inbox at the stops: ${values}; expected a counter n > 0, n + 1, n again")
  endif()
  position(first "${k_out_3}")
  position(back "${k_out_7}")
  if(NOT back_cycle EQUAL first_cycle OR NOT back_insn EQUAL first_insn
     OR NOT back_event EQUAL first_event)
    fail("reverse-continue went to ${back_cycle}/${back_insn}/${back_event}, the first stop "
         "was at ${first_cycle}/${first_insn}/${first_event}")
  endif()

  # The interrupt event's block: its address from r1 at fen_irq_wait.
  file(WRITE ${WORK}/where.txt "break sensors:fen_irq_wait\ncontinue\ninfo registers\n")
  run(where ${SIM} --debug --frames 1 --commands ${WORK}/where.txt)
  expect_rc(where 0)
  if(NOT where_out MATCHES "r1 +0x([0-9a-f]+)")
    fail("no r1 at fen_irq_wait:\n${where_out}")
  endif()
  set(ev ${CMAKE_MATCH_1})
  file(WRITE ${WORK}/irq.txt "break sensors:fen_irq_wait\ncontinue\ndelete 1\n"
       "watch 0x${ev} 4\ncontinue\nx/1xw 0x${ev}\nreverse-stepi\nx/1xw 0x${ev}\n")
  run(irq ${SIM} --debug --frames 1 --commands ${WORK}/irq.txt)
  expect_rc(irq 0)
  sections(q "${irq_out}")
  if(NOT q_out_5 MATCHES "^watchpoint 2: write of 0x${ev} by the kernel\n")
    fail("no stop at the interrupt's delivery:\n${irq_out}")
  endif()
  position(irq "${q_out_5}")
  # The event's first word is the cycle the line was asserted: written
  # when the stop comes, and before it, not yet.
  if(NOT q_out_6 MATCHES "^0x${ev}: 0x([0-9a-f]+)\n")
    fail("x/1xw at the stop:\n${irq_out}")
  endif()
  math(EXPR asserted "0x${CMAKE_MATCH_1}")
  if(asserted EQUAL 0 OR NOT irq_cycle GREATER asserted)
    fail("at the stop (cycle ${irq_cycle}) the event says asserted at ${asserted}")
  endif()
  if(NOT q_out_8 MATCHES "^0x${ev}: 0x00000000\n")
    fail("one instruction before the stop the event was already written:\n${irq_out}")
  endif()
  message(STATUS "kernel writes: inbox ${values} at the port stops, interrupt event "
          "(asserted at ${asserted}) at cycle ${irq_cycle}")
  return()
endif()

# --- bad commands: an error each, the session goes on, exit 1 -------------
if(PART STREQUAL "errors")
  set(bad_commands
    "frobnicate" "break nosuch_symbol" "x/4q control:raw_port" "x/4xw nosuch_symbol"
    "x/2xw 0x90000000" "delete 99" "goto" "goto minus" "stepi -1" "stepi many"
    "continue sideways" "info bogus" "watch" "break syscall no_such_call"
    "break event no_such_kind")
  # All of them in one session, a clean command after them: an error line
  # for each, the clean one still answers, and the exit status is 1.
  set(all "")
  foreach(c IN LISTS bad_commands)
    string(APPEND all "${c}\n")
  endforeach()
  file(WRITE ${WORK}/bad_all.txt "${all}stepi 5\n")
  run(bad ${SIM} --debug --frames 1 --commands ${WORK}/bad_all.txt)
  expect_rc(bad 1)
  sections(b "${bad_out}")
  set(i 0)
  foreach(c IN LISTS bad_commands)
    math(EXPR i "${i} + 1")
    if(NOT "${b_cmd_${i}}" STREQUAL "${c}" OR NOT b_out_${i} MATCHES "^(error: |info what\\?)")
      fail("'${c}': expected an error line:\n${bad_out}")
    endif()
  endforeach()
  expect_match(bad out "> stepi 5\nat cycle 5\n  cycle 5, instruction 5, ")
  # One bad command alone is enough for exit 1, whatever comes after it.
  foreach(c "frobnicate" "break nosuch_symbol" "stepi -1" "info bogus")
    string(MAKE_C_IDENTIFIER "${c}" id)
    file(WRITE ${WORK}/bad_${id}.txt "${c}\nwhere\n")
    run(bad ${SIM} --debug --frames 1 --commands ${WORK}/bad_${id}.txt)
    expect_rc(bad 1)
    expect_match(bad out "> where\n  cycle 0, ")
  endforeach()
  # A commands file that does not exist.
  run(nofile ${SIM} --debug --frames 1 --commands ${WORK}/no-such-commands.txt)
  if(nofile_rc EQUAL 0)
    fail("a missing commands file gave exit 0")
  endif()
  expect_match(nofile err "no-such-commands\\.txt")
  message(STATUS "each bad command: an error line and exit 1")
  return()
endif()

if(NOT PART STREQUAL "session")
  fail("PART is session, symbols, nohit, cycle, kernel_watch or errors, not '${PART}'")
endif()

# --- the long session (PART session) ------------------------------------
run(debug ${SIM} --debug ${session_args} --commands ${WORK}/clean.txt)
file(WRITE ${WORK}/debug.out "${debug_out}")
expect_rc(debug 0)
sections(s "${debug_out}")
if(NOT s_count EQUAL 30)
  fail("expected 30 commands echoed, got ${s_count}:\n${debug_out}")
endif()

# expect_out(<i> <command> <regex>): command i echoed, and its output.
function(expect_out i cmd regex)
  if(NOT "${s_cmd_${i}}" STREQUAL "${cmd}")
    fail("command ${i}: expected '${cmd}', the transcript has '${s_cmd_${i}}'")
  endif()
  if(NOT "${s_out_${i}}" MATCHES "${regex}")
    problem("'${cmd}' (command ${i}): expected\n  ${regex}\ngot:\n${s_out_${i}}")
  endif()
endfunction()

position(start "${s_out_0}")
if(NOT start_cycle EQUAL 0 OR NOT start_insn EQUAL 0)
  fail("the session does not start at cycle 0:\n${s_out_0}")
endif()
expect_out(1 help "reverse-stepi.*goto CYCLE.*info registers")
expect_out(2 "stepi 100" "at cycle 100\n  cycle 100, instruction 100, ")
position(step100 "${s_out_2}")
expect_out(3 "reverse-stepi 1" "  cycle 99, instruction 99, event ${step100_event}, ")
expect_out(4 stepi "  cycle 100, instruction 100, event ${step100_event}, ")
if(NOT s_out_4 STREQUAL s_out_2)
  problem("stepi after reverse-stepi is not where stepi 100 was:\n${s_out_2}\n${s_out_4}")
endif()
# next: right after the next kernel event, one event on.
expect_out(5 next "  cycle [0-9]+, instruction [0-9]+, event ")
position(next "${s_out_5}")
math(EXPR want "${step100_event} + 1")
if(NOT next_event EQUAL want OR NOT next_cycle GREATER 100)
  problem("next from event ${step100_event} at cycle 100 went to event ${next_event} at "
       "cycle ${next_cycle}")
endif()
# reverse-next: back to right after the event before that one.
position(rnext "${s_out_6}")
if(NOT rnext_event EQUAL step100_event OR NOT rnext_cycle LESS next_cycle)
  problem("reverse-next from event ${next_event} (cycle ${next_cycle}) went to event "
       "${rnext_event} at cycle ${rnext_cycle}")
endif()
expect_out(7 "break control:law" "^breakpoint 1\n$")
expect_out(8 continue
  "^breakpoint 1 at 0x${law}\n  cycle [0-9]+, instruction [0-9]+, event [0-9]+, thread control/law, pc 0x${law}\n$")
position(law "${s_out_8}")
expect_out(9 "info breakpoints" "^1 +break at 0x${law}\n$")
expect_out(10 "info registers" "thread control/law .*pc +0x${law}")
expect_out(11 "info threads"
  "sensors/main.*sensors/acquire.*\\* +[0-9]+ +control/law +running.*display/logger.*payload/main")
expect_out(12 "info partitions"
  "0 +sensors .*\\* 1 +control .*2 +display .*3 +payload ")
expect_out(13 "info windows"
  "schedule normal, major frame 500000 cycles.*\\* window 4 +control ")
# The MPU as loaded for control: its regions, numbered by slot 0-7.
expect_out(14 "info mpu" "^MPU enabled, holding partition control\n")
set(missing "")
foreach(slot 0 1 2 3 4 5 6 7)
  if(NOT s_out_14 MATCHES "\n  slot  ${slot}  ")
    list(APPEND missing ${slot})
  endif()
endforeach()
if(missing)
  string(JOIN ", " missing ${missing})
  problem("info mpu: no line for slot ${missing}:\n${s_out_14}")
endif()
expect_out(14 "info mpu" "0x00110000\\.\\.0x00117fff .*0x20110000\\.\\.0x20117fff ")
expect_out(15 "info ports"
  "sensors\\.raw .*control\\.raw .*control\\.cmd .*display\\.cmd .*control\\.log .*display\\.log ")
# The last 3 events before here, numbered up to (events seen) - 1.
math(EXPR e1 "${law_event} - 1")
math(EXPR e3 "${law_event} - 3")
expect_out(16 "info events 3" "^#${e3} +@[0-9]+ [^\n]*\n#[0-9]+ [^\n]*\n#${e1} +@[0-9]+ [^\n]*\n$")
# Without N, the last 10.
math(EXPR e10 "${law_event} - 10")
expect_out(17 "info events" "^#${e10} +@[0-9]+ [^\n]*\n(#[0-9]+ [^\n]*\n)+#${e1} +@[0-9]+ [^\n]*\n$")
string(REGEX MATCHALL "#[0-9]+ " lines "${s_out_17}")
list(LENGTH lines n)
if(NOT n EQUAL 10)
  problem("info events: ${n} events listed, expected the last 10:\n${s_out_17}")
endif()
expect_out(18 "info snapshots" "^[1-9][0-9]* snapshots, ")
expect_out(19 "x/4xw control:raw_port"
  "^0x${raw_port}: 0x[0-9a-f]+ 0x[0-9a-f]+ 0x[0-9a-f]+ 0x[0-9a-f]+\n$")
expect_out(20 "delete 1" "^$")
expect_out(21 "watch sensors:__region_samples_start" "^watchpoint 2\n$")
expect_out(22 continue "^watchpoint 2: write of 0x${samples}\n  cycle [0-9]+, [^\n]*thread sensors/acquire")
position(w1 "${s_out_22}")
expect_out(23 where "")
position(w1where "${s_out_23}")
if(NOT w1_cycle GREATER law_cycle OR NOT w1where_cycle EQUAL w1_cycle)
  problem("the watchpoint stop (cycle ${w1_cycle}) is not after the breakpoint (cycle "
       "${law_cycle}), or `where` moved (cycle ${w1where_cycle})")
endif()
expect_out(24 continue "^watchpoint 2: write of 0x${samples}\n")
position(w2 "${s_out_24}")
if(NOT w2_cycle GREATER w1_cycle)
  problem("the second watchpoint stop (${w2_cycle}) is not after the first (${w1_cycle})")
endif()
# reverse-continue: back to the latest hit before here, the first one.
expect_out(25 reverse-continue "^watchpoint 2: write of 0x${samples}\n")
position(rc "${s_out_25}")
if(NOT rc_cycle EQUAL w1_cycle OR NOT rc_insn EQUAL w1_insn OR NOT rc_event EQUAL w1_event)
  problem("reverse-continue from cycle ${w2_cycle} went to cycle ${rc_cycle} instruction "
       "${rc_insn} event ${rc_event}, the previous hit was at cycle ${w1_cycle} "
       "instruction ${w1_insn} event ${w1_event}")
endif()
position(goto1 "${s_out_26}")
position(goto2 "${s_out_27}")
if(NOT s_cmd_26 STREQUAL "goto 1500000" OR goto1_cycle LESS 1500000 OR goto1_cycle GREATER 1510000)
  problem("goto 1500000 went to cycle ${goto1_cycle}")
endif()
if(NOT s_cmd_27 STREQUAL "goto 400000" OR goto2_cycle LESS 400000 OR NOT goto2_cycle LESS goto1_cycle
   OR goto2_cycle GREATER 410000)
  problem("goto 400000 (back from ${goto1_cycle}) went to cycle ${goto2_cycle}")
endif()
expect_out(28 "delete 2" "^$")
expect_out(29 "info breakpoints" "^$")
expect_out(30 continue "^end of the run at cycle 2000000\n  cycle 2000000, ")

# --- the same script on a recording of the same run --------------------
run(record ${SIM} --record ${WORK}/run.rec --frames 4)
expect_rc(record 0)
run(step ${SIM} --replay ${WORK}/run.rec --step --snapshot-every 200000
    --commands ${WORK}/clean.txt)
file(WRITE ${WORK}/step.out "${step_out}")
expect_rc(step 0)
if(NOT step_out STREQUAL debug_out)
  problem("--replay --step printed another transcript than --debug (${WORK}/step.out, "
       "${WORK}/debug.out)")
endif()

problems("the session's answers were wrong (transcript: ${WORK}/debug.out)")
message(STATUS "${s_count} commands checked, the same transcript on the recording")
