# cmake -DSVCSCAN=<svcscan> -DCASES=<dir of test ELFs> -DOUT=<dir> -P cli.cmake
# The header svcscan writes: each partition's calls and their union; every
# call, with one line naming partition, address and why, when one svc's
# number is open; errors naming the bad argument or file.
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})

function(run expect_rc)
  execute_process(COMMAND ${SVCSCAN} ${ARGN} OUTPUT_VARIABLE out ERROR_VARIABLE err
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL expect_rc)
    message(FATAL_ERROR "svcscan ${ARGN}: exit ${rc}, expected ${expect_rc}\n${out}${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()

function(expect text what)
  string(FIND "${text}" "${what}" at)
  if(at LESS 0)
    message(FATAL_ERROR "expected '${what}' in:\n${text}")
  endif()
endfunction()

# Two partitions: calls 5 and 40, and 0, 10 and 62.
run(0 --app demo --out ${OUT}/calls_gen.h a=${CASES}/calls.elf b=${CASES}/compiled.elf)
file(READ ${OUT}/calls_gen.h h)
expect("${h}" "/* a: 5 40 */\n/* b: 0 10 62 */\n#define CFG_SYSCALLS 0x4000010000000421ULL")
if(NOT out STREQUAL "")
  message(FATAL_ERROR "svcscan printed on a full scan:\n${out}")
endif()

# One svc with its number in a register: every call, said once.
run(0 --app demo --out ${OUT}/calls_gen.h a=${CASES}/calls.elf b=${CASES}/bare.elf)
file(READ ${OUT}/calls_gen.h h)
expect("${h}" "#define CFG_SYSCALLS 0xffffffffffffffffULL")
expect("${h}" "/* b: every call: an svc not directly after `mov r12, #<number>` at 0x00100008 in .text */")
expect("${out}" "svcscan: demo: partition b (${CASES}/bare.elf): an svc not directly after `mov r12, #<number>` at 0x00100008 in .text: the kernel keeps every system call\n")
string(REGEX MATCHALL "\n" lines "${out}")
list(LENGTH lines n)
if(NOT n EQUAL 1)
  message(FATAL_ERROR "expected one line, got:\n${out}")
endif()

# Errors.
run(1 --app demo --out ${OUT}/x.h a=${CASES}/missing.elf)
expect("${err}" "svcscan: demo: partition a: ${CASES}/missing.elf: cannot open")
run(1 --app demo --out ${OUT}/x.h calls.elf)
expect("${err}" "argument 'calls.elf' is not PARTITION=ELF")
run(2 --app demo a=${CASES}/calls.elf)
expect("${err}" "needs --app, --out and at least one PARTITION=ELF")
run(2 --bogus x a=${CASES}/calls.elf)
expect("${err}" "unknown option --bogus")
if(EXISTS ${OUT}/x.h)
  message(FATAL_ERROR "svcscan wrote a header after an error")
endif()
message(STATUS "svcscan: headers and messages as expected")
