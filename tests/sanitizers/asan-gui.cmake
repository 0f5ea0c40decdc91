# Included by the `asan` configure preset (CMAKE_PROJECT_INCLUDE, i.e. right after project()): once
# the whole tree is configured, links gui_asan_defaults.cpp into the GUI binary `gemba`, and only
# into it. See that file for why. Other configurations never read this file.
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL _gemba_asan_gui_defaults)
function(_gemba_asan_gui_defaults)
  if(TARGET gemba)
    target_sources(gemba PRIVATE ${CMAKE_SOURCE_DIR}/tests/sanitizers/gui_asan_defaults.cpp)
  endif()
endfunction()
