#!/usr/bin/env python3
"""An independent check of a published site's ledger and manifest, written
from DESIGN.md ("History and the ledger") with nothing but Python's standard
library — what an auditor can run without congkhai:

  * the entries are read from data/ledger/: entries.jsonl, or when the
    ledger is split, the numbered segments entries-000001.jsonl,
    entries-000002.jsonl, … alone, in order (numbered from 1 without gaps;
    an entries.jsonl beside them is a problem);
  * every line of those files is the canonical JSON of its entry
    (json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)),
    its hash is the SHA-256 of that serialisation without "hash", its prev is
    the previous entry's hash (64 zeros for seq 1), seqs run 1, 2, 3, …;
  * data/ledger/head.json names the last entry (its seq, hash and as_of);
  * the last "build" entry names the SHA-256 of data/manifest.json;
  * every file of the site but the manifest and data/ledger/ is listed in the
    manifest with its SHA-256, and nothing else is listed; no file is a
    symbolic link, a special file or hidden (a name starting with "."), but
    the placeholder .gitkeep at the top and a .git folder there, which is
    not walked; data/ledger/ holds the entry files, head.json and head.sig
    only.

With --previous OLD (an older copy of the site: a mirror, an archive, a
download from last month), also what proves the past was not rewritten:

  * OLD's entry lines are SITE's first lines, byte for byte (the chain
    extends OLD's, nothing before it changed);
  * every file of OLD's frozen periods (ky/<period>/) is in SITE with the
    same SHA-256 (kept unchanged in every later build);
  * every score-history row of OLD (data/history/*.csv) for a day other
    than OLD's last (a rebuild on the same day replaces that day's rows) is
    in SITE unchanged wherever SITE still has that day (days older than a
    month are thinned to one a month).

    python3 scripts/verify_ledger.py SITE [--previous OLD]   # exit 0 ok, 1 with one line per problem
"""
import argparse
import csv
import datetime
import hashlib
import io
import json
import os
import re
import sys


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def ledger_lines(site, problems):
    """The entry lines of SITE's ledger, in order, from entries.jsonl or the numbered segments alone."""
    folder = os.path.join(site, "data", "ledger")
    numbered = sorted((int(m.group(1)), name) for name in os.listdir(folder)
                      for m in [re.fullmatch(r"entries-(\d{6,})\.jsonl", name)] if m)
    for want, (got, name) in enumerate(numbered, 1):
        if got != want:
            problems.append(f"ledger: segment {want} missing (found {name})")
            break
    names = [name for _, name in numbered] or ["entries.jsonl"]
    if numbered and os.path.exists(os.path.join(folder, "entries.jsonl")):
        problems.append("ledger: entries.jsonl beside numbered segments")
    for name in names:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            yield from f


def check_extends(site, previous, problems):
    """OLD's entries are SITE's first entries, byte for byte."""
    old = list(ledger_lines(previous, []))
    if not old:
        problems.append(f"--previous {previous}: no ledger entries to compare")
        return
    new = list(ledger_lines(site, []))
    for i, line in enumerate(old):
        if i >= len(new):
            problems.append(f"ledger: does not extend previous (ends at seq {len(new)}, previous at seq {len(old)})")
            return
        if new[i] != line:
            problems.append(f"ledger: does not extend previous (seq {json.loads(line).get('seq')} differs)")
            return


def check_frozen(site, previous, problems):
    """Every file of OLD's frozen periods is in SITE with the same bytes."""
    for root, dirs, files in os.walk(os.path.join(previous, "ky")):
        dirs.sort()
        for name in sorted(files):
            rel = os.path.relpath(os.path.join(root, name), previous)
            mine = os.path.join(site, rel)
            if not os.path.isfile(mine) or os.path.islink(mine):
                problems.append(f"{rel}: missing, but in the frozen period of --previous (kept unchanged in every later build)")
            elif sha(mine) != sha(os.path.join(previous, rel)):
                problems.append(f"{rel}: differs from the frozen period of --previous (kept unchanged in every later build)")


def history_days(path):
    """A score-history file's rows by day: each row its other four cells joined, sorted."""
    days = {}
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", errors="replace")
    for n, row in enumerate(csv.reader(io.StringIO(text, newline=""))):
        if n == 0 or len(row) < 5 or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[0]):
            continue
        try:
            datetime.date.fromisoformat(row[0])
        except ValueError:
            continue
        days.setdefault(row[0], []).append(",".join(row[1:5]))
    return {day: sorted(rows, key=lambda r: r.encode("utf-8")) for day, rows in days.items()}


def check_history(site, previous, problems):
    """OLD's score-history rows, but for its last day, are SITE's wherever SITE has the day."""
    folder = os.path.join(previous, "data", "history")
    names = sorted(n for n in os.listdir(folder) if n.endswith(".csv")) if os.path.isdir(folder) else []
    for name in names:
        rel = "data/history/" + name
        mine = os.path.join(site, rel)
        if not os.path.isfile(mine):
            problems.append(f"{rel}: missing, but in --previous (the score history is carried forward)")
            continue
        old, now = history_days(os.path.join(previous, rel)), history_days(mine)
        if not old:
            continue
        last = max(old)
        for day in sorted(old):
            if day < last and day in now and now[day] != old[day]:
                problems.append(f"{rel}: the rows of {day} differ from --previous (published history is carried forward unchanged)")


def main():
    parser = argparse.ArgumentParser(description="Check a congkhai site's ledger and manifest without congkhai.")
    parser.add_argument("site")
    parser.add_argument("--previous", metavar="OLD", help="an older copy of the site: its past must be this one's")
    args = parser.parse_args()
    site = args.site
    problems = []
    prev, last, last_build = "0" * 64, None, None
    for n, line in enumerate(ledger_lines(site, problems), 1):
        e = json.loads(line)
        h = e.pop("hash")
        body = json.dumps(e, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        if hashlib.sha256(body.encode("utf-8")).hexdigest() != h:
            problems.append(f"ledger seq {e.get('seq')}: hash mismatch")
        if e.get("prev") != prev:
            problems.append(f"ledger seq {e.get('seq')}: prev does not link")
        if e.get("seq") != n:
            problems.append(f"ledger line {n}: seq {e.get('seq')}")
        e["hash"] = h
        if json.dumps(e, sort_keys=True, separators=(",", ":"), ensure_ascii=False) != line.rstrip("\n"):
            problems.append(f"ledger seq {e.get('seq')}: not in canonical form")
        prev, last = h, e
        if e.get("kind") == "build":
            last_build = e
    with open(os.path.join(site, "data", "ledger", "head.json"), encoding="utf-8") as f:
        head = json.load(f)
    if not last or head.get("seq") != last["seq"] or head.get("hash") != last["hash"] or head.get("as_of") != last.get("as_of"):
        problems.append("ledger: head.json does not name the last entry")
    manifest_path = os.path.join(site, "data", "manifest.json")
    if not last_build or last_build["new"]["manifest"] != sha(manifest_path):
        problems.append("ledger: the last build entry does not name the manifest")
    with open(manifest_path, encoding="utf-8") as f:
        outputs = json.load(f)["outputs"]
    present = set()
    for root, dirs, files in os.walk(site):
        if root == site and ".git" in dirs:
            dirs.remove(".git")
        for name in sorted(dirs + files):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, site)
            if rel == "data/manifest.json":
                continue
            if rel.startswith("data/ledger/"):
                # The chain covers the ledger's own files; nothing covers another one there.
                if os.path.islink(path) or (name not in dirs and not re.fullmatch(r"head\.json|head\.sig|entries\.jsonl|entries-\d{6,}\.jsonl", name)):
                    problems.append(f"{rel}: not a ledger file")
                continue
            if os.path.islink(path):
                problems.append(f"{rel}: a symbolic link")
            elif name in dirs:
                continue
            elif not os.path.isfile(path):
                problems.append(f"{rel}: not a regular file")
            elif rel != ".gitkeep" and any(part.startswith(".") for part in rel.split(os.sep)):
                problems.append(f"{rel}: a hidden file")
            else:
                present.add(rel)
    present.discard(".gitkeep")
    for rel in sorted(set(outputs) - present):
        problems.append(f"{rel}: listed but missing")
    for rel in sorted(present - set(outputs)):
        problems.append(f"{rel}: not in the manifest")
    for rel in sorted(present & set(outputs)):
        if sha(os.path.join(site, rel)) != outputs[rel]:
            problems.append(f"{rel}: sha256 mismatch")
    if args.previous:
        check_extends(site, args.previous, problems)
        check_frozen(site, args.previous, problems)
        check_history(site, args.previous, problems)
    for p in problems:
        print(p)
    print(f"{site}: {last['seq'] if last else 0} ledger entries, {len(present)} files, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
