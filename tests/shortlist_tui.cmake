# Tests of the shortlist and the session in the full-screen guide (issue 16)
# (included by tests/CMakeLists.txt): the application state without curses,
# and whole screens in-process (tests/screen/harness.h).
add_executable(test_app_shortlist test_app_shortlist.c tui_fixtures/fixture_guide.c)
target_link_libraries(test_app_shortlist PRIVATE borderless_app PkgConfig::CMOCKA)
target_include_directories(test_app_shortlist PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
add_test(NAME test_app_shortlist COMMAND test_app_shortlist)
set_tests_properties(test_app_shortlist PROPERTIES ENVIRONMENT "${BL_TEST_ENV}")

add_executable(test_screen_shortlist test_screen_shortlist.c screen/harness.c
                                     tui_fixtures/fixture_guide.c)
target_link_libraries(test_screen_shortlist PRIVATE borderless_tui PkgConfig::CMOCKA)
target_include_directories(test_screen_shortlist PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
add_test(NAME test_screen_shortlist COMMAND test_screen_shortlist)
set_tests_properties(test_screen_shortlist PROPERTIES
                     ENVIRONMENT "${BL_TEST_ENV};TERM=xterm-256color" LABELS screen)

# End to end (tmux): the session saved on SIGTERM and q, restored, private.
find_program(BL_TMUX tmux)
if(BL_TMUX)
  bl_script_test(e2e_session e2e/session.sh)
  set_tests_properties(e2e_session PROPERTIES TIMEOUT 120 LABELS e2e)
  set_property(TEST e2e_session APPEND PROPERTY ENVIRONMENT
               "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/tui_fixtures/lsan.supp:fast_unwind_on_malloc=0")
  # However the guide ends (SIGHUP, SIGTERM, SIGKILL, the terminal closing),
  # the next start restores the entry.
  # A damaged content cache found before the first key: the guide starts
  # again from the YAML and writes the cache anew.
  bl_script_test(e2e_cache_damage e2e/cache_damage.sh)
  set_tests_properties(e2e_cache_damage PROPERTIES TIMEOUT 120 LABELS e2e)
  bl_script_test(e2e_resume e2e/resume.sh)
  set_tests_properties(e2e_resume PROPERTIES TIMEOUT 120 LABELS e2e)
  set_property(TEST e2e_resume APPEND PROPERTY ENVIRONMENT
               "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/tui_fixtures/lsan.supp:fast_unwind_on_malloc=0")
endif()
