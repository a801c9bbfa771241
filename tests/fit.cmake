# The fit finder (issue 15): scores, ties, what would change, routes, answers
# files and the report (test_fit); the `fit` command (cli/test_fit.sh).
bl_unit_test(test_fit test_fit.c)
bl_script_test(test_fit_cli cli/test_fit.sh)
