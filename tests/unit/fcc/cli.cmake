# fcc's command line: exit status 0 / 1 / 2, and no output file written
# (not even a temporary) when the input is invalid.
# cmake -DFCC=... -DDATA=... -DOUT=... -P this
file(REMOVE_RECURSE ${OUT})

# expect(<status> <args>...): run fcc with args, check its exit status.
function(expect status)
  execute_process(COMMAND ${FCC} ${ARGN} RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL status)
    message(FATAL_ERROR "fcc ${ARGN}: exit ${rc}, expected ${status}\n${err}")
  endif()
  set(last_err "${err}" PARENT_SCOPE)
endfunction()

expect(0 --help)
expect(2 --bogus)
expect(2 --app)
expect(2 --check ${DATA}/trio/app.yaml)
expect(2 --check ${DATA}/trio/app.yaml --boards ${DATA}/boards extra)
expect(2 --app ${DATA}/trio/app.yaml --boards ${DATA}/boards)
expect(1 --check ${DATA}/nonexistent.yaml --boards ${DATA}/boards)
expect(0 --check ${DATA}/trio/app.yaml --boards ${DATA}/boards)

expect(1 --app ${DATA}/invalid/app.yaml --boards ${DATA}/boards --out ${OUT})
if(NOT last_err MATCHES "invalid/app.yaml:14:7: error: window \\[solo 5ms..10ms\\] of schedule 'default' overlaps")
  message(FATAL_ERROR "unexpected error output:\n${last_err}")
endif()
file(GLOB left ${OUT}/* ${OUT}/.*)
if(left)
  message(FATAL_ERROR "files written for invalid input: ${left}")
endif()

expect(0 --app ${DATA}/trio/app.yaml --boards ${DATA}/boards --out ${OUT})
file(GLOB written RELATIVE ${OUT} ${OUT}/* ${OUT}/.*)
list(SORT written)
if(NOT written STREQUAL "alpha.ld;beta.ld;cfg_gen.c;cfg_gen.h;gamma.ld")
  message(FATAL_ERROR "unexpected output files: ${written}")
endif()
