# The booklet export (issue 16; included by tests/CMakeLists.txt): the
# renderer (test_booklet), the HTML checked by validators (tidy and
# html5lib's strict parser: install the Debian packages tidy and
# python3-html5lib, as scripts/quickstart does), the `export` command's exit
# statuses, and the guide's E prompt on whole screens.
bl_unit_test(test_booklet test_booklet.c)
# GitHub's heading anchors, which the Markdown booklet's contents link to.
bl_unit_test(test_mdslug test_mdslug.c)
bl_script_test(test_export_html export/test_export_html.sh)
# The Markdown booklet's contents rendered by Discount: links to GitHub's anchors.
bl_script_test(test_export_md export/test_export_md.sh)
bl_script_test(test_export_cli cli/test_export.sh)

add_executable(test_screen_export test_screen_export.c screen/harness.c
                                  tui_fixtures/fixture_guide.c)
target_link_libraries(test_screen_export PRIVATE borderless_tui PkgConfig::CMOCKA)
target_include_directories(test_screen_export PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
add_test(NAME test_screen_export COMMAND test_screen_export)
set_tests_properties(test_screen_export PROPERTIES
                     ENVIRONMENT "${BL_TEST_ENV};TERM=xterm-256color" LABELS screen)
