#!/usr/bin/env python3
"""regen.py — writes tests/screen_fit_cases.inc from the case list below and
what the screens show now (run by hand after a deliberate change, then READ
every changed screen in the diff before committing it):

    python3 tests/screen_fit/regen.py build/tests/test_screen_fit
"""
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
inc = os.path.join(here, "..", "screen_fit_cases.inc")

# name, width, height, ascii, keys (a C expression: ALL3 and NONE13 are macros)
CASES = [
    ("question_80x24", 80, 24, 0, '"f"'),
    ("important_80x24", 80, 24, 0, '"f2!"'),
    # "Important" needs an answer: refused on no preference, dropped when the
    # answer becomes no preference.
    ("important_on_none_80x24", 80, 24, 0, '"f!"'),
    ("important_dropped_80x24", 80, 24, 0, '"f2!0"'),
    ("back_80x24", 80, 24, 0, '"f2<Enter>4<Enter><BS>"'),
    ("crime_areas_80x24", 80, 24, 0,
     '"f<Enter><Enter><Enter><Enter><Enter><Enter><Enter><Enter><Enter><Enter> <Down> <Down>"'),
    ("route_check_80x24", 80, 24, 0, 'NONE13 "e<End><Enter>"'),
    ("results_80x24", 80, 24, 0, "ALL3"),
    ("results_scrolled_80x24", 80, 24, 0, 'ALL3 "<PgDn>"'),
    ("all_ties_80x24", 80, 24, 0, "NONE13"),
    ("edit_pick_80x24", 80, 24, 0, 'ALL3 "e<Down>"'),
    ("edit_reranks_80x24", 80, 24, 0,
     'ALL3 "<Down>e<Enter>1!<Enter>e<Down><Down><Down><Enter>1<Enter>"'),
    ("open_role_80x24", 80, 24, 0, 'ALL3 "<Down><Enter>"'),
    ("open_role_back_80x24", 80, 24, 0, 'ALL3 "<Down><Enter><BS>"'),
    ("clear_asks_80x24", 80, 24, 0, 'ALL3 "x"'),
    ("clear_yes_80x24", 80, 24, 0, 'ALL3 "xy"'),
    ("leave_80x24", 80, 24, 0, '"f2<Enter><Esc>"'),
    ("question_40x16", 40, 16, 0, '"f"'),
    ("results_40x16", 40, 16, 0, "ALL3"),
    ("results_120x30", 120, 30, 0, "ALL3"),
    ("question_ascii_80x24", 80, 24, 1, '"f2!"'),
    ("results_ascii_80x24", 80, 24, 1, "ALL3"),
    ("resize_to_50x20", 80, 24, 0, 'ALL3 "<resize:50x20>"'),
    # The help lists only what works on the fit screen it is opened on.
    ("help_in_fit_80x24", 80, 24, 0, '"f?"'),
    ("help_in_fit_results_80x24", 80, 24, 0, 'ALL3 "?"'),
    ("help_in_fit_pick_80x24", 80, 24, 0, 'ALL3 "e?"'),
    ("help_in_fit_40x16", 40, 16, 0, '"f?"'),
    ("help_in_fit_40x16_scrolled", 40, 16, 0, '"f?<End>"'),
    ("help_in_fit_results_ascii_80x24", 80, 24, 1, 'ALL3 "?"'),
    ("help_closed_in_fit_80x24", 80, 24, 0, 'ALL3 "?x"'),
    # The mouse: a click chooses an answer, picks and unpicks crime areas,
    # selects a question to edit or a role (again: opens it); the wheel
    # moves, or scrolls the explanation under it.
    ("click_answer_80x24", 80, 24, 0, '"f<click:7,10>"'),
    ("click_outside_80x24", 80, 24, 0, '"f<click:3,5><click:12,5><click:0,5>"'),
    ("wheel_question_80x24", 80, 24, 0, '"f<wheel:7,10,-1><wheel:7,10,-1>"'),
    ("click_areas_80x24", 80, 24, 0,
     '"f<Enter><Enter><Enter><Enter><Enter><Enter><Enter><Enter><Enter><Enter>"'
     ' "<click:6,8><click:5,8><click:6,8>"'),
    ("click_edit_pick_80x24", 80, 24, 0, 'ALL3 "e<click:6,5>"'),
    ("click_edit_pick_again_80x24", 80, 24, 0, 'ALL3 "e<click:6,5><click:6,5>"'),
    ("click_role_80x24", 80, 24, 0, 'ALL3 "<click:3,20>"'),
    ("click_role_again_opens_80x24", 80, 24, 0, 'ALL3 "<click:3,20><click:3,20>"'),
    ("wheel_list_80x24", 80, 24, 0, 'ALL3 "<wheel:2,20,1>"'),
    ("wheel_explanation_80x24", 80, 24, 0, 'ALL3 "<wheel:12,20,1>"'),
    ("click_role_40x16", 40, 16, 0, 'ALL3 "<click:5,10><click:4,10>"'),
]


def c_str(s):
    out = []
    for ch in s:
        if ch == "\\" or ch == '"':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def write(screens):
    with open(inc, "w", encoding="utf-8") as f:
        f.write("/* screen_fit_cases.inc — the cases of test_screen_fit.c, written by\n"
                " * tests/screen_fit/regen.py: name, size, ASCII, keys, the screen expected. */\n")
        f.write("static const struct fit_case cases[] = {\n")
        for (name, w, h, ascii, keys) in CASES:
            f.write("    {\n")
            f.write(f'        .name = "{name}",\n')
            f.write(f"        .w = {w}, .h = {h}, .ascii = {ascii},\n")
            f.write(f"        .keys = {keys},\n")
            f.write("        .expected =\n")
            rows = screens.get(name, "").split("\n")
            for i, r in enumerate(rows):
                f.write("            " + c_str(r + ("\n" if i + 1 < len(rows) else "")) + "\n")
            f.write("        ,\n    },\n")
        f.write("};\n")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    if sys.argv[1] == "--empty":  # a first build, before any screen exists
        write({})
        return 0
    env = dict(os.environ, BL_SCREEN_PRINT="1")
    env.setdefault("BORDERLESS_FIXTURES", os.path.join(here, "..", "fixtures"))
    out = subprocess.run([sys.argv[1]], env=env, capture_output=True, text=True).stdout
    screens, name, buf = {}, None, []
    for line in out.split("\n"):
        if line.startswith("#### "):
            name, buf = line[5:], []
        elif line == "====" and name:
            screens[name] = "\n".join(buf)
            name = None
        elif name is not None:
            buf.append(line)
    write(screens)
    print(f"regen: {len(screens)} of {len(CASES)} screens written to {os.path.normpath(inc)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
