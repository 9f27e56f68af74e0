# divergence_step.cmake - included by divergence.cmake with -DSTEP=1
# (replay.divergence_step), with ${WORK}/timing.rec made (an event one
# cycle late): the same divergence in the debugger's replay.  `continue`
# stops right after it (the report names the replayed event's cycle) with
# the whole report (exit 1 at the end of the session),
# and the session can still step back from there to look for the cause.
file(WRITE ${WORK}/step.txt "continue\nreverse-stepi 10\nwhere\n")
run(step ${SIM} --replay ${WORK}/timing.rec --step --commands ${WORK}/step.txt)
file(WRITE ${WORK}/step.out "${step_out}")
expect_rc(step 1)
if(NOT step_out MATCHES "> continue\n(\\[[^\n]*\n)*diverged at cycle ([0-9]+) \\(record at offset ${ev_at}\\)\n  recorded: event @${late} [^\n]*\n  replayed: event @${ev_cycle} [^\n]*\n  likely cause: ([^\n]*)\n  cycle ([0-9]+), instruction ([0-9]+), ")
  fail("--step: expected `continue` to stop at the divergence at record ${ev_at}, recorded "
       "@${late}, replayed @${ev_cycle}, got:\n${step_out}")
endif()
set(at_cycle ${CMAKE_MATCH_2})
set(cause "${CMAKE_MATCH_3}")
set(pos_cycle ${CMAKE_MATCH_4})
math(EXPR back "${CMAKE_MATCH_5} - 10")
if(NOT at_cycle EQUAL ev_cycle OR pos_cycle LESS at_cycle)
  fail("--step: diverged at cycle ${at_cycle} (the event is at ${ev_cycle}) and stopped at "
       "cycle ${pos_cycle}:\n${step_out}")
endif()
if(NOT cause STREQUAL "the same event at another cycle: a timing difference (kernel entry cost, device timing, instruction counting)")
  fail("--step: the likely cause is not the whole one the plain replay gives, got\n  ${cause}")
endif()
if(NOT step_out MATCHES "> reverse-stepi 10\n(\\[[^\n]*\n)*at cycle [0-9]+\n  cycle [0-9]+, instruction ${back}, [^\n]*\n> where\n  cycle [0-9]+, instruction ${back}, ")
  fail("--step: expected reverse-stepi 10 from the divergence to go 10 instructions back, "
       "to instruction ${back}, got:\n${step_out}")
endif()
message(STATUS "the debugger stops at the divergence and steps back from it")
