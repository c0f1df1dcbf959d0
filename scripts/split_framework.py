#!/usr/bin/env python3
"""Gives every criterion of a framework.yaml a weight_range of half to one and
a half times its weight, split into N equal copies (`id`, `id_2`, …; weight
w/N each) — every criterion, or only those named — for band-robustness
checks and benchmarks: `MANY_RANGES=1 scripts/check-reference.sh` (four
criteria in two: fourteen ranged), BENCHMARKS.md's thirty-eighth session
(every criterion in five: fifty ranged). N must divide the weights exactly.

    python3 scripts/split_framework.py COPY/framework.yaml 5
    python3 scripts/split_framework.py COPY/framework.yaml 2 results_admin,satisfaction
"""
import re
import sys


def ranged(item, suffix, share):
    out = []
    for l in item:
        if "weight_range" in l:
            continue
        if l.startswith("  - id:") and suffix:
            l = l.rstrip() + suffix
        m = re.match(r"^(\s+)weight: (\d+(\.\d+)?)\s*$", l)
        if m:
            w = float(m.group(2)) / share
            out += [f"{m.group(1)}weight: {w:g}", f"{m.group(1)}weight_range: [{w * 0.5:g}, {w * 1.5:g}]"]
        else:
            out.append(l)
    return out


def main():
    path, copies = sys.argv[1], int(sys.argv[2])
    only = set(sys.argv[3].split(",")) if len(sys.argv) > 3 else None
    lines = open(path, encoding="utf-8").read().split("\n")
    start = next(i for i, l in enumerate(lines) if l.startswith("criteria:"))
    end = next(i for i, l in enumerate(lines) if l.startswith("bands:"))
    items, cur = [], []
    for l in lines[start + 1:end]:
        if l.startswith("  - id:") and cur:
            items.append(cur)
            cur = []
        cur.append(l)
    items.append(cur)
    body = []
    for item in items:
        n = copies if only is None or item[0].split("id:")[1].strip() in only else 1
        for k in range(n):
            body += ranged(item, "" if k == 0 else f"_{k + 1}", n)
    open(path, "w", encoding="utf-8").write("\n".join(lines[:start + 1] + body + lines[end:]))


if __name__ == "__main__":
    main()
