# The search engine (issue 4): the engine on the real content and a fixture,
# the `search` command's function, and the command through the real binary.
bl_unit_test(test_search test_search.c)
target_link_libraries(test_search PRIVATE PkgConfig::UTF8PROC)

bl_unit_test(test_search_cmd test_search_cmd.c ${PROJECT_SOURCE_DIR}/src/cli/cmd_search.c
             ${PROJECT_SOURCE_DIR}/src/cli/cli.c)
target_include_directories(test_search_cmd PRIVATE ${PROJECT_SOURCE_DIR}/src/cli)

bl_script_test(test_search_cli search_cli/test_search_cli.sh)

# How search reads a query (issue 14): one test per rule, on guides built in
# memory; and the relevance of the real content, judged queries kept as data
# in search_relevance.tsv.
bl_unit_test(test_search_rules test_search_rules.c)
add_executable(test_search_relevance test_search_relevance.c)
target_link_libraries(test_search_relevance PRIVATE borderless_core)
add_test(NAME search_relevance COMMAND test_search_relevance
         ${PROJECT_SOURCE_DIR}/content ${CMAKE_CURRENT_SOURCE_DIR}/search_relevance.tsv)
set_tests_properties(search_relevance PROPERTIES ENVIRONMENT "${BL_TEST_ENV}")
