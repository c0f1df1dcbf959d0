#!/usr/bin/env python3
"""Cores busy, second by second, from a `perf record` of a build: where a
stage leaves cores idle (decision 104).

    CONGKHAI_TIMING=1 perf record -F 99 -g -o perf.data congkhai build CONTENT --output OUT --quiet
    perf script -i perf.data -F tid,time,ip,sym | swift demangle --simplified | python3 scripts/cores_busy.py [--hz 99] [--from S] [--to S]

Each line: a second of the run (from the first sample), the cores busy in
it (samples in that second / the sampling rate) and the commonest frames
among a few named stages, so a second at 1.0 core shows what ran alone.
"""
import argparse
import collections
import re
import sys

STAGES = ["SiteRenderer.renderPage", "OpenData", "SearchIndex", "Feeds.files", "changeFeeds", "sitemaps",
          "Staging.write", "libc_write", "QRCode", "CommentGroups", "FeedbackIngest", "FeedbackLanes",
          "FeedbackStages", "ContentLoader", "Scorer.score", "IdleWork", "HistoryStage"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hz", type=float, default=99)
    ap.add_argument("--from", dest="start", type=float, default=0)
    ap.add_argument("--to", dest="end", type=float, default=1e9)
    args = ap.parse_args()
    header = re.compile(r"^\s*(\S+)\s+(\d+\.\d+):")
    first = None
    busy = collections.defaultdict(int)
    what = collections.defaultdict(collections.Counter)
    stack, when = [], None

    def flush():
        if when is None or not stack:
            return
        second = when - first
        if not (args.start <= second < args.end):
            return
        b = int(second)
        busy[b] += 1
        tag = next((s for frame in stack for s in STAGES if s in frame), "other")
        what[b][tag] += 1

    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line.strip():
            flush()
            stack, when = [], None
        elif line.startswith("\t") or line.startswith(" " * 8):
            parts = line.strip().split(None, 1)
            stack.append(parts[1] if len(parts) > 1 else parts[0])
        else:
            m = header.match(line)
            if m:
                when = float(m.group(2))
                first = when if first is None else first
    flush()
    for b in sorted(busy):
        top = ", ".join(f"{k} {v}" for k, v in what[b].most_common(3))
        print(f"{b:5d} s  {busy[b] / args.hz:4.2f} cores  {top}")


if __name__ == "__main__":
    main()
