#!/usr/bin/env python3
"""An independent re-implementation of DESIGN.md's scoring rules (v1 and
v1.1), used to cross-check `congkhai score --format json`. Written from the
contract, not from the Swift code, and exact: every quantity is a Python
`Fraction`, rounded once, half away from zero, at publication. Comparison is
exact too (no tolerance), in both directions (missing and extra officials),
on every criterion, total, band, locality rank, peer rank, and the band
robustness ranges. Valid content only (run `congkhai check` first).

    python3 scripts/reference_score.py content [--as-of 2026-11-28] > ref.json
    python3 scripts/reference_score.py content --compare scores.json
"""
import bisect
import argparse
import csv
import datetime as dt
import json
import math
import os
import sys
import unicodedata
from fractions import Fraction as F

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
    return F(s.strip()) if s not in (None, "", "null", "~") else None


def rnd(x):
    """Half away from zero at 2 decimals, on the exact value."""
    q = abs(x) * 100
    n = (q.numerator * 2 + q.denominator) // (2 * q.denominator)   # floor(q + 1/2)
    return F(n if x >= 0 else -n, 100)


def fmt(x):
    """A Fraction as JSON prints it (for messages)."""
    return None if x is None else (str(x.numerator) if x.denominator == 1 else f"{float(x):.6g}")


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
    products = {p["id"]: F(p["norm"]) for p in (catalog or {}).get("products", [])}
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

    # ---- feedback_response_time windows used by the framework: (target_days, kinds)
    windows = []
    for c in fw["criteria"]:
        for m in c["measures"]:
            if m["metric"] == "feedback_response_time":
                w = (int(m.get("target_days", "15")), tuple(m.get("kinds") or ["complaint", "suggestion"]))
                if w not in windows:
                    windows.append(w)
    responses = {}   # (window, official key) -> [eligible, on_time]

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
                        rating = F(g("rating"))
                    except (ValueError, ZeroDivisionError):
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
                for w in windows:
                    days, kinds = w
                    if g("kind") not in kinds or g("status") == "rejected":
                        continue
                    ro = d(g("resolved_on"))
                    if not (date + dt.timedelta(days=days) <= D or (ro is not None and ro <= D)):
                        continue
                    cell = responses.setdefault((w, key_o), [0, 0])
                    cell[0] += 1
                    if g("status") == "resolved" and ro is not None and ro <= D and (ro - date).days <= days:
                        cell[1] += 1
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
                        v = F(1) if ro <= due else F(1, 2)
                    else:
                        v = F(0)
                    complaints.setdefault(key_o, []).append(v)
    ratings = [(o, k, r) for (_, k, r, o) in latest.values()] + loose

    def factor(loc, product):
        for adj in localities[loc].get("norm_adjustments", []) or []:
            if adj["product"] == product:
                on = d(adj.get("approved_on"))
                if on and on > D:
                    return F(1)
                return F(adj["factor"])
        return F(1)

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
        sw = swct = F(0)
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
                comp = F(0)
            elif t_ is not None and act is not None:
                comp = min(F(1), act / t_)
            elif isdone:
                comp = F(1)
            else:
                best = None
                for u in c.get("updates", []) or []:
                    if d(u["on"]) <= D and num(u.get("progress")) is not None:
                        if best is None or d(u["on"]) >= d(best["on"]):
                            best = u
                comp = num(best["progress"]) / 100 if best else F(0)
            if isdone and not wd and d(c["completed_on"]) <= deadline:
                t = F(1)
            else:
                L = (d(c["completed_on"]) - deadline).days if (isdone and not wd) else (D - deadline).days
                t = 1 - F(min(max(L, 0), 90), 180)
            w = {"normal": F(1), "hard": F(3, 2), "breakthrough": F(2)}[c.get("difficulty", "normal")]
            sw += w
            swct += w * comp * t
            n += 1
        return None if n == 0 else 100 * swct / sw

    # Ratings grouped by official once, and each prior computed once per set
    # of kinds: the same sums as scanning every rating per official, which
    # is quadratic (a national tree has ~11 M ratings and 48,000 officials).
    ratings_of = {}
    for (o, k, r) in ratings:
        ratings_of.setdefault(o, []).append((k, r))
    priors = {}

    def prior(kinds):
        key = tuple(sorted(kinds))
        if key not in priors:
            rs = [r for (_, k, r) in ratings if k in kinds]
            priors[key] = sum(rs, F(0)) / len(rs) if rs else F(3)
        return priors[key]

    def m_rating(key, kinds, C):
        rs = [r for (k, r) in ratings_of.get(key, []) if k in kinds]
        if not rs:
            return None
        m = prior(kinds)
        b = (C * m + sum(rs, F(0))) / (C + len(rs))
        return (b - 1) / 4 * 100

    def m_complaints(key):
        vs = complaints.get(key, [])
        return None if not vs else 100 * sum(vs, F(0)) / len(vs)

    def m_response(key, days, kinds):
        cell = responses.get(((days, kinds), key))
        return None if not cell or cell[0] == 0 else F(100 * cell[1], cell[0])

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
            vals.append(F(int(fresh) + int(evid) + int(meas), 3))
        return F(0) if not vals else 100 * sum(vals, F(0)) / len(vals)

    def m_incidents(o):
        vals = []
        for i in o.get("incidents", []) or []:
            occ = ts(i["occurred"])
            if not (S <= occ.date() <= D):
                continue
            resp = ts(i.get("responded"))
            tgt = F(i["target_response_hours"])
            if resp is None or resp.date() > D:
                r = F(0)
            else:
                h = F(int((resp - occ).total_seconds()), 3600)
                r = F(1) if h <= tgt else tgt / h
            out = i["outcome"]
            res = ts(i.get("resolved"))
            if res is not None and res.date() > D:
                out = "ongoing"
            if out == "ongoing":
                vals.append(r)
            else:
                vals.append((r + {"resolved": F(1), "partial": F(1, 2), "unresolved": F(0)}[out]) / 2)
        return None if not vals else 100 * sum(vals, F(0)) / len(vals)

    def m_initiatives(o):
        total = F(0)
        for i in o.get("initiatives", []) or []:
            ad = d(i["adopted_on"])
            if not (S - dt.timedelta(days=365) <= ad <= D):
                continue
            rho = F(0)
            b, c = i.get("baseline") or {}, i.get("current") or {}
            for k in ("days", "cost_vnd", "steps"):
                if num(b.get(k)) is not None and num(c.get(k)) is not None and num(b[k]) != 0:
                    rho = max(rho, min(F(1), max(F(0), (num(b[k]) - num(c[k])) / num(b[k]))))
            pts = 50 * min(F(1), rho / F(1, 2))
            s = i.get("sustained")
            f = F(1) if s == "true" else F(0) if s == "false" else F(1, 2)
            total += pts * f
        return min(F(100), total)

    def m_training(o):
        tr = num((o.get("training") or {}).get("staff_trained"))
        sc = num(o.get("staff_count"))
        if tr is None or sc is None or sc == 0:
            return None
        return 100 * min(F(1), tr / sc)

    def m_indicators(loc):
        ps = []
        for ind in localities[loc].get("indicators", []) or []:
            if num(ind.get("actual")) is None:
                continue
            b, t, a_ = num(ind["baseline"]), num(ind["target"]), num(ind["actual"])
            if t == b:
                good = a_ >= b if ind.get("direction", "higher") == "higher" else a_ <= b
                ps.append(F(1) if good else F(0))
            else:
                ps.append(min(F(1), max(F(0), (a_ - b) / (t - b))))
        return None if not ps else 100 * sum(ps, F(0)) / len(ps)

    def m_assessment(o, key):
        a_ = (o.get("assessments") or {}).get(key)
        if not a_:
            return None
        on = d(a_.get("on"))
        if on and on > D:
            return None
        if F(a_["max"]) <= 0:
            return None
        return min(F(100), max(F(0), 100 * F(a_["score"]) / F(a_["max"])))

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
    gate = fw.get("gates")
    criteria = fw["criteria"]
    ranged = [i for i, c in enumerate(criteria) if c.get("weight_range")]

    def outcome(atts, weights, mine):
        """Everything after the attainments, for one set of weights."""
        sw = swa = bw = bwa = F(0)
        bcount = 0
        for c, w, att in zip(criteria, weights, atts):
            if att is None:
                continue
            sw += w
            swa += w * att
            if c["group"] == "B":
                bw += w
                bwa += w * att
                bcount += 1
        total = swa / sw if sw else F(0)
        for e in mine:
            if "deduct" in e["action"]:
                total = max(F(0), total - F(e["action"]["deduct"]))
        total = rnd(total)
        bi = next((i for i, b in enumerate(bands) if total >= F(b["min"])), len(bands) - 1)
        for e in mine:
            if "downgrade" in e["action"]:
                bi = min(len(bands) - 1, bi + int(e["action"]["downgrade"]))
            elif "cap" in e["action"]:
                bi = max(bi, band_ids.index(e["action"]["cap"]))
        if gate and bcount and bw > 0 and bwa / bw < F(gate["group_b_min"]):
            bi = max(bi, band_ids.index(gate["cap_band"]))
        return total, bi

    contexts = {k: v.get("context") for k, v in localities.items()}
    results = []
    for key in sorted(officials, key=lambda k: (k[0].encode(), k[1].encode())):
        loc, oid = key
        o = officials[key]
        crit_out = {}
        atts = []
        for c in criteria:
            vals = []
            for m in c["measures"]:
                mt = m["metric"]
                if mt == "commitment_delivery":
                    v = m_delivery(loc, o, m.get("group", "any"), m.get("partners_only") == "true")
                elif mt == "rating":
                    v = m_rating(key, m["respondents"], F(m.get("prior_weight", "10")))
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
                elif mt == "feedback_response_time":
                    v = m_response(key, int(m.get("target_days", "15")), tuple(m.get("kinds") or ["complaint", "suggestion"]))
                else:
                    raise SystemExit(f"unknown metric {mt}")
                if v is not None:
                    vals.append(v)
            required = c.get("required") == "true"
            if vals:
                att = sum(vals, F(0)) / len(vals)
            elif required:
                att = F(0)
            else:
                att = None
            atts.append(att)
            crit_out[c["id"]] = None if att is None else rnd(att)
        mine = [e for (k, e) in audits if k == key and d(e["on"]) <= D]
        weights = [F(c["weight"]) for c in criteria]
        total, bi = outcome(atts, weights, mine)
        r = {"id": oid, "locality": loc, "name": o["name"], "role": o["role"], "total": total,
             "band": band_ids[bi], "criteria": crit_out}
        if ranged:
            totals, bis = [], []
            for corner in range(1 << len(ranged)):
                w = list(weights)
                for bit, i in enumerate(ranged):
                    lo, hi = criteria[i]["weight_range"]
                    w[i] = F(hi) if corner & (1 << bit) else F(lo)
                t, b = outcome(atts, w, mine)
                totals.append(t)
                bis.append(b)
            r["total_range"] = [min(totals), max(totals)]
            r["band_range"] = [band_ids[max(bis)], band_ids[min(bis)]]
        results.append(r)
    # Rank = 1 + how many of the same locality (peer group) score strictly
    # higher, counted by bisecting each group's sorted totals (a national
    # peer group has ~10,000 officials: counting by scanning is quadratic).
    by_locality, by_group = {}, {}
    for x in results:
        by_locality.setdefault(x["locality"], []).append(x["total"])
        by_group.setdefault((x["role"], contexts[x["locality"]]), []).append(x["total"])
    for totals in list(by_locality.values()) + list(by_group.values()):
        totals.sort()
    for r in results:
        peers = by_locality[r["locality"]]
        r["rank_in_locality"] = 1 + len(peers) - bisect.bisect_right(peers, r["total"])
        group = by_group[(r["role"], contexts[r["locality"]])]
        r["rank_in_peer_group"] = 1 + len(group) - bisect.bisect_right(group, r["total"])
    if a.compare:
        with open(a.compare, encoding="utf-8") as f:
            other = json.load(f, parse_float=F, parse_int=F)
        theirs = {(x["locality"], x["id"]): x for x in other["officials"]}
        mine_keys = {(r["locality"], r["id"]) for r in results}
        bad = 0
        if other.get("as_of") != D.isoformat():
            print(f"as_of ref={D.isoformat()} got={other.get('as_of')}"); bad += 1
        for k in sorted(set(theirs) - mine_keys):
            print("extra official in congkhai's output:", "/".join(k)); bad += 1
        for r in results:
            t = theirs.get((r["locality"], r["id"]))
            if t is None:
                print("missing from congkhai's output:", r["locality"] + "/" + r["id"]); bad += 1; continue
            name = r["locality"] + "/" + r["id"]
            for k in ("band", "rank_in_locality", "rank_in_peer_group", "band_range"):
                if k in r or k in t:
                    if r.get(k) != t.get(k):
                        print(f"{name}: {k} ref={r.get(k)} got={t.get(k)}"); bad += 1
            if r["total"] != t["total"]:
                print(f"{name}: total ref={fmt(r['total'])} got={fmt(t['total'])}"); bad += 1
            if ("total_range" in r) != ("total_range" in t) or r.get("total_range") != t.get("total_range"):
                print(f"{name}: total_range ref={[fmt(x) for x in r.get('total_range', [])]} got={[fmt(x) for x in t.get('total_range', [])]}"); bad += 1
            if set(r["criteria"]) != set(t["criteria"]):
                print(f"{name}: criteria ids ref={sorted(r['criteria'])} got={sorted(t['criteria'])}"); bad += 1
            for cid, v in r["criteria"].items():
                tv = t["criteria"].get(cid)
                if v != tv:
                    print(f"{name}: {cid} ref={fmt(v)} got={fmt(tv)}"); bad += 1
        print(f"{len(results)} officials compared exactly, {bad} differences")
        sys.exit(1 if bad else 0)

    def plain(x):
        if isinstance(x, F):
            return float(x) if x.denominator != 1 else x.numerator
        if isinstance(x, list):
            return [plain(v) for v in x]
        if isinstance(x, dict):
            return {k: plain(v) for k, v in x.items()}
        return x
    out = {"as_of": D.isoformat(), "framework": fw["id"], "officials": plain(results)}
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()
