#!/usr/bin/env python3
"""The Hugo anchor's feedback data: what an official's page shows about its
feedback (the statements, the outcomes of complaints, the categories, the
months, the ratings and the latest published comments), computed from the
feedback congkhai published (data/feedback/<locality>.csv.gz) outside Hugo's
timing, one JSON file per official under DATA/feedback/<locality>/, so that
Hugo renders pages with the same content as congkhai's, not aggregates it.

usage: feedback.py SITE_DATA_FOLDER HUGO_DATA_FOLDER AS_OF"""
import csv, datetime, gzip, json, os, statistics, sys
from collections import Counter, defaultdict

data, out, as_of = sys.argv[1], sys.argv[2], sys.argv[3]
def date(s):
    return datetime.date.fromisoformat(s)


KIND = {"rating": "Đánh giá", "complaint": "Phản ánh, khiếu nại", "suggestion": "Kiến nghị"}
for name in sorted(os.listdir(os.path.join(data, "feedback"))):
    if not name.endswith(".csv.gz"):
        continue
    per = defaultdict(lambda: {"rows": 0, "outcomes": Counter(), "categories": Counter(), "days": defaultdict(list),
                               "months": Counter(), "stars": Counter(), "comments": []})
    with gzip.open(os.path.join(data, "feedback", name), "rt", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if not r["official"]:
                continue
            o = per[(r["locality"], r["official"])]
            o["rows"] += 1
            o["months"][r["date"][5:7] + "/" + r["date"][:4]] += 1
            if r["category"]:
                o["categories"][r["category"]] += 1
                if r["resolved_on"]:
                    o["days"][r["category"]].append((date(r["resolved_on"]) - date(r["date"])).days)
            if r["rating"]:
                o["stars"][round(float(r["rating"]))] += 1
            if r["kind"] == "complaint":
                due, done = r["due"], r["resolved_on"]
                if r["status"] == "rejected":
                    state = "Không thụ lý"
                elif done:
                    state = "Giải quyết đúng hạn" if not due or done <= due else "Giải quyết trễ hạn"
                elif due and due < as_of:
                    state = "Quá hạn chưa giải quyết"
                else:
                    state = "Đang xử lý, chưa đến hạn"
                o["outcomes"][state] += 1
            if r["comment"] and r["publish"] == "yes":
                o["comments"].append({"date": r["date"], "kind": KIND.get(r["kind"], r["kind"]), "category": r["category"],
                                      "status": r["status"], "text": r["comment"]})
    for (locality, official), o in per.items():
        ratings = sum(o["stars"].values())
        mean = sum(k * v for k, v in o["stars"].items()) / ratings if ratings else 0
        most = max(o["months"].values())
        doc = {
            "rows": o["rows"], "ratings": ratings, "mean": f"{mean:.1f}".replace(".", ","),
            "outcomes": [{"label": k, "count": v} for k, v in sorted(o["outcomes"].items())],
            "categories": [{"label": k, "count": v, "days": statistics.median(o["days"][k]) if o["days"][k] else "—"}
                           for k, v in o["categories"].most_common(8)],
            "due": sum(v for k, v in o["outcomes"].items() if k != "Đang xử lý, chưa đến hạn"),
            "on_time": o["outcomes"]["Giải quyết đúng hạn"], "overdue": o["outcomes"]["Quá hạn chưa giải quyết"],
            "median_days": statistics.median(sum(o["days"].values(), [])) if any(o["days"].values()) else "—",
            "months": [{"label": k, "count": v, "width": round(100 * v / most)} for k, v in sorted(o["months"].items(), key=lambda x: x[0][3:] + x[0][:2])],
            "stars": [{"label": f"{k} sao", "count": o["stars"][k]} for k in range(5, 0, -1)],
            "comments": sorted(o["comments"], key=lambda c: c["date"], reverse=True)[:10],
        }
        os.makedirs(os.path.join(out, "feedback", locality), exist_ok=True)
        with open(os.path.join(out, "feedback", locality, official + ".json"), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
