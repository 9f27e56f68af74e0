# cmake -DSIM=avionics-sim -DEDIT=rec_edit -DTRACE=fenestra-trace -DWORK=<dir>
#       -P damaged.cmake
#
# replay.damaged: a real recording (apps/avionics, 400 frames: HEAD, SCEN,
# DATA chunks, END), damaged on purpose at places found from the
# chunk headers (docs/formats.md), is refused up front: exit 2, a message
# "replay: error: FILE: offset N: ..." with the right N, nothing replayed
# (no console output), never a crash, never exit 0.
include(${CMAKE_CURRENT_LIST_DIR}/lib.cmake)
fresh_dir(${WORK})
set(good ${WORK}/good.rec)
run(record ${SIM} --record ${good} --frames 400 --quiet)
expect_rc(record 0)
rec_chunks(${good})
# HEAD, SCEN, DATA... (two or more), END: the first and the last DATA are
# damaged below.
list(LENGTH CHUNK_TYPE nchunks)
math(EXPR last "${nchunks} - 1")
math(EXPR before_end "${nchunks} - 2")
if(nchunks LESS 5 OR NOT CHUNK_TYPE MATCHES "^HEAD;SCEN;DATA;(DATA;)+END_$")
  fail("expected chunks HEAD, SCEN, two or more DATA, END, got ${CHUNK_TYPE}")
endif()
list(GET CHUNK_AT 0 head_at)
list(GET CHUNK_AT 1 scen_at)
list(GET CHUNK_AT 2 data0_at)
list(GET CHUNK_AT ${before_end} data1_at)
list(GET CHUNK_LEN ${before_end} data1_len)
list(GET CHUNK_SEQ ${before_end} data1_seq)
list(GET CHUNK_AT ${last} end_at)
list(GET CHUNK_LEN ${last} end_len)
list(GET CHUNK_SEQ ${last} end_seq)
math(EXPR want_size "${end_at} + 16 + 41")
if(NOT head_at EQUAL 8 OR NOT end_len EQUAL 41 OR NOT FILE_SIZE EQUAL want_size)
  fail("expected HEAD at 8 and a 41-byte END ending the file: HEAD at ${head_at}, "
       "END at ${end_at} of ${end_len} bytes, file of ${FILE_SIZE}")
endif()

# The undamaged file replays (else every refusal below proves nothing).
run(replay ${SIM} --replay ${good})
expect_rc(replay 0)
expect_match(replay err "matched the recording")

set(cases 0)
# refused(<name> <file> <regex>): the replay exits 2 with "replay: error:"
# and the message, and runs nothing.
function(refused name file regex)
  run(${name} ${SIM} --replay ${file})
  expect_rc(${name} 2)
  expect_match(${name} err "^replay: error: [^\n]*${regex}")
  if(NOT "${${name}_out}" STREQUAL "")
    message(FATAL_ERROR "${name}: the damaged recording was partly replayed:\n${${name}_out}")
  endif()
  math(EXPR n "${cases} + 1")
  set(cases ${n} PARENT_SCOPE)
endfunction()

# --- one byte flipped inside a chunk: its checksum names the chunk ------
# The middle of the last DATA chunk's payload: a record, not a header.
math(EXPR pos "${data1_at} + 16 + ${data1_len} / 2")
run(edit ${EDIT} write ${good} ${WORK}/flip_data.rec ${pos}=xor:0x10)
refused(flip_data ${WORK}/flip_data.rec
  "flip_data\\.rec: offset ${data1_at}: checksum mismatch in chunk ${data1_seq} \\(DATA\\)")
# Its last payload byte.
math(EXPR pos "${data1_at} + 16 + ${data1_len} - 1")
run(edit ${EDIT} write ${good} ${WORK}/flip_data_end.rec ${pos}=xor:0x01)
refused(flip_data_end ${WORK}/flip_data_end.rec
  "offset ${data1_at}: checksum mismatch in chunk ${data1_seq} \\(DATA\\)")
# The first DATA chunk's first record's kind byte.
math(EXPR pos "${data0_at} + 16")
run(edit ${EDIT} write ${good} ${WORK}/flip_data0.rec ${pos}=xor:0x80)
refused(flip_data0 ${WORK}/flip_data0.rec
  "offset ${data0_at}: checksum mismatch in chunk 2 \\(DATA\\)")
# HEAD's app name, SCEN's text.
run(edit ${EDIT} write ${good} ${WORK}/flip_head.rec 34=xor:0x20)
refused(flip_head ${WORK}/flip_head.rec "offset 8: checksum mismatch in chunk 0 \\(HEAD\\)")
math(EXPR pos "${scen_at} + 100")
run(edit ${EDIT} write ${good} ${WORK}/flip_scen.rec ${pos}=xor:0x01)
refused(flip_scen ${WORK}/flip_scen.rec
  "offset ${scen_at}: checksum mismatch in chunk 1 \\(SCEN\\)")
# The END chunk's counts.
math(EXPR pos "${end_at} + 16 + 16")
run(edit ${EDIT} write ${good} ${WORK}/flip_end.rec ${pos}=xor:0x01)
refused(flip_end ${WORK}/flip_end.rec "offset ${end_at}: checksum mismatch in chunk ${end_seq}")
# A chunk header's sequence number and CRC fields (the CRC covers the header).
math(EXPR pos "${data1_at} + 8")
run(edit ${EDIT} write ${good} ${WORK}/flip_seq.rec ${pos}=xor:0x04)
refused(flip_seq ${WORK}/flip_seq.rec "offset ${data1_at}: checksum mismatch in chunk ${data1_seq}")
math(EXPR pos "${data1_at} + 13")
run(edit ${EDIT} write ${good} ${WORK}/flip_crc.rec ${pos}=xor:0x01)
refused(flip_crc ${WORK}/flip_crc.rec "offset ${data1_at}: checksum mismatch in chunk ${data1_seq}")

# --- damage with its checksum made right: the structure is checked ------
# A length over the 1 MiB limit is refused before anything is read for it.
math(EXPR pos "${data1_at} + 4")
run(edit ${EDIT} write ${good} ${WORK}/huge.rec ${pos}=u32:0x7fffffff)
refused(huge ${WORK}/huge.rec
  "offset ${data1_at}: chunk payload of 2147483647 bytes is over the limit")
# A sequence gap, CRC recomputed.
math(EXPR pos "${data1_at} + 8")
run(edit ${EDIT} write ${good} ${WORK}/gap.rec --crc ${pos}=u32:77)
refused(gap ${WORK}/gap.rec
  "offset ${data1_at}: chunk out of sequence: DATA chunk number 77, expected ${data1_seq}")
# An unknown record kind in the middle of a DATA chunk, CRC recomputed:
# the offset is the record's.
run(records ${EDIT} records ${good})
string(REGEX MATCHALL "event [0-9]+" evs "${records_out}")
list(LENGTH evs nev)
math(EXPR mid "${nev} / 2")
list(GET evs ${mid} ev)
string(REPLACE "event " "" rec_at "${ev}")
run(edit ${EDIT} write ${good} ${WORK}/kind.rec --crc ${rec_at}=u8:9)
refused(kind ${WORK}/kind.rec "offset ${rec_at}: unknown record kind 9")
# END's event count off by one, CRC recomputed.
math(EXPR pos "${end_at} + 16 + 16")
run(edit ${EDIT} write ${good} ${WORK}/count.rec --crc ${pos}=xor:0x01)
refused(count ${WORK}/count.rec "offset ${end_at}: END counts")
# An event whose sizes byte claims more bytes than its chunk has left: the
# last record of the last DATA chunk, its widths all made the widest (26
# bytes in all), checksum recomputed.
string(REGEX MATCHALL "(event|host|input) [0-9]+" recs "${records_out}")
math(EXPR data1_end "${data1_at} + 16 + ${data1_len}")
set(last_rec "")
foreach(r IN LISTS recs)
  string(REGEX REPLACE "^[a-z]+ " "" r_at "${r}")
  if(r_at LESS data1_end)
    set(last_rec "${r}")
  endif()
endforeach()
string(REGEX REPLACE "^[a-z]+ " "" last_at "${last_rec}")
math(EXPR left "${data1_end} - ${last_at}")
if(NOT last_rec MATCHES "^event " OR left GREATER_EQUAL 26)
  fail("expected the last DATA chunk to end with an event shorter than 26 bytes, "
       "got '${last_rec}' of ${left} bytes")
endif()
math(EXPR pos "${last_at} + 1")
run(edit ${EDIT} write ${good} ${WORK}/event_past.rec --crc ${pos}=u8:0xff)
refused(event_past ${WORK}/event_past.rec
  "offset ${last_at}: record of kind 1 \\(26 bytes\\) runs past its chunk \\(${left} bytes left\\)")
# A newer format version: nothing after the version is read.
run(edit ${EDIT} write ${good} ${WORK}/newer.rec --crc 24=u32:3)
refused(newer ${WORK}/newer.rec
  "offset 24: recording format version 3 is newer than this build reads \\(2\\)")
# An older one (version 1: fixed-size events, CRC-32 on DATA) is refused
# as such, not read as garbage.
run(edit ${EDIT} write ${good} ${WORK}/older.rec --crc 24=u32:1)
refused(older ${WORK}/older.rec
  "offset 24: recording format version 1 is older than this build reads \\(2\\): record the run again")

# --- cut short ------------------------------------------------------------
function(cut name len regex)
  run(edit ${EDIT} cut ${good} ${WORK}/${name}.rec ${len})
  expect_rc(edit 0)
  refused(${name} ${WORK}/${name}.rec "${regex}")
  set(cases ${cases} PARENT_SCOPE)
endfunction()
cut(cut_magic 5 "offset 0: ")
cut(cut_after_magic 8 "offset 8: truncated: no HEAD chunk")
cut(cut_head_header 18 "offset 8: truncated: chunk at offset 8 needs 16 bytes, the file has 10")
list(GET CHUNK_LEN 0 head_len)
math(EXPR need "16 + ${head_len}")
cut(cut_head_payload 100 "offset 8: truncated: chunk at offset 8 needs ${need} bytes, the file has 92")
math(EXPR len "${data1_at} + 16 + ${data1_len} / 2")
math(EXPR need "16 + ${data1_len}")
math(EXPR has "16 + ${data1_len} / 2")
cut(cut_data ${len}
  "offset ${data1_at}: truncated: chunk at offset ${data1_at} needs ${need} bytes, the file has ${has}")
math(EXPR len "${data1_at} + 7")
cut(cut_data_header ${len} "offset ${data1_at}: truncated: chunk at offset ${data1_at} needs 16 bytes, the file has 7")
cut(cut_before_end ${end_at}
  "offset ${end_at}: truncated: no END chunk after offset ${data1_at}")
math(EXPR len "${end_at} + 20")
cut(cut_mid_end ${len}
  "offset ${end_at}: truncated: chunk at offset ${end_at} needs 57 bytes, the file has 20")
math(EXPR len "${FILE_SIZE} - 1")
cut(cut_last_byte ${len}
  "offset ${end_at}: truncated: chunk at offset ${end_at} needs 57 bytes, the file has 56")
cut(cut_empty 0 "offset 0: ")

# --- more than a recording, less than one ---------------------------------
run(edit ${EDIT} pad ${good} ${WORK}/trailing.rec 1)
refused(trailing ${WORK}/trailing.rec
  "offset ${FILE_SIZE}: trailing bytes after the END chunk at offset ${end_at}")
file(WRITE ${WORK}/text.rec "# not a recording\n1ms data stimulus 1 2 3\n")
refused(text ${WORK}/text.rec "text\\.rec: offset 0: not a recording \\(bad magic\\)")
refused(missing ${WORK}/no-such-file.rec "no-such-file\\.rec")

# fenestra-trace reads the same files with the same reader: it refuses
# too (exit 1), naming the offset, and writes no output file claiming
# to be whole.
run(stats ${TRACE} stats ${WORK}/flip_data.rec)
expect_rc(stats 1)
expect_match(stats err "offset ${data1_at}: checksum mismatch")
run(stats ${TRACE} stats ${WORK}/cut_before_end.rec)
expect_rc(stats 1)
expect_match(stats err "offset ${end_at}: truncated")

message(STATUS "${cases} damaged recordings refused with their offsets")
