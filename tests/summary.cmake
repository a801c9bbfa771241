# The summary writer and the safe file writer (issue 5).
#
# Golden files: tests/golden/<role>.txt and .md are the exact bytes of
# `borderless summary <role>` in each format.  After an intended change to
# the summary or the content, regenerate them and review the diff:
#   BORDERLESS_UPDATE_GOLDEN=1 ctest -R test_summary     (from the build folder)
bl_unit_test(test_summary test_summary.c)
bl_unit_test(test_safewrite test_safewrite.c)
bl_script_test(summary_cli summary_cli/test_summary_cli.sh)
