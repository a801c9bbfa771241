# The fit finder in the full-screen guide (issue 15) (included by
# tests/CMakeLists.txt): the application state without curses, whole screens
# in-process (tests/screen/harness.h), and one end-to-end run in tmux.
add_executable(test_app_fit test_app_fit.c)
target_link_libraries(test_app_fit PRIVATE borderless_app PkgConfig::CMOCKA)
target_include_directories(test_app_fit PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
add_test(NAME test_app_fit COMMAND test_app_fit)
set_tests_properties(test_app_fit PROPERTIES ENVIRONMENT "${BL_TEST_ENV}")

add_executable(test_screen_fit test_screen_fit.c screen/harness.c tui_fixtures/fixture_guide.c)
target_link_libraries(test_screen_fit PRIVATE borderless_tui PkgConfig::CMOCKA)
target_include_directories(test_screen_fit PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
add_test(NAME test_screen_fit COMMAND test_screen_fit)
set_tests_properties(test_screen_fit PROPERTIES
                     ENVIRONMENT "${BL_TEST_ENV};TERM=xterm-256color" LABELS screen)

find_program(BL_TMUX tmux)
if(BL_TMUX)
  bl_script_test(e2e_fit e2e/fit.sh)
  set_tests_properties(e2e_fit PROPERTIES TIMEOUT 120 LABELS e2e)
  set_property(TEST e2e_fit APPEND PROPERTY ENVIRONMENT
               "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/tui_fixtures/lsan.supp:fast_unwind_on_malloc=0")
endif()
