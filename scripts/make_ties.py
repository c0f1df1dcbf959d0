#!/usr/bin/env python3
"""Writes a small content tree whose exact scores sit on rounding ties
(x.xx5) and on band thresholds (69.995 → 70.00 → good; 69.994999… → 69.99),
reached through divisions that binary floating point gets wrong (÷3, ÷7,
the 1.5 × 0.15 × (1 − 69/180) / 3 × 100 = 4.625 of a late hard commitment).
The exact expected values are known by construction; check-reference.sh
scores it with congkhai and with the exact reference scorer.

    python3 scripts/make_ties.py OUT_DIR
"""
import os
import sys
from fractions import Fraction as F

SITE = """title: "Công khai — các giá trị ranh giới"
province: "Tỉnh Thử"
base_url: "https://example.gov.vn/"
period: { id: "2026", start: 2026-01-01, end: 2026-12-31 }
as_of: 2026-11-28
"""

FRAMEWORK = """id: ties
name: { vi: "Khung thử giá trị ranh giới", en: "Tie-value framework" }
criteria:
  - id: conduct
    name: { vi: "Đánh giá", en: "Assessment" }
    group: A
    weight: 20
    measures: [{ metric: assessment, key: a }]
  - id: results_service
    name: { vi: "Kết quả phục vụ", en: "Service results" }
    group: B
    weight: 45
    measures: [{ metric: commitment_delivery, group: B }]
  - id: quality
    name: { vi: "Chất lượng", en: "Quality" }
    group: B
    weight: 35
    weight_range: [30, 40]
    measures: [{ metric: assessment, key: b }]
bands:
  - { id: excellent, min: 90, name: { vi: "Xuất sắc", en: "Excellent" } }
  - { id: good, min: 70, name: { vi: "Tốt", en: "Good" } }
  - { id: complete, min: 50, name: { vi: "Hoàn thành", en: "Complete" } }
  - { id: incomplete, min: 0, name: { vi: "Không hoàn thành", en: "Incomplete" } }
gates: { group_b_min: 60, cap_band: complete }
"""

LOCALITY = 'name: "Xã Thử"\nkind: commune\ncontext: rural\n'


def dec(x):
    """A Fraction with a finite decimal expansion, as a decimal literal."""
    x = F(x)
    n, d = x.numerator, x.denominator
    k = 0
    while d % 10 ** k and k < 40:
        k += 1
    while (10 ** k) % d:
        k += 1
        if k > 60:
            raise ValueError(f"{x} has no finite decimal expansion")
    scaled = n * (10 ** k // d)
    s = str(abs(scaled)).rjust(k + 1, "0")
    out = s[:-k] + "." + s[-k:] if k else s
    out = out.rstrip("0").rstrip(".") if "." in out else out
    return ("-" if scaled < 0 else "") + out


def assessment(target, maximum):
    """score/max whose 100 × score/max is exactly `target`."""
    score = F(target) * F(maximum) / 100
    return f"{{ score: {dec(score)}, max: {dec(maximum)}, by: \"Hội đồng\", on: 2026-11-01 }}"


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "ties"
    files = {"site.yaml": SITE, "framework.yaml": FRAMEWORK, "localities/xa-thu.yaml": LOCALITY}
    officials = []
    # 1. Totals that are exact ties, alone (other criteria N/A): 69.995 → 70.00 (good),
    #    69.994999999 → 69.99, 89.995 → 90.00, 49.995 → 50.00, x.xx5 everywhere.
    ties = ["69.995", "69.994999999", "89.995", "49.995", "4.625", "83.125", "0.005", "99.995", "1.005", "2.675",
            "10.045", "33.335", "66.665", "74.985", "59.995"]
    maxima = ["3", "7", "30", "0.3", "9", "13", "0.07"]
    for i, t in enumerate(ties):
        for j, m in enumerate(maxima[:3]):
            officials.append((f"tie-{i:02d}-{j}", f"Cán bộ Tie {i} {j}", [("a", t, m)], []))
    # 2. The late hard commitment: 1.5 × 0.15 × (1 − 69/180) / 3 × 100 = 4.625.
    late = [
        "  - { id: c1, title: \"Cam kết khó trễ hạn\", group: B, target: 300, actual: 45, deadline: 2026-09-20, difficulty: hard, status: in_progress }",
        "  - { id: c2, title: \"Cam kết khó chưa làm\", group: B, target: 10, deadline: 2026-09-20, difficulty: hard, status: in_progress }",
    ]
    officials.append(("late-hard", "Cán bộ Trễ Hạn", [], late))
    # 3. Weighted totals: 20·a + 45·c + 35·b over 100 with values chosen to land on x.xx5.
    combos = [("69.995", "69.995", "69.995"), ("70", "69.99", "70.0025"), ("89.995", "90", "89.99"),
              ("59.99", "60", "60.005"), ("33.335", "66.665", "50"), ("100", "0", "12.34567")]
    for k, (a, b, _) in enumerate(combos):
        for m in maxima:
            officials.append((f"mix-{k}-{maxima.index(m)}", f"Cán bộ Mix {k} {maxima.index(m)}",
                              [("a", a, m), ("b", b, maxima[(maxima.index(m) + 3) % len(maxima)])], late))
    for oid, name, assessments, commitments in officials:
        lines = ["---", f'name: "{name}"', 'position: "Cán bộ"', "role: other"]
        if assessments:
            lines.append("assessments:")
            for key, target, maximum in assessments:
                lines.append(f"  {key}: {assessment(target, maximum)}")
        if commitments:
            lines.append("commitments:")
            lines += commitments
        lines += ["---", "Dữ liệu thử.", ""]
        files[f"officials/xa-thu/{oid}.md"] = "\n".join(lines)
    for path, text in files.items():
        full = os.path.join(out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)
    print(f"{len(officials)} officials written to {out}")


if __name__ == "__main__":
    main()
