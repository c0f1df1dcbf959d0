#!/usr/bin/env python3
"""Mutation check of the hostile-content test: for every escaped Mustache
variable `{{name}}` in themes/default/templates, make it raw (`{{{name}}}`)
and run `swift test --filter HostileContentTests`; the test must fail. Lists
the variables whose mutation survived (a field no hostile payload reaches, or a
value that is never text from content, such as a number or a label).

    python3 scripts/mutate_templates.py [--only TEMPLATE] [--limit N]

Slow (one test run per variable); run by hand after changing templates.
"""
import argparse
import glob
import os
import re
import subprocess
import sys

VAR = re.compile(r"(?<!\{)\{\{([a-z_][a-z0-9_.]*)\}\}(?!\})")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only")
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args()
    os.chdir(os.path.join(os.path.dirname(__file__), ".."))
    subprocess.run(["swift", "build", "--build-tests"], check=True, stdout=subprocess.DEVNULL)
    survivors, killed, total = [], 0, 0
    for path in sorted(glob.glob("themes/default/templates/*.mustache")):
        if a.only and a.only not in path:
            continue
        original = open(path, encoding="utf-8").read()
        for m in VAR.finditer(original):
            name = m.group(1)
            if name.startswith("t."):
                continue  # theme strings, not content
            total += 1
            if a.limit and total > a.limit:
                break
            mutated = original[:m.start()] + "{{{" + name + "}}}" + original[m.end():]
            with open(path, "w", encoding="utf-8") as f:
                f.write(mutated)
            try:
                r = subprocess.run(["swift", "test", "--skip-build", "--filter", "HostileContentTests"],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            finally:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(original)
            line = original[:m.start()].count("\n") + 1
            if r.returncode == 0:
                survivors.append(f"{path}:{line}: {{{{{name}}}}}")
            else:
                killed += 1
    print(f"{killed} of {total} mutations caught")
    for s in survivors:
        print("survived:", s)


if __name__ == "__main__":
    main()
