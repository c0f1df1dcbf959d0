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

    python3 scripts/verify_ledger.py SITE      # exit 0 ok, 1 with one line per problem
"""
import hashlib
import json
import os
import re
import sys


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    site = sys.argv[1]
    problems = []
    prev, last, last_build = "0" * 64, None, None
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

    def lines():
        for name in names:
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                yield from f

    for n, line in enumerate(lines(), 1):
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
    for p in problems:
        print(p)
    print(f"{site}: {last['seq'] if last else 0} ledger entries, {len(present)} files, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
