# cmake -DBADPTR=<gen dir> -DMATRIX=<gen dir> -DHELLO=<gen dir> -P apps.cmake
# The headers the build wrote for three apps of the tree: badptr's attacker
# makes calls through a hand-written trap (r12 set from a variable), so its
# kernel keeps every call, said in its calls_gen.h; matrix's gamma may
# execute a shared region, so its cfg_gen.h says CFG_HAS_SHARED_CODE 1 (the
# full table whatever its calls); hello keeps only its own calls.
function(expect file what)
  file(READ ${file} text)
  string(FIND "${text}" "${what}" at)
  if(at LESS 0)
    message(FATAL_ERROR "expected '${what}' in ${file}:\n${text}")
  endif()
endfunction()

expect(${BADPTR}/calls_gen.h "/* attacker: every call: an svc not directly after `mov r12, #<number>` at 0x")
expect(${BADPTR}/calls_gen.h "#define CFG_SYSCALLS 0xffffffffffffffffULL")
expect(${MATRIX}/cfg_gen.h "#define CFG_HAS_SHARED_CODE 1")
expect(${HELLO}/cfg_gen.h "#define CFG_HAS_SHARED_CODE 0")
# console_write, yield, get_time, sleep_until, sleep_for, thread_exit,
# partition_info
expect(${HELLO}/calls_gen.h "#define CFG_SYSCALLS 0x000000000000049fULL")
message(STATUS "badptr: every call; matrix: shared code; hello: its seven calls")
