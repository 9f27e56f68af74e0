# Runs fcc on apps/hello twice and checks that the output is
# deterministic, that ping.ld is exactly data/hello_ping.ld, and that
# cfg_gen.c compiles warning-free against kernel/config.h.
# cmake -DFCC=... -DREPO=... -DOUT=... -DCC=... -DGOLDEN=... -P this
foreach(v FCC REPO OUT CC GOLDEN)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "${v} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE ${OUT})
foreach(run a b)
  execute_process(
    COMMAND ${FCC} --app apps/hello/app.yaml --boards boards --out ${OUT}/${run}
    WORKING_DIRECTORY ${REPO} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "fcc failed (${rc}) on apps/hello/app.yaml")
  endif()
endforeach()

foreach(f cfg_gen.h cfg_gen.c ping.ld pong.ld)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files
                  ${OUT}/a/${f} ${OUT}/b/${f} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${f} differs between two runs on the same input")
  endif()
endforeach()

execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files
                ${GOLDEN} ${OUT}/a/ping.ld RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${OUT}/a/ping.ld differs from ${GOLDEN}")
endif()

execute_process(
  COMMAND ${CC} -fsyntax-only -std=c11 -Wall -Wextra -Werror
          -I ${REPO}/kernel -I ${OUT}/a ${OUT}/a/cfg_gen.c
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the generated cfg_gen.c does not compile cleanly")
endif()
