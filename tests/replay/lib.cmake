# lib.cmake - what the replay tests' scripts share (include()d by them).

cmake_minimum_required(VERSION 3.25)

# run(<prefix> <command> [args...]): runs it, with <prefix>_rc, <prefix>_out
# and <prefix>_err set in the caller.  A sanitizer report on stderr fails
# the test whatever the exit status was.
function(run prefix)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  check_sane("${ARGN}" "${err}")
  set(${prefix}_rc "${rc}" PARENT_SCOPE)
  set(${prefix}_out "${out}" PARENT_SCOPE)
  set(${prefix}_err "${err}" PARENT_SCOPE)
endfunction()

# run_to_file(<prefix> <stdout file> <command> [args...]): as run(), but
# stdout goes to a file untouched (binary-safe, for byte comparisons).
function(run_to_file prefix file)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_FILE ${file} ERROR_VARIABLE err)
  check_sane("${ARGN}" "${err}")
  set(${prefix}_rc "${rc}" PARENT_SCOPE)
  set(${prefix}_err "${err}" PARENT_SCOPE)
endfunction()

# joined(<var> <argc>): the caller's arguments ARGV0... as one string,
# each kept whole (';' in a transcript is not a list separator here).
macro(joined var argc)
  set(${var} "")
  if(${argc} GREATER 0)
    math(EXPR _last "${argc} - 1")
    foreach(_i RANGE ${_last})
      string(APPEND ${var} "${ARGV${_i}}")
    endforeach()
  endif()
endmacro()

# problem(<message>...): a failed expectation kept, so that one wrong
# answer does not hide the next; problems() fails the test with all of them.
function(problem)
  joined(msg ${ARGC})
  set_property(GLOBAL APPEND_STRING PROPERTY FENESTRA_REPLAY_PROBLEMS "\n--- ${msg}\n")
endfunction()

function(problems what)
  get_property(all GLOBAL PROPERTY FENESTRA_REPLAY_PROBLEMS)
  if(all)
    message(FATAL_ERROR "${what}:${all}")
  endif()
endfunction()

function(check_sane cmd err)
  if(err MATCHES "AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:")
    message(FATAL_ERROR "a sanitizer report from\n  ${cmd}\n${err}")
  endif()
endfunction()

# fail(<message>...): the test fails, saying why.
function(fail)
  joined(msg ${ARGC})
  message(FATAL_ERROR "${msg}")
endfunction()

function(expect_rc prefix want)
  if(NOT "${${prefix}_rc}" STREQUAL "${want}")
    message(FATAL_ERROR "${prefix}: expected exit status ${want}, got '${${prefix}_rc}'\n"
            "stderr:\n${${prefix}_err}")
  endif()
endfunction()

# expect_match(<prefix> <stream: out|err> <regex> [description])
function(expect_match prefix stream regex)
  set(text "${${prefix}_${stream}}")
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "${prefix}: std${stream} does not match\n  ${regex}\n"
            "std${stream} was:\n${text}")
  endif()
endfunction()

# rec_chunks(<file>): the chunks of a recording as the knife reads them
# (docs/formats.md), in CHUNK_AT, CHUNK_TYPE, CHUNK_LEN, CHUNK_SEQ (lists
# in file order) and FILE_SIZE.
function(rec_chunks file)
  run(chunks ${EDIT} chunks ${file})
  expect_rc(chunks 0)
  string(REPLACE "\n" ";" lines "${chunks_out}")
  set(at "")
  set(type "")
  set(len "")
  set(seq "")
  foreach(l IN LISTS lines)
    if(l MATCHES "^chunk ([0-9]+) ([A-Z_]+) ([0-9]+) ([0-9]+) ([01])$")
      list(APPEND at ${CMAKE_MATCH_1})
      list(APPEND type ${CMAKE_MATCH_2})
      list(APPEND len ${CMAKE_MATCH_3})
      list(APPEND seq ${CMAKE_MATCH_4})
      if(NOT CMAKE_MATCH_5 EQUAL 1)
        message(FATAL_ERROR "${file}: chunk at ${CMAKE_MATCH_1} has a bad CRC before any edit")
      endif()
    elseif(l MATCHES "^size ([0-9]+)$")
      set(FILE_SIZE ${CMAKE_MATCH_1} PARENT_SCOPE)
    endif()
  endforeach()
  set(CHUNK_AT "${at}" PARENT_SCOPE)
  set(CHUNK_TYPE "${type}" PARENT_SCOPE)
  set(CHUNK_LEN "${len}" PARENT_SCOPE)
  set(CHUNK_SEQ "${seq}" PARENT_SCOPE)
endfunction()

# fresh_dir(<dir>): an empty working directory for one test.
function(fresh_dir dir)
  file(REMOVE_RECURSE ${dir})
  file(MAKE_DIRECTORY ${dir})
endfunction()
