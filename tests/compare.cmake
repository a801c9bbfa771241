# The comparison of two or three roles (issue 16): its rows and layouts,
# the `compare` command, and the guide's comparison view.
bl_unit_test(test_compare test_compare.c)

add_executable(test_screen_compare test_screen_compare.c screen/harness.c
                                   tui_fixtures/fixture_guide.c)
target_link_libraries(test_screen_compare PRIVATE borderless_tui PkgConfig::CMOCKA)
target_include_directories(test_screen_compare PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
add_test(NAME test_screen_compare COMMAND test_screen_compare)
set_tests_properties(test_screen_compare PROPERTIES
                     ENVIRONMENT "${BL_TEST_ENV};TERM=xterm-256color" LABELS screen)

add_executable(test_app_compare test_app_compare.c)
target_link_libraries(test_app_compare PRIVATE borderless_app PkgConfig::CMOCKA)
target_include_directories(test_app_compare PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
add_test(NAME test_app_compare COMMAND test_app_compare)
set_tests_properties(test_app_compare PROPERTIES ENVIRONMENT "${BL_TEST_ENV}")

bl_script_test(compare_cli compare_cli/test_compare_cli.sh)

# The compare set: marked in the menu, kept in the session (the leftovers of
# issue 16), whole screens in their own XDG folders.
add_executable(test_screen_compare_set test_screen_compare_set.c screen/harness.c
                                       tui_fixtures/fixture_guide.c)
target_link_libraries(test_screen_compare_set PRIVATE borderless_tui PkgConfig::CMOCKA)
target_include_directories(test_screen_compare_set PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
add_test(NAME test_screen_compare_set COMMAND test_screen_compare_set)
set_tests_properties(test_screen_compare_set PROPERTIES
                     ENVIRONMENT "${BL_TEST_ENV};TERM=xterm-256color" LABELS screen)

# End to end (tmux): the set kept by q and restored by the next start.
find_program(BL_TMUX tmux)
if(BL_TMUX)
  bl_script_test(e2e_compare_set e2e/compare_set.sh)
  set_tests_properties(e2e_compare_set PROPERTIES TIMEOUT 60 LABELS e2e)
  set_property(TEST e2e_compare_set APPEND PROPERTY ENVIRONMENT
               "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/tui_fixtures/lsan.supp:fast_unwind_on_malloc=0")
endif()
