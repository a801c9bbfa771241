# Picking a search suggestion in the full-screen guide (issue 14) (included
# by tests/CMakeLists.txt): whole screens in-process (tests/screen/harness.h).
# The application-state tests are in test_app.c.
add_executable(test_screen_suggest test_screen_suggest.c screen/harness.c
                                   tui_fixtures/fixture_guide.c)
target_link_libraries(test_screen_suggest PRIVATE borderless_tui PkgConfig::CMOCKA)
target_include_directories(test_screen_suggest PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
add_test(NAME test_screen_suggest COMMAND test_screen_suggest)
set_tests_properties(test_screen_suggest PROPERTIES
                     ENVIRONMENT "${BL_TEST_ENV};TERM=xterm-256color" LABELS screen)
