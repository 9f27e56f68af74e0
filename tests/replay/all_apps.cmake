# cmake -DBIN=<build>/bin -DAPPS="a;b;..." [-DREFUSED="c;..."] -P all_apps.cmake
#
# replay.all_apps: every simulator executable the build made has its
# replay.record.<app> test (APPS: the apps the tests were registered for,
# from the global property FENESTRA_APPS read at the end of the top-level
# CMakeLists), but for the apps the simulator refuses (REFUSED: FP
# partitions, global property FENESTRA_SIM_REFUSED).  An app added where
# the list is not seen fails here.
cmake_minimum_required(VERSION 3.25)
file(GLOB sims RELATIVE ${BIN} ${BIN}/*-sim)
set(missing "")
foreach(s IN LISTS sims)
  string(REGEX REPLACE "-sim$" "" app "${s}")
  if(NOT app IN_LIST APPS AND NOT app IN_LIST REFUSED)
    list(APPEND missing ${app})
  endif()
endforeach()
list(LENGTH sims n)
if(n EQUAL 0)
  message(FATAL_ERROR "no simulator executables in ${BIN}")
endif()
if(missing)
  message(FATAL_ERROR "simulator apps without a replay.record test: ${missing}")
endif()
message(STATUS "${n} simulator apps, each with replay.record.<app>")
