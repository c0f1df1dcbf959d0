#!/usr/bin/env python3
"""An independent re-implementation of DESIGN.md's scoring rules (v1), used to
cross-check `congkhai score --format json`. Written from the contract, not from
the Swift code. Valid content only (run `congkhai check` first).

    python3 scripts/reference_score.py content [--as-of 2026-11-28] > ref.json
    python3 scripts/reference_score.py content --compare scores.json
"""
import argparse
import csv
import datetime as dt
import json
import math
import os
import sys
import unicodedata
from decimal import Decimal, ROUND_HALF_UP

import yaml


def load_yaml(path):
    with open(path, encoding="utf-8-sig") as f:
        return yaml.load(f, Loader=yaml.BaseLoader)  # every scalar a string


def front_matter(path):
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    lines = text.split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].rstrip("\r").rstrip() in ("---", "..."))
    return yaml.load("\n".join(lines[1:end]), Loader=yaml.BaseLoader) or {}


def d(s):
    return dt.date.fromisoformat(s) if s not in (None, "", "null", "~") else None


def ts(s):
    if s in (None, "", "null", "~"):
        return None
    s = s.replace(" ", "T")
    if len(s) == 10:
        s += "T00:00"
    return dt.datetime.fromisoformat(s)


def num(s):
    return float(s) if s not in (None, "", "null", "~") else None


def rnd(x):
    return float(Decimal(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("content")
    ap.add_argument("--as-of")
    ap.add_argument("--compare")
    a = ap.parse_args()
    root = a.content
    site = load_yaml(os.path.join(root, "site.yaml"))
    D = d(a.as_of) if a.as_of else d(site["as_of"])
    S, E = d(site["period"]["start"]), d(site["period"]["end"])
    fw = load_yaml(os.path.join(root, site.get("framework", "framework.yaml")))
    catalog = load_yaml(os.path.join(root, "catalog.yaml")) if os.path.exists(os.path.join(root, "catalog.yaml")) else {"products": []}
    products = {p["id"]: float(p["norm"]) for p in (catalog or {}).get("products", [])}
    localities = {}
    for name in sorted(os.listdir(os.path.join(root, "localities"))):
        if name.startswith(".") or not name.endswith(".yaml"):
            continue
        localities[name[:-5]] = load_yaml(os.path.join(root, "localities", name))
    officials = {}
    odir = os.path.join(root, "officials")
    for loc in sorted(os.listdir(odir)):
        if loc.startswith("."):
            continue
        for name in sorted(os.listdir(os.path.join(odir, loc))):
            if name.startswith(".") or not name.endswith(".md"):
                continue
            officials[(loc, name[:-3])] = front_matter(os.path.join(odir, loc, name))

    # ---- feedback
    seen = set()
    latest = {}
    loose = []   # (official, kind, rating) never merged
    complaints = {}
    fdir = os.path.join(root, "feedback")
    files = sorted((f for f in os.listdir(fdir) if f.lower().endswith(".csv") and not f.startswith(".")), key=lambda s: s.encode()) if os.path.isdir(fdir) else []
    order = 0
    for fname in files:
        with open(os.path.join(fdir, fname), encoding="utf-8-sig", newline="") as f:
            rows = csv.reader(f)
            header = None
            for row in rows:
                if not row or (len(row) == 1 and row[0] == ""):
                    continue
                if header is None:
                    header = [h.strip().lower() for h in row]
                    continue
                if len(row) != len(header):
                    continue
                r = {h: unicodedata.normalize("NFC", v.strip()) for h, v in zip(header, row)}
                g = lambda k: r.get(k, "")
                if not g("id"):
                    continue
                try:
                    date = dt.date.fromisoformat(g("date"))
                except ValueError:
                    continue
                if g("channel") and g("channel") not in ("survey", "hotline", "portal", "meeting", "social", "other"):
                    continue
                if g("kind") not in ("rating", "complaint", "suggestion"):
                    continue
                if g("respondent_kind") and g("respondent_kind") not in ("citizen", "business", "agency", "staff"):
                    continue
                if g("status") and g("status") not in ("open", "in_progress", "resolved", "rejected"):
                    continue
                if g("locality") not in localities:
                    continue
                if g("official") and (g("locality"), g("official")) not in officials:
                    continue
                if g("commitment"):
                    if not g("official"):
                        continue
                    cids = [c["id"] for c in officials[(g("locality"), g("official"))].get("commitments", []) or []]
                    if g("commitment") not in cids:
                        continue
                rating = None
                if g("kind") == "rating":
                    try:
                        rating = float(g("rating"))
                    except ValueError:
                        continue
                    if not (1 <= rating <= 5):
                        continue
                bad = False
                for k in ("due", "resolved_on"):
                    if g(k):
                        try:
                            dt.date.fromisoformat(g(k))
                        except ValueError:
                            bad = True
                if bad:
                    continue
                if g("id") in seen:
                    continue
                seen.add(g("id"))
                if not (S <= date <= D) or not g("official"):
                    continue
                key_o = (g("locality"), g("official"))
                if g("kind") == "rating":
                    order += 1
                    if not g("respondent"):
                        loose.append((key_o, g("respondent_kind"), rating))
                    else:
                        k = (g("respondent"), g("locality"), g("official"), g("commitment"))
                        old = latest.get(k)
                        if old is None or date >= old[0]:
                            latest[k] = (date, g("respondent_kind"), rating, key_o)
                elif g("kind") == "complaint":
                    if g("status") == "rejected" or not g("due"):
                        continue
                    due = d(g("due"))
                    if due > D:
                        continue
                    ro = d(g("resolved_on"))
                    if g("status") == "resolved" and ro and ro <= D:
                        v = 1.0 if ro <= due else 0.5
                    else:
                        v = 0.0
                    complaints.setdefault(key_o, []).append(v)
    ratings = [(o, k, r) for (_, k, r, o) in latest.values()] + loose

    def factor(loc, product):
        for adj in localities[loc].get("norm_adjustments", []) or []:
            if adj["product"] == product:
                on = d(adj.get("approved_on"))
                if on and on > D:
                    return 1.0
                return float(adj["factor"])
        return 1.0

    def eff_target(loc, c):
        if num(c.get("target")) is not None:
            return num(c.get("target"))
        if c.get("product") and c["product"] in products:
            return products[c["product"]] * factor(loc, c["product"])
        return None

    def visible(c):
        p = d(c.get("published_on"))
        return p is None or p <= D

    def done(c):
        return c.get("status") == "done" and d(c.get("completed_on")) is not None and d(c["completed_on"]) <= D

    def approved_withdrawn(c):
        w = c.get("withdrawn") or {}
        return c.get("status") == "withdrawn" and (w.get("approved_by") or "").strip() and (w.get("decision") or "").strip()

    def m_delivery(loc, o, group, partners_only):
        sw = swct = 0.0
        n = 0
        for c in o.get("commitments", []) or []:
            if not visible(c):
                continue
            if group in ("A", "B") and c["group"] != group:
                continue
            if partners_only and not (c.get("partners") or []):
                continue
            if approved_withdrawn(c):
                continue
            deadline = d(c["deadline"])
            isdone = done(c)
            wd = c["status"] == "withdrawn"
            due = (not wd and deadline <= min(D, E)) or (wd and deadline <= min(D, E)) or \
                  (not wd and isdone and S <= d(c["completed_on"]) <= E)
            if not due:
                continue
            t_ = eff_target(loc, c)
            act = num(c.get("actual"))
            if wd:
                comp = 0.0
            elif t_ is not None and act is not None:
                comp = min(1.0, act / t_)
            elif isdone:
                comp = 1.0
            else:
                best = None
                for u in c.get("updates", []) or []:
                    if d(u["on"]) <= D and num(u.get("progress")) is not None:
                        if best is None or d(u["on"]) >= d(best["on"]):
                            best = u
                comp = num(best["progress"]) / 100 if best else 0.0
            if isdone and not wd and d(c["completed_on"]) <= deadline:
                t = 1.0
            else:
                L = (d(c["completed_on"]) - deadline).days if (isdone and not wd) else (D - deadline).days
                t = 1 - min(L, 90) / 180
            w = {"normal": 1, "hard": 1.5, "breakthrough": 2}[c.get("difficulty", "normal")]
            sw += w
            swct += w * comp * t
            n += 1
        return None if n == 0 else 100 * swct / sw

    def prior(kinds):
        rs = [r for (_, k, r) in ratings if k in kinds]
        return sum(rs) / len(rs) if rs else 3.0

    def m_rating(key, kinds, C):
        rs = [r for (o, k, r) in ratings if o == key and k in kinds]
        if not rs:
            return None
        m = prior(kinds)
        b = (C * m + sum(rs)) / (C + len(rs))
        return (b - 1) / 4 * 100

    def m_complaints(key):
        vs = complaints.get(key, [])
        return None if not vs else 100 * sum(vs) / len(vs)

    def m_disclosure(loc, o):
        vals = []
        for c in o.get("commitments", []) or []:
            if not visible(c) or c["status"] == "withdrawn":
                continue
            ups = [u for u in (c.get("updates") or []) if d(u["on"]) <= D]
            isdone = done(c)
            p = d(c.get("published_on"))
            fresh = isdone or any(d(u["on"]) >= D - dt.timedelta(days=30) for u in ups) or (p is not None and p >= D - dt.timedelta(days=30))
            def okurl(e):
                e = (e or "").strip()
                return e.lower().startswith(("http://", "https://")) or (e.startswith("/") and not e.startswith("//"))
            evid = (not isdone) or any(okurl(u.get("evidence")) for u in ups)
            meas = eff_target(loc, c) is not None or bool((c.get("acceptance") or "").strip())
            vals.append((fresh + evid + meas) / 3)
        return 0.0 if not vals else 100 * sum(vals) / len(vals)

    def m_incidents(o):
        vals = []
        for i in o.get("incidents", []) or []:
            occ = ts(i["occurred"])
            if not (S <= occ.date() <= D):
                continue
            resp = ts(i.get("responded"))
            tgt = float(i["target_response_hours"])
            if resp is None or resp.date() > D:
                r = 0.0
            else:
                h = (resp - occ).total_seconds() / 3600
                r = 1.0 if h <= tgt else tgt / h
            out = i["outcome"]
            res = ts(i.get("resolved"))
            if res is not None and res.date() > D:
                out = "ongoing"
            if out == "ongoing":
                vals.append(r)
            else:
                vals.append((r + {"resolved": 1, "partial": 0.5, "unresolved": 0}[out]) / 2)
        return None if not vals else 100 * sum(vals) / len(vals)

    def m_initiatives(o):
        total = 0.0
        for i in o.get("initiatives", []) or []:
            ad = d(i["adopted_on"])
            if not (S - dt.timedelta(days=365) <= ad <= D):
                continue
            rho = 0.0
            b, c = i.get("baseline") or {}, i.get("current") or {}
            for k in ("days", "cost_vnd", "steps"):
                if num(b.get(k)) is not None and num(c.get(k)) is not None and num(b[k]) != 0:
                    rho = max(rho, min(1.0, max(0.0, (num(b[k]) - num(c[k])) / num(b[k]))))
            pts = 50 * min(1.0, rho / 0.5)
            s = i.get("sustained")
            f = 1.0 if s == "true" else 0.0 if s == "false" else 0.5
            total += pts * f
        return min(100.0, total)

    def m_training(o):
        tr = num((o.get("training") or {}).get("staff_trained"))
        sc = num(o.get("staff_count"))
        if tr is None or sc is None or sc == 0:
            return None
        return 100 * min(1.0, tr / sc)

    def m_indicators(loc):
        ps = []
        for ind in localities[loc].get("indicators", []) or []:
            if num(ind.get("actual")) is None:
                continue
            b, t, a_ = num(ind["baseline"]), num(ind["target"]), num(ind["actual"])
            if t == b:
                good = a_ >= b if ind.get("direction", "higher") == "higher" else a_ <= b
                ps.append(1.0 if good else 0.0)
            else:
                ps.append(min(1.0, max(0.0, (a_ - b) / (t - b))))
        return None if not ps else 100 * sum(ps) / len(ps)

    def m_assessment(o, key):
        a_ = (o.get("assessments") or {}).get(key)
        if not a_:
            return None
        on = d(a_.get("on"))
        if on and on > D:
            return None
        return min(100.0, max(0.0, 100 * float(a_["score"]) / float(a_["max"])))

    audits = []
    adir = os.path.join(root, "audits")
    if os.path.isdir(adir):
        for name in sorted((n for n in os.listdir(adir) if n.endswith(".yaml") and not n.startswith(".")), key=lambda s: s.encode()):
            for entry in load_yaml(os.path.join(adir, name)) or []:
                ref = entry["official"]
                if "/" in ref:
                    key = tuple(ref.split("/"))
                else:
                    key = next(k for k in officials if k[1] == ref)
                audits.append((key, entry))

    bands = fw["bands"]
    band_ids = [b["id"] for b in bands]
    results = []
    for key in sorted(officials, key=lambda k: (k[0].encode(), k[1].encode())):
        loc, oid = key
        o = officials[key]
        crit_out = {}
        sw = swa = 0.0
        bw = bwa = 0.0
        bcount = 0
        for c in fw["criteria"]:
            vals = []
            for m in c["measures"]:
                mt = m["metric"]
                if mt == "commitment_delivery":
                    v = m_delivery(loc, o, m.get("group", "any"), m.get("partners_only") == "true")
                elif mt == "rating":
                    v = m_rating(key, m["respondents"], float(m.get("prior_weight", 10)))
                elif mt == "complaint_resolution":
                    v = m_complaints(key)
                elif mt == "disclosure":
                    v = m_disclosure(loc, o)
                elif mt == "incident_response":
                    v = m_incidents(o)
                elif mt == "initiative_impact":
                    v = m_initiatives(o)
                elif mt == "training_ratio":
                    v = m_training(o)
                elif mt == "indicator_progress":
                    v = m_indicators(loc)
                elif mt == "assessment":
                    v = m_assessment(o, m["key"])
                if v is not None:
                    vals.append(v)
            w = float(c["weight"])
            required = c.get("required") == "true"
            if vals:
                att = sum(vals) / len(vals)
            elif required:
                att = 0.0
            else:
                att = None
            crit_out[c["id"]] = None if att is None else rnd(att)
            if att is not None:
                sw += w
                swa += w * att
                if c["group"] == "B":
                    bw += w
                    bwa += w * att
                    bcount += 1
        total = swa / sw if sw else 0.0
        mine = [e for (k, e) in audits if k == key and d(e["on"]) <= D]
        for e in mine:
            if "deduct" in e["action"]:
                total = max(0.0, total - float(e["action"]["deduct"]))
        total = rnd(total)
        bi = next((i for i, b in enumerate(bands) if total >= float(b["min"])), len(bands) - 1)
        for e in mine:
            if "downgrade" in e["action"]:
                bi = min(len(bands) - 1, bi + int(e["action"]["downgrade"]))
            elif "cap" in e["action"]:
                bi = max(bi, band_ids.index(e["action"]["cap"]))
        gate = fw.get("gates")
        if gate and bcount and bw > 0 and bwa / bw < float(gate["group_b_min"]):
            bi = max(bi, band_ids.index(gate["cap_band"]))
        results.append({"id": oid, "locality": loc, "name": o["name"], "role": o["role"], "total": total,
                        "band": band_ids[bi], "criteria": crit_out})
    for r in results:
        peers = [x for x in results if x["locality"] == r["locality"]]
        r["rank_in_locality"] = 1 + sum(1 for x in peers if x["total"] > r["total"])
    out = {"as_of": D.isoformat(), "framework": fw["id"], "officials": results}
    if a.compare:
        with open(a.compare, encoding="utf-8") as f:
            other = json.load(f)
        theirs = {(x["locality"], x["id"]): x for x in other["officials"]}
        bad = 0
        for r in results:
            t = theirs.get((r["locality"], r["id"]))
            if t is None:
                print("missing", r["locality"], r["id"]); bad += 1; continue
            for k in ("band", "rank_in_locality"):
                if r[k] != t[k]:
                    print(f"{r['locality']}/{r['id']}: {k} ref={r[k]} got={t[k]}"); bad += 1
            if abs(r["total"] - t["total"]) > 0.005:
                print(f"{r['locality']}/{r['id']}: total ref={r['total']} got={t['total']}"); bad += 1
            for cid, v in r["criteria"].items():
                tv = t["criteria"].get(cid)
                if (v is None) != (tv is None) or (v is not None and abs(v - tv) > 0.005):
                    print(f"{r['locality']}/{r['id']}: {cid} ref={v} got={tv}"); bad += 1
        print(f"{len(results)} officials compared, {bad} differences")
        sys.exit(1 if bad else 0)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()
