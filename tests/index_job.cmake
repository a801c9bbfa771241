# The search index built in the background (issue 17; included by
# tests/CMakeLists.txt): the job itself, the app's search that waits for
# it, and whole screens drawn before the index exists.
bl_unit_test(test_index_job test_index_job.c tui_fixtures/fixture_guide.c)

add_executable(test_app_index test_app_index.c tui_fixtures/fixture_guide.c)
target_link_libraries(test_app_index PRIVATE borderless_app PkgConfig::CMOCKA)
target_include_directories(test_app_index PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
add_test(NAME test_app_index COMMAND test_app_index)
set_tests_properties(test_app_index PROPERTIES ENVIRONMENT "${BL_TEST_ENV}")

add_executable(test_screen_index test_screen_index.c screen/harness.c
                                 tui_fixtures/fixture_guide.c)
target_link_libraries(test_screen_index PRIVATE borderless_tui PkgConfig::CMOCKA)
target_include_directories(test_screen_index PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
add_test(NAME test_screen_index COMMAND test_screen_index)
set_tests_properties(test_screen_index PROPERTIES
                     ENVIRONMENT "${BL_TEST_ENV};TERM=xterm-256color" LABELS screen)
