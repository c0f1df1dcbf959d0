#!/usr/bin/env python3
"""Generate the demo province in content/ (deterministic: same seed, same files).

Everything here is fictional demo data. Run from the repository root:

    python3 scripts/generate_demo.py            # writes content/
    python3 scripts/generate_demo.py --feedback-only --rows 1000000 --out bench-data/feedback.csv

The second form writes one large feedback file for benchmarks.
"""
import argparse
import itertools
import re
import datetime as dt
import os
import random
import shutil
import unicodedata

SEED = 2026
AS_OF = dt.date(2026, 11, 28)
START = dt.date(2026, 1, 1)
END = dt.date(2026, 12, 31)

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Đinh", "Lương", "Hà", "Mai"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quốc", "Hữu", "Thành", "Xuân", "Công", "Quang", "Mạnh"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Kim", "Bích", "Diệu", "Phương", "Mỹ"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Đức", "Hùng", "Khoa", "Long", "Nam", "Phong", "Quân", "Sơn", "Tài",
           "Thắng", "Trung", "Tuấn", "Vinh", "Hải", "Hiếu", "Lâm", "Đạt", "Toàn", "Khánh", "Ân"]
GIVEN_F = ["Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngân", "Nhung",
           "Oanh", "Phượng", "Quyên", "Thảo", "Trang", "Uyên", "Yến", "Ánh", "Ơn"]

LOCALITIES = [
    # id, name, kind, context, population
    ("phuong-trung-tam", "Phường Trung Tâm", "ward", "urban", 42300),
    ("phuong-bac-son", "Phường Bắc Sơn", "ward", "urban", 35150),
    ("phuong-ben-thuy", "Phường Bến Thủy", "ward", "urban", 28900),
    ("xa-an-binh", "Xã An Bình", "commune", "mountainous", 18500),
    ("xa-lung-phin", "Xã Lũng Phìn", "commune", "mountainous", 9400),
    ("xa-tan-phu", "Xã Tân Phú", "commune", "rural", 21700),
    ("xa-hoa-loc", "Xã Hòa Lộc", "commune", "rural", 16800),
    ("xa-vinh-hai", "Xã Vĩnh Hải", "commune", "rural", 14250),
    ("xa-suoi-mo", "Xã Suối Mơ", "commune", "disadvantaged", 7600),
    ("dac-khu-hon-ngoc", "Đặc khu Hòn Ngọc", "special_zone", "disadvantaged", 12100),
    ("so-nong-nghiep-moi-truong", "Sở Nông nghiệp và Môi trường", "department", "urban", None),
    ("so-y-te", "Sở Y tế", "department", "urban", None),
]

PRODUCTS = [
    ("ho-so-dat-dai", "Hồ sơ đất đai được giải quyết", "hồ sơ", 300),
    ("ho-so-mot-cua", "Hồ sơ thủ tục hành chính giải quyết đúng hạn", "hồ sơ", 1200),
    ("km-duong-giao-thong", "Đường giao thông nông thôn được cứng hóa", "km", 5),
    ("lop-tap-huan", "Lớp tập huấn cho người dân", "lớp", 12),
    ("ho-thoat-ngheo", "Hộ thoát nghèo", "hộ", 40),
    ("kiem-tra-an-toan-thuc-pham", "Cuộc kiểm tra an toàn thực phẩm", "cuộc", 24),
]

COMMUNE_ROLES = [
    ("party_secretary", "Bí thư Đảng ủy"),
    ("chairman", "Chủ tịch UBND"),
    ("vice_chairman", "Phó Chủ tịch UBND phụ trách kinh tế"),
    ("vice_chairman", "Phó Chủ tịch UBND phụ trách văn hóa – xã hội"),
    ("other", "Công chức Địa chính – Xây dựng"),
]
DEPT_ROLES = [
    ("department_head", "Giám đốc Sở"),
    ("deputy_head", "Phó Giám đốc Sở"),
    ("deputy_head", "Phó Giám đốc Sở"),
    ("other", "Chánh Văn phòng Sở"),
    ("other", "Trưởng phòng Kế hoạch – Tài chính"),
]

COMMITMENT_TEMPLATES = [
    # id, title, group, product, unit, acceptance
    ("cap-so-do", "Cấp giấy chứng nhận quyền sử dụng đất cho các hộ còn tồn đọng", "B", "ho-so-dat-dai", "hồ sơ", None),
    ("mot-cua-dung-han", "Giải quyết đúng hạn hồ sơ thủ tục hành chính tại bộ phận một cửa", "B", "ho-so-mot-cua", "hồ sơ", None),
    ("cung-hoa-duong", "Cứng hóa đường giao thông liên thôn", "B", "km-duong-giao-thong", "km", None),
    ("tap-huan-chuyen-doi-so", "Tổ chức lớp tập huấn chuyển đổi số cho người dân", "A", "lop-tap-huan", "lớp", None),
    ("giam-ngheo", "Hỗ trợ hộ nghèo thoát nghèo bền vững", "B", "ho-thoat-ngheo", "hộ", None),
    ("quy-che-phoi-hop", "Ban hành quy chế phối hợp tiếp nhận phản ánh", "A", None, "", "Quy chế được ký ban hành và niêm yết công khai"),
    ("cong-khai-thu-tuc", "Công khai 100% thủ tục hành chính trên cổng dịch vụ công", "A", None, "thủ tục", None),
    ("truong-mam-non", "Xây dựng điểm trường mầm non thôn Nà Làng", "B", None, "công trình", "Công trình được nghiệm thu, đưa vào sử dụng"),
    ("an-toan-thuc-pham", "Kiểm tra an toàn thực phẩm tại chợ và bếp ăn tập thể", "B", "kiem-tra-an-toan-thuc-pham", "cuộc", None),
    ("so-hoa-ho-tich", "Số hóa hồ sơ hộ tịch giai đoạn 1999–2015", "A", None, "hồ sơ", None),
    ("nao-vet-kenh", "Nạo vét kênh mương nội đồng trước mùa mưa", "B", None, "km", None),
    ("camera-an-ninh", "Lắp đặt camera an ninh tại các nút giao chính", "B", None, "điểm", None),
]

CATEGORIES = ["đất đai", "môi trường", "giao thông", "hộ tịch", "y tế", "giáo dục", "an ninh trật tự",
              "thủ tục hành chính", "xây dựng", "chính sách xã hội"]
# Comments by category, so that a comment reads as its category says; {thon},
# {n} and {w} vary with the row id (no extra random draws), so identical
# texts stay rare. The PII ones show the masking.
HAMLETS = ["thôn Nà Làng", "thôn Đông", "tổ dân phố 3", "thôn Bản Mới", "xóm Chợ", "thôn Tân Lập", "tổ 7", "thôn Khe Cát"]
COMMENTS_BY_CATEGORY = {
    "đất đai": ["Hồ sơ đất đai của gia đình tôi ở {thon} quá hạn {n} tuần chưa có kết quả.\nĐề nghị xem xét.",
                "Cán bộ địa chính đo đạc thửa đất ở {thon} nhanh, giải thích rõ ràng.",
                "Xin hướng dẫn thủ tục tách thửa cho hộ ở {thon}, đã nộp {n} lần chưa đủ giấy tờ."],
    "môi trường": ["Xử lý rác thải ở {thon} chưa kịp thời, khu chợ bốc mùi.",
                   "Cống thoát nước {thon} tắc {n} ngày nay, đề nghị nạo vét.",
                   "Khói đốt rơm rạ ở {thon} ảnh hưởng trường học, mong có nhắc nhở."],
    "giao thông": ["Đường vào {thon} còn lầy lội, mong sớm được cứng hóa.",
                   "Đề nghị bổ sung đèn chiếu sáng đoạn đường qua trường học ở {thon}, vì \"tối quá\", nguy hiểm.",
                   "Ổ gà trên đường liên xã đoạn {thon} dài khoảng {w} m, xe máy dễ ngã."],
    "hộ tịch": ["Con tôi CCCD 001203004567 chưa được cấp đổi, xin hướng dẫn, gọi (+84) 912-345-679.",
                "Đăng ký khai sinh cho cháu ở {thon} xong trong {n} ngày, cảm ơn cán bộ tư pháp.",
                "Trích lục hộ tịch phải chờ {n} ngày, mong rút ngắn."],
    "y tế": ["Trạm y tế {thon} thiếu thuốc hạ sốt cho trẻ em trong {n} ngày qua.",
             "Đội tiêm chủng đến {thon} đúng lịch, hướng dẫn chu đáo.",
             "Đề nghị trạm y tế {thon} mở cửa cả sáng thứ Bảy cho người đi làm."],
    "giáo dục": ["Điểm trường {thon} dột mái, mùa mưa học sinh phải nghỉ.",
                 "Mong xã hỗ trợ xe đưa đón học sinh {thon} đi học xa {n} km.",
                 "Cảm ơn nhà trường đã tổ chức lớp học bơi miễn phí cho trẻ em {thon}."],
    "an ninh trật tự": ["Camera ở ngã ba {thon} hỏng {n} tuần chưa sửa.",
                        "Tình trạng đua xe ban đêm ở {thon} cần được xử lý, đã kéo dài {n} tuần.",
                        "Công an xã tuần tra {thon} thường xuyên, bà con yên tâm."],
    "thủ tục hành chính": ["Cán bộ một cửa hướng dẫn tận tình, hồ sơ của tôi ở {thon} trả đúng hẹn.",
                           "Phải đi lại {n} lần mới nộp được hồ sơ, đề nghị niêm yết rõ thủ tục.",
                           "Liên hệ tôi qua số 0912 345 678 hoặc thư điện tử nguoidan.demo@example.com để phản hồi.",
                           "Mong xã tổ chức thêm lớp tập huấn dùng dịch vụ công trực tuyến cho {thon}."],
    "xây dựng": ["Công trình nhà văn hóa {thon} chậm tiến độ {n} tháng.",
                 "Xin cấp phép sửa nhà ở {thon} đã nộp {n} tuần chưa có trả lời.",
                 "Mương thoát nước mới làm ở {thon} đã nứt sau {n} tháng."],
    "chính sách xã hội": ["Hộ cận nghèo ở {thon} chưa nhận được hỗ trợ tiền điện {n} tháng.",
                          "Rất hài lòng với cách tiếp dân khi giải quyết trợ cấp người cao tuổi ở {thon}.",
                          "Đề nghị rà soát lại danh sách hộ nghèo {thon}, còn sót {n} hộ khó khăn."],
}


def comment_for(category, row_id, pick):
    """A comment of the row's category, varied by the row id."""
    h = sum(ord(ch) * (k + 1) for k, ch in enumerate(row_id))
    text = COMMENTS_BY_CATEGORY[category][pick % len(COMMENTS_BY_CATEGORY[category])]
    return text.format(thon=HAMLETS[h % len(HAMLETS)], n=2 + h % 6, w=50 + 10 * (h % 20))


def slug(text):
    t = unicodedata.normalize("NFD", text)
    t = "".join(c for c in t if unicodedata.category(c) != "Mn")
    t = t.replace("đ", "d").replace("Đ", "D").lower()
    out, dash = [], False
    for c in t:
        if c.isascii() and c.isalnum():
            out.append(c)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def q(s):
    """A double-quoted YAML scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def day(d):
    return d.isoformat()


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.used_names = set()

    def person(self, taken=()):
        """A name unused so far; once a national-size tree has used up the
        combinations, one unused in the locality (`taken`) — names repeat in a country."""
        r = self.r
        tries = 0
        while True:
            female = r.random() < 0.42
            name = f"{r.choice(FAMILY)} {r.choice(MIDDLE_F if female else MIDDLE_M)} {r.choice(GIVEN_F if female else GIVEN_M)}"
            tries += 1
            if name not in self.used_names or (tries > 40 and name not in taken):
                self.used_names.add(name)
                return name

    def date_between(self, a, b):
        return a + dt.timedelta(days=self.r.randint(0, (b - a).days))


def write_pdf(path, title):
    """A minimal, valid one-page PDF saying it is a demo placeholder."""
    text = ("Minh chung minh hoa (demo): " + title).encode("ascii", "replace")
    stream = b"BT /F1 11 Tf 40 800 Td (" + text + b") Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += str(i + 1).encode() + b" 0 obj\n" + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 " + str(len(objs) + 1).encode() + b"\n0000000000 65535 f \n"
    for off in offsets:
        out += ("%010d 00000 n \n" % off).encode()
    out += b"trailer\n<< /Size " + str(len(objs) + 1).encode() + b" /Root 1 0 R >>\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(out)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def site_yaml():
    return """# Demo province: every name, number and comment here is fictional.
title: "Công khai cam kết — Tỉnh Minh Họa"
province: "Tỉnh Minh Họa"
base_url: "https://congkhai.example.gov.vn/"
languages: [vi, en]
period: { id: "2026", start: 2026-01-01, end: 2026-12-31 }
as_of: 2026-11-28
framework: framework.yaml
theme: default
feedback_channels:
  hotline: "1022"
  portal: "https://dichvucong.example.gov.vn/phan-anh"
  email: "phananh@minhhoa.example.gov.vn"
demo: true
"""


def framework_yaml():
    law = '{ vi: "Nghị định 335/2025/NĐ-CP", en: "Decree 335/2025/ND-CP" }'
    prop = '{ vi: "Đề xuất bổ sung (chưa có trọng số chính thức)", en: "Proposed addition (no official weight)" }'
    crit = [
        ("results_admin", "Kết quả thực hiện nhiệm vụ hành chính", "Administrative task results", "A", 10, False, law,
         ["{ metric: commitment_delivery, group: A }"]),
        ("results_service", "Kết quả nhiệm vụ phục vụ nhân dân", "Public-service task results", "B", 15, False, law,
         ["{ metric: commitment_delivery, group: B }"]),
        ("satisfaction", "Sự hài lòng của người dân, doanh nghiệp", "Citizen and business satisfaction", "B", 15, False, prop,
         ["{ metric: rating, respondents: [citizen, business], prior_weight: 10 }", "{ metric: complaint_resolution }"]),
        ("social_impact", "Tác động xã hội", "Social impact", "B", 5, False, prop, ["{ metric: indicator_progress }"]),
        ("transparency", "Công khai, minh bạch", "Transparency and disclosure", "B", 15, True, law, ["{ metric: disclosure }"]),
        ("crisis_response", "Năng lực ứng phó khủng hoảng", "Crisis response", "B", 10, False, prop, ["{ metric: incident_response }"]),
        ("coordination", "Phối hợp liên ngành", "Inter-agency coordination", "A", 10, False, prop,
         ["{ metric: rating, respondents: [agency] }", "{ metric: commitment_delivery, partners_only: true }"]),
        ("innovation", "Đổi mới, cải tiến quy trình", "Process innovation", "B", 10, True, prop, ["{ metric: initiative_impact }"]),
        ("people_development", "Phát triển con người, đào tạo cán bộ", "People development", "A", 5, False, prop,
         ["{ metric: rating, respondents: [staff] }", "{ metric: training_ratio }"]),
        ("conduct", "Phẩm chất chính trị, đạo đức, lối sống", "Conduct and ethics", "A", 5, False, law,
         ["{ metric: assessment, key: conduct }"]),
    ]
    out = ["# Demo KPI framework in the spirit of Resolution 57-NQ/TW.",
           "# Weights must sum to 100. Criteria marked as proposals have no official weight in Decree 335.",
           "id: khung-kpi-nq57",
           'name: { vi: "Khung đánh giá KPI theo tinh thần Nghị quyết 57", en: "KPI framework in the spirit of Resolution 57" }',
           "criteria:"]
    # The proposal's weight ranges (band robustness scores every corner of them);
    # social/community impact (15–20 %) includes satisfaction.
    ranges = {"satisfaction": (15, 20), "transparency": (15, 20), "crisis_response": (10, 15),
              "coordination": (10, 10), "innovation": (10, 15), "people_development": (5, 10)}
    for cid, vi, en, group, weight, required, basis, measures in crit:
        out.append(f"  - id: {cid}")
        out.append(f"    name: {{ vi: {q(vi)}, en: {q(en)} }}")
        out.append(f"    basis: {basis}")
        out.append(f"    group: {group}")
        out.append(f"    weight: {weight}")
        if cid in ranges:
            out.append(f"    weight_range: [{ranges[cid][0]}, {ranges[cid][1]}]")
        out.append(f"    required: {'true' if required else 'false'}")
        out.append("    measures:")
        for m in measures:
            out.append(f"      - {m}")
    out.append("bands:")
    colours = {"excellent": "#05602a", "good": "#0b4f8a", "complete": "#6b4a00", "incomplete": "#a4000f"}
    bands = [
        ("excellent", 90, "Hoàn thành xuất sắc nhiệm vụ", "Excellent",
         "Ưu tiên khen thưởng, xem xét quy hoạch, bổ nhiệm.", "Priority for commendation, succession planning and promotion."),
        ("good", 70, "Hoàn thành tốt nhiệm vụ", "Good", "Được xem xét khen thưởng theo quy định.", "Eligible for commendation."),
        ("complete", 50, "Hoàn thành nhiệm vụ", "Complete", "Không khen thưởng; nhắc nhở những mặt còn hạn chế.",
         "No commendation; reminded of shortcomings."),
        ("incomplete", 0, "Không hoàn thành nhiệm vụ", "Incomplete",
         "Kiểm điểm, xem xét điều chuyển hoặc miễn nhiệm nếu hai năm liên tiếp.",
         "Review; transfer or dismissal considered after two consecutive years."),
    ]
    for bid, bmin, vi, en, cvi, cen in bands:
        out.append(f"  - id: {bid}")
        out.append(f"    min: {bmin}")
        out.append(f"    name: {{ vi: {q(vi)}, en: {q(en)} }}")
        out.append(f"    consequences: {{ vi: {q(cvi)}, en: {q(cen)} }}")
        out.append(f"    colour: \"{colours[bid]}\"")
    out.append("gates: { group_b_min: 60, cap_band: complete }")
    out.append("# Decree 335/2025/NĐ-CP: at most 20 % of those rated good may be rated excellent in a unit (a warning).")
    out.append("excellence_quota: { band: excellent, of_band: good, share: 0.2 }")
    return "\n".join(out) + "\n"


def catalog_yaml():
    out = ["# Standard products (sản phẩm/công việc chuẩn) and their norms per period.", "products:"]
    for pid, name, unit, norm in PRODUCTS:
        out.append(f"  - id: {pid}")
        out.append(f"    name: {q(name)}")
        out.append(f"    unit: {q(unit)}")
        out.append(f"    norm: {norm}")
    return "\n".join(out) + "\n"


def locality_yaml(g, loc):
    lid, name, kind, context, pop = loc
    r = g.r
    out = [f"name: {q(name)}", f"kind: {kind}", f"context: {context}"]
    if pop:
        out.append(f"population: {pop}")
    adjustments = []
    if context in ("mountainous", "disadvantaged"):
        adjustments.append(("ho-so-dat-dai", 0.8, "Địa bàn rộng, dân cư phân tán", "2026-02-10"))
        adjustments.append(("km-duong-giao-thong", 0.6, "Địa hình đồi núi, chi phí thi công cao", "2026-03-05"))
    if lid == "xa-tan-phu":
        # Approved after as_of: factor 1 applies until then.
        adjustments.append(("ho-so-mot-cua", 0.9, "Thiếu nhân sự một cửa", "2026-12-10"))
    if adjustments:
        out.append("norm_adjustments:")
        for i, (pid, factor, reason, on) in enumerate(adjustments):
            out.append(f"  - product: {pid}")
            out.append(f"    factor: {factor}")
            out.append(f"    reason: {q(reason)}")
            out.append(f'    approved_by: "UBND tỉnh Minh Họa"')
            out.append(f'    decision: "Quyết định {120 + i + len(lid)}/QĐ-UBND"')
            out.append(f"    approved_on: {on}")
    inds = []
    if kind in ("commune", "ward", "special_zone"):
        base = round(r.uniform(4, 14), 1)
        inds.append(("ty-le-ho-ngheo", "Tỷ lệ hộ nghèo", "%", base, round(base - r.uniform(1, 3), 1),
                     round(base - r.uniform(-0.5, 3.5), 1), "lower"))
        b2 = round(r.uniform(40, 80), 1)
        inds.append(("ty-le-ho-so-truc-tuyen", "Tỷ lệ hồ sơ nộp trực tuyến", "%", b2, round(min(100, b2 + 15), 1),
                     round(b2 + r.uniform(-2, 20), 1), "higher"))
        if r.random() < 0.5:
            inds.append(("ty-le-bhyt", "Tỷ lệ người dân có bảo hiểm y tế", "%", 90.0, 90.0, round(r.uniform(88, 93), 1), "higher"))
        if r.random() < 0.4:
            inds.append(("so-vu-chay-rung", "Số vụ cháy rừng", "vụ", 6, 3, None, "lower"))
    else:
        b = round(r.uniform(80, 92), 1)
        inds.append(("ty-le-hai-long", "Chỉ số hài lòng về phục vụ hành chính (SIPAS)", "%", b, round(b + 5, 1),
                     round(b + r.uniform(-1, 7), 1), "higher"))
    if inds:
        out.append("indicators:")
        for iid, n, unit, baseline, target, actual, direction in inds:
            out.append(f"  - id: {iid}")
            out.append(f"    name: {q(n)}")
            out.append(f"    unit: {q(unit)}")
            out.append(f"    baseline: {baseline}")
            out.append(f"    target: {target}")
            if actual is not None:
                out.append(f"    actual: {actual}")
            out.append(f"    direction: {direction}")
    return "\n".join(out) + "\n"


def official_md(g, loc, role, position, person, quality, index, partners_pool):
    r = g.r
    lid, lname, kind, context, _ = loc
    out = ["---", f"name: {q(person)}", f"position: {q(position + ' ' + lname.split(' ', 1)[1] if kind != 'department' else position)}",
           f"role: {role}", f"term_start: {day(dt.date(2025, 7, 1) if kind != 'department' else dt.date(2024, 3, 15))}"]
    staff = r.randint(8, 60)
    if index % 7 != 3:
        out.append(f"staff_count: {staff}")
        out.append(f"training: {{ staff_trained: {min(staff + 2, int(staff * r.uniform(0.3, 1.1)))} }}")
    if index % 9 != 4:
        score = round(min(30, max(12, r.gauss(21 + 8 * quality, 2))))
        on = "2026-11-15" if index % 17 != 5 else "2026-12-05"
        out.append("assessments:")
        out.append(f"  conduct: {{ score: {score}, max: 30, by: {q('Đảng ủy ' + lname)}, on: {on} }}")
    # Commitments
    n = r.randint(3, 5)
    templates = r.sample(COMMITMENT_TEMPLATES, n)
    out.append("commitments:")
    for ci, (cid, title, group, product, unit, acceptance) in enumerate(templates):
        status_roll = r.random()
        deadline = g.date_between(dt.date(2026, 3, 31), dt.date(2027, 3, 31))
        published = g.date_between(dt.date(2025, 12, 1), dt.date(2026, 3, 1))
        if index % 11 == 2 and ci == 0:
            published = dt.date(2026, 11, 10)   # fresh by publication
        if index % 13 == 6 and ci == 1:
            published = dt.date(2026, 12, 2)    # published after as_of: ignored
        difficulty = r.choice(["normal", "normal", "hard", "breakthrough"])
        out.append(f"  - id: {cid}")
        out.append(f"    title: {q(title)}")
        out.append(f"    group: {group}")
        target = None
        if product and r.random() < 0.6:
            out.append(f"    product: {product}")
        elif acceptance:
            out.append(f"    acceptance: {q(acceptance)}")
        elif r.random() < 0.93:
            target = r.choice([10, 20, 50, 100, 120, 300])
            out.append(f"    target: {target}")
        if unit:
            out.append(f"    unit: {q(unit)}")
        out.append(f"    published_on: {day(published)}")
        out.append(f"    deadline: {day(deadline)}")
        out.append(f"    difficulty: {difficulty}")
        if status_roll < 0.07:
            status = "withdrawn"
        elif deadline < AS_OF and status_roll < 0.75 * (0.5 + quality / 2):
            status = "done"
        elif status_roll < 0.2 and deadline > AS_OF:
            status = "planned"
        elif deadline < AS_OF and status_roll > 0.97:
            status = "done"  # done late, below
        else:
            status = "in_progress"
        out.append(f"    status: {status}")
        completed = None
        if status == "done":
            late = r.choice([-20, -5, 0, 0, 3, 15, 40, 120]) if quality < 0.7 else r.choice([-30, -10, -2, 0, 5])
            completed = min(AS_OF + dt.timedelta(days=3 if index % 19 == 7 else 0), deadline + dt.timedelta(days=late))
            out.append(f"    completed_on: {day(completed)}")
        if status == "withdrawn":
            if r.random() < 0.6:
                out.append("    withdrawn:")
                out.append('      approved_by: "Thường trực HĐND"')
                out.append(f'      decision: "Nghị quyết {r.randint(10, 90)}/NQ-HĐND"')
                out.append('      reason: "Điều chỉnh quy hoạch, chuyển sang năm sau"')
                out.append(f"      on: {day(min(AS_OF, published + dt.timedelta(days=60)))}")
            else:
                out.append("    withdrawn: { reason: \"Không còn phù hợp\" }")
        if r.random() < 0.25 and partners_pool:
            out.append(f"    partners: [{', '.join(r.sample(partners_pool, r.randint(1, 2)))}]")
        if target is not None or status == "done" or r.random() < 0.5:
            t = target if target is not None else None
            if t is not None:
                actual = round(t * min(1.1, max(0, r.gauss(quality, 0.2))))
                # Done means the target was reached, except the few that show
                # congkhai's "reported done, numbers disagree" warning.
                if status == "done" and index % 31 != 4:
                    actual = max(actual, t)
                out.append(f"    actual: {actual}")
        # updates
        updates = []
        progress = 0
        d = published
        for _ in range(r.randint(0, 4)):
            d = d + dt.timedelta(days=r.randint(20, 90))
            if d > dt.date(2026, 12, 20):
                break
            progress = min(100, progress + r.randint(10, 40))
            evidence = None
            if r.random() < 0.6:
                evidence = f"https://minhhoa.example.gov.vn/van-ban/{lid}/{cid}-{d.strftime('%m%d')}.pdf"
            updates.append((d, progress, evidence))
        if status == "done" and r.random() < 0.8 and not any(u[2] for u in updates):
            updates.append((completed, 100, f"/minh-chung/{lid}/{cid}.pdf"))
        if status == "done" and index % 31 != 4:
            # A done commitment's reports end at 100 % on its completion date.
            updates = [u for u in updates if u[0] < completed] + [u for u in updates if u[0] == completed and u[1] == 100]
            if not updates or updates[-1][1] < 100:
                updates.append((completed, 100, None if any(u[2] for u in updates) else f"/minh-chung/{lid}/{cid}.pdf"))
        if updates:
            out.append("    updates:")
            for ud, p, ev in updates:
                note = r.choice(["Đã hoàn thành khảo sát, lập dự toán", "Đang triển khai theo kế hoạch",
                                 "Gặp khó khăn về mặt bằng, đang tháo gỡ", "Đã nghiệm thu một phần",
                                 f"Đạt {p}% khối lượng"])
                line = f"      - {{ on: {day(ud)}, progress: {p}, note: {q(note)}"
                if ev:
                    line += f", evidence: {q(ev)}"
                out.append(line + " }")
    # Incidents
    if role in ("chairman", "department_head") or (role == "vice_chairman" and r.random() < 0.3):
        out.append("incidents:")
        kinds = ["natural_disaster", "epidemic", "mass_complaint", "environment", "other"]
        for ii in range(r.randint(1, 3)):
            occurred = dt.datetime.combine(g.date_between(dt.date(2025, 11, 1), dt.date(2026, 11, 25)), dt.time(r.randint(0, 23), r.choice([0, 15, 30, 45])))
            target = r.choice([2, 4, 6, 12, 24])
            resp_hours = max(0.25, r.gauss(target * (1.6 - quality), target / 2))
            responded = occurred + dt.timedelta(minutes=round(resp_hours * 60))
            outcome = r.choice(["resolved", "resolved", "partial", "unresolved", "ongoing"])
            kind = kinds[(index + ii) % len(kinds)]
            title = {"natural_disaster": "Lũ quét tại thôn", "epidemic": "Ổ dịch sốt xuất huyết", "mass_complaint": "Khiếu nại đông người về bồi thường",
                     "environment": "Sự cố ô nhiễm nguồn nước", "other": "Sạt lở taluy đường liên xã"}[kind]
            out.append(f"  - id: {kind.replace('_', '-')}-{ii + 1}")
            out.append(f"    title: {q(title + ' ' + str(ii + 1))}")
            out.append(f"    kind: {kind}")
            out.append(f"    occurred: {occurred.strftime('%Y-%m-%dT%H:%M')}")
            if not (index % 5 == 1 and ii == 0):
                out.append(f"    responded: {responded.strftime('%Y-%m-%dT%H:%M')}")
            if outcome in ("resolved", "partial"):
                res = responded + dt.timedelta(days=r.randint(1, 20))
                out.append(f"    resolved: {res.strftime('%Y-%m-%dT%H:%M')}")
            out.append(f"    target_response_hours: {target}")
            out.append(f"    outcome: {outcome}")
    # Initiatives
    if r.random() < 0.75:
        out.append("initiatives:")
        for ii in range(r.randint(1, 2)):
            adopted = g.date_between(dt.date(2024, 6, 1), dt.date(2026, 10, 1))
            bd, bc, bs = r.choice([5, 7, 10, 15, 20]), r.choice([0, 50000, 200000, 500000]), r.randint(4, 9)
            cd = max(1, round(bd * r.uniform(0.3, 1.05)))
            cc = round(bc * r.uniform(0.2, 1.0), -3)
            cs = max(1, bs - r.randint(0, 4))
            title = r.choice(["Số hóa bộ phận một cửa", "Trả kết quả hồ sơ qua bưu điện", "Ký số văn bản nội bộ",
                              "Tổ công nghệ số cộng đồng", "Nhóm Zalo tiếp nhận phản ánh", "Liên thông khai sinh – BHYT"])
            out.append(f"  - id: {slug(title)}-{ii + 1}")
            out.append(f"    title: {q(title)}")
            out.append(f"    adopted_on: {day(adopted)}")
            out.append(f"    baseline: {{ days: {bd}, cost_vnd: {bc}, steps: {bs} }}")
            out.append(f"    current: {{ days: {cd}, cost_vnd: {int(cc)}, steps: {cs} }}")
            s = r.random()
            if s < 0.5:
                out.append("    sustained: true")
                out.append('    verified_by: "Sở Nội vụ"')
            elif s < 0.7:
                out.append("    sustained: false")
                out.append('    verified_by: "Sở Nội vụ"')
    out.append("---")
    out.append("")
    out.append(f"{person} giữ chức {position.lower()} từ năm {2025 if kind != 'department' else 2024}. "
               "Trang này công khai các nhiệm vụ, cam kết, tiến độ và kết quả theo Khung đánh giá KPI của tỉnh.")
    out.append("")
    out.append("## Lời cam kết")
    out.append("")
    out.append(f"> Tôi cam kết hoàn thành đúng hạn các nhiệm vụ dưới đây và tiếp nhận mọi phản ánh của người dân, doanh nghiệp qua đường dây nóng **1022**.")
    out.append("")
    out.append("## Lĩnh vực phụ trách")
    out.append("")
    out.append("| Lĩnh vực | Đầu mối |")
    out.append("|---|---|")
    for area in r.sample(["Đất đai", "Xây dựng", "Văn hóa – xã hội", "Y tế", "Giáo dục", "Nông nghiệp", "Chuyển đổi số"], 3):
        out.append(f"| {area} | {g.person() if r.random() < 0.3 else 'Văn phòng HĐND – UBND'} |")
    out.append("")
    out.append("*Dữ liệu minh họa — mọi tên người và số liệu đều là giả định.*")
    return "\n".join(out) + "\n", [t[0] for t in templates]


COLUMNS = ["id", "date", "channel", "locality", "official", "commitment", "kind", "respondent_kind", "respondent",
           "rating", "category", "status", "due", "resolved_on", "comment", "publish"]


def csv_cell(v):
    v = "" if v is None else str(v)
    if SHAPE["quote_all"] or any(c in v for c in ',"\r\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


# The feedback's shape, set from the command line: the share of rows with a
# comment, the respondent pool (rows / divisor distinct respondents) and the
# ids' length, so a scale tree can stress what grows with published
# comments, respondents and long ids (UUID-sized, as other systems export).
SHAPE = {"comment_share": 0.12, "respondent_divisor": 6, "long_ids": False, "quote_all": False}


def feedback_rows(g, officials, n, channel_pool, id_prefix, date_range):
    """Yield dicts of valid feedback rows."""
    r = g.r
    respondents = [f"r{r.randint(0, 16**8):08x}" for _ in range(max(50, n // SHAPE["respondent_divisor"]))]
    if SHAPE["long_ids"]:  # 32 bytes, from the same draws
        respondents = [f"nguoi-phan-anh-{x[1:]}-{x[1:]}" for x in respondents]
    row_id = (lambda i: f"{id_prefix}-0b7d4c2e-9a1f-4e3b-{i:06d}") if SHAPE["long_ids"] else (lambda i: f"{id_prefix}-{i:06d}")
    for i in range(n):
        o = r.choice(officials)
        lid, oid, commitments, quality = o
        kind_roll = r.random()
        kind = "rating" if kind_roll < 0.62 else ("complaint" if kind_roll < 0.85 else "suggestion")
        rk_roll = r.random()
        rk = "citizen" if rk_roll < 0.62 else "business" if rk_roll < 0.8 else "agency" if rk_roll < 0.9 else "staff" if rk_roll < 0.97 else ""
        d = g.date_between(*date_range)
        row = {
            "id": row_id(i + 1), "date": day(d), "channel": r.choice(channel_pool), "locality": lid,
            "official": oid if r.random() < 0.93 else "", "commitment": "", "kind": kind, "respondent_kind": rk,
            "respondent": r.choice(respondents) if r.random() < 0.9 else "", "rating": "", "category": r.choice(CATEGORIES),
            "status": "", "due": "", "resolved_on": "", "comment": "", "publish": "",
        }
        if row["official"] and commitments and r.random() < 0.3:
            row["commitment"] = r.choice(commitments)
        if kind == "rating":
            mean = 1.5 + 3.3 * quality
            row["rating"] = str(max(1, min(5, round(r.gauss(mean, 0.9)))))
            if r.random() < 0.03:
                row["rating"] = "4.5"
        if kind == "complaint":
            due = d + dt.timedelta(days=r.choice([10, 15, 30, 45]))
            row["due"] = day(due) if r.random() < 0.96 else ""
            s = r.random()
            if s < 0.05:
                row["status"] = "rejected"
            elif s < 0.05 + 0.8 * quality:
                row["status"] = "resolved"
                resolved = d + dt.timedelta(days=max(1, round(r.gauss((due - d).days * (1.3 - quality), 8))))
                row["resolved_on"] = day(resolved) if r.random() < 0.97 else ""
            elif s < 0.92:
                row["status"] = "in_progress"
            else:
                row["status"] = r.choice(["open", ""])
        if r.random() < SHAPE["comment_share"]:
            row["comment"] = comment_for(row["category"], row["id"], r.randrange(12))
            row["publish"] = "yes" if r.random() < 0.6 else "no"
        yield row


def write_csv(path, rows, columns, crlf=False, bom=False, extra=None, part_rows=0):
    """One export; with `part_rows`, a new file (`<name>-0001.csv`, …, each
    with its header) every `part_rows` rows, as a commune or a month may be
    exported on its own (`--split-exports`)."""
    nl = "\r\n" if crlf else "\n"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    header = list(columns) + ([extra] if extra else [])
    f = None
    part = 0
    written = 0
    try:
        for row in rows:
            if f is None or (part_rows and written == part_rows):
                if f is not None:
                    f.close()
                part += 1
                name = path if not part_rows else f"{path[:-4]}-{part:04d}.csv"
                f = open(name, "w", encoding="utf-8", newline="")
                if bom:
                    f.write("\ufeff")
                f.write(",".join(csv_cell(h) if SHAPE["quote_all"] else h for h in header) + nl)
                written = 0
            written += 1
            if isinstance(row, str):
                f.write(row + nl)
                continue
            cells = [csv_cell(row.get(c, "")) for c in columns]
            if extra:
                cells.append(csv_cell("noi-bo"))
            f.write(",".join(cells) + nl)
    finally:
        if f is not None:
            f.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="content")
    ap.add_argument("--feedback-only", action="store_true")
    ap.add_argument("--rows", type=int, default=8000)
    ap.add_argument("--seed", type=int, default=SEED, help="another seed gives another (still valid) province")
    ap.add_argument("--copies", type=int, default=1,
                    help="scale: the 12 localities N times (copies get a number in their id and name), for page-size and speed checks")
    ap.add_argument("--staff", type=int, default=0,
                    help="scale: this many more officials in every locality (role other), for trees with many officials a locality")
    ap.add_argument("--comment-share", type=float, default=0.12,
                    help="scale: share of feedback rows with a comment (60%% of them published)")
    ap.add_argument("--respondent-divisor", type=int, default=6,
                    help="scale: distinct respondents = rows / this (1: nearly one per row)")
    ap.add_argument("--long-ids", action="store_true",
                    help="scale: 32-byte respondent ids and 30-byte row ids (the same rows otherwise)")
    ap.add_argument("--feedback-rows", type=int, default=31000,
                    help="scale: about this many feedback rows in the four exports (streamed; ~0.3%% planted bad rows)")
    ap.add_argument("--quote-all", action="store_true",
                    help="shape: every cell of the exports quoted, as spreadsheet tools and Python's csv.QUOTE_ALL write them")
    ap.add_argument("--one-export", action="store_true",
                    help="shape: the four exports' rows in one file (one header, CRLF), as one system may export a year")
    ap.add_argument("--split-exports", type=int, default=0, metavar="ROWS",
                    help="scale: write each export as files of this many rows (one per commune or month, say)")
    args = ap.parse_args()
    SHAPE["comment_share"] = args.comment_share
    SHAPE["respondent_divisor"] = max(1, args.respondent_divisor)
    SHAPE["long_ids"] = args.long_ids
    SHAPE["quote_all"] = args.quote_all

    g = Gen(args.seed)
    root = args.out
    officials = []
    files = {}
    files["site.yaml"] = site_yaml()
    files["framework.yaml"] = framework_yaml()
    files["catalog.yaml"] = catalog_yaml()
    loc_ids = [l[0] for l in LOCALITIES]
    index = 0
    id_counts = {}
    staff_ids = set()  # (locality, id) of the --staff officials: audits never name them
    localities = [loc if c == 0 else (f"{loc[0]}-{c + 1}", f"{loc[1]} {c + 1}") + tuple(loc[2:])
                  for c in range(args.copies) for loc in LOCALITIES]
    for loc in localities:
        files[f"localities/{loc[0]}.yaml"] = locality_yaml(g, loc)
        roles = DEPT_ROLES if loc[2] == "department" else COMMUNE_ROLES
        if loc[0] in ("phuong-trung-tam", "xa-tan-phu"):
            roles = roles + [("vice_chairman", "Phó Chủ tịch UBND phụ trách nội chính")]
        extra = [("other", f"Công chức chuyên môn {k + 1}") for k in range(args.staff)]
        roles = roles + extra
        taken = set()
        for n, (role, position) in enumerate(roles):
            person = g.person(taken)
            taken.add(person)
            if loc[0] == "xa-hoa-loc" and role == "chairman":
                person = "Nguyễn Văn Hùng"
            if loc[0] == "xa-vinh-hai" and role == "chairman":
                person = "Nguyễn Văn Hùng"   # same id in two localities: audits must say LOCALITY/ID
            oid = slug(person)
            quality = min(0.97, max(0.2, g.r.gauss(0.68, 0.17)))
            if loc[0] == "xa-an-binh" and role == "chairman":
                person, oid, quality = "Nguyễn Văn An", "nguyen-van-an", 0.55
            partners = [x for x in loc_ids if x != loc[0]]
            text, cids = official_md(g, loc, role, position, person, quality, index, partners)
            files[f"officials/{loc[0]}/{oid}.md"] = text
            officials.append((loc[0], oid, cids, quality))
            if n >= len(roles) - len(extra):
                staff_ids.add((loc[0], oid))
            id_counts[oid] = id_counts.get(oid, 0) + 1
            index += 1

    if args.feedback_only:
        rows = feedback_rows(g, officials, args.rows, ["survey", "hotline", "portal", "meeting", "social", "other"], "bench",
                             (dt.date(2026, 1, 1), dt.date(2026, 11, 28)))
        write_csv(args.out, rows, COLUMNS)
        return

    if os.path.isdir(root):
        shutil.rmtree(root)
    for path, text in sorted(files.items()):
        write(os.path.join(root, path), text)
    write(os.path.join(root, "README.md"), README)

    # Evidence documents referenced by site-relative links (tiny placeholder PDFs).
    for path, text in sorted(files.items()):
        for line in text.splitlines():
            if 'evidence: "/minh-chung/' in line:
                rel = line.split('evidence: "', 1)[1].split('"', 1)[0].lstrip("/")
                write_pdf(os.path.join(root, "static", rel), rel)

    # With copies an official's id repeats across localities: audits name the original's LOCALITY/ID.
    # With --staff a staff member may share an audited official's id in another locality: the same.
    originals = {}
    for lid, oid, _, _ in officials:
        if lid in loc_ids and (lid, oid) not in staff_ids:
            originals.setdefault(oid, lid)

    def write_audit(path, text):
        if args.copies > 1 or args.staff > 0:
            text = re.sub(r"^- official: ([a-z0-9-]+)$", lambda m: f"- official: {originals.get(m.group(1), '?')}/{m.group(1)}",
                          text, flags=re.M)
        write(path, text)

    # Audits: two files, every action; one dated after as_of; one by LOCALITY/ID.
    an_binh = [o for o in officials if o[0] == "xa-an-binh"]
    suoi_mo = [o for o in officials if o[0] == "xa-suoi-mo"]
    dept = [o for o in officials if o[0] == "so-y-te"]
    write_audit(os.path.join(root, "audits/2026-hdnd.yaml"), f"""# Post-audit findings of People's Councils (demo).
- official: nguyen-van-an
  by: "HĐND xã An Bình"
  on: 2026-11-20
  finding: "Nhiều phản ánh chưa được giải quyết dù báo cáo đã hoàn thành"
  action: {{ downgrade: 1 }}
  reference: "Nghị quyết 12/NQ-HĐND"
- official: {suoi_mo[1][1]}
  by: "HĐND xã Suối Mơ"
  on: 2026-10-30
  finding: "Công trình nghiệm thu trên giấy, thực tế chưa đưa vào sử dụng"
  action: {{ deduct: 5 }}
  reference: "Báo cáo giám sát 07/BC-HĐND"
- official: xa-vinh-hai/nguyen-van-hung
  by: "HĐND xã Vĩnh Hải"
  on: 2026-11-05
  finding: "Chậm công khai kết quả giải quyết khiếu nại"
  action: {{ deduct: 2.5 }}
  reference: "Nghị quyết 09/NQ-HĐND"
""")
    write_audit(os.path.join(root, "audits/2026-thanh-tra.yaml"), f"""# Findings of the provincial inspectorate (demo).
- official: {dept[0][1]}
  by: "Thanh tra tỉnh Minh Họa"
  on: 2026-11-12
  finding: "Số liệu hồ sơ đúng hạn không khớp với hệ thống một cửa điện tử"
  action: {{ cap: good }}
  reference: "Kết luận thanh tra 45/KL-TTr"
- official: nguyen-van-an
  by: "Thanh tra tỉnh Minh Họa"
  on: 2026-11-25
  finding: "Chậm trả hồ sơ đất đai"
  action: {{ deduct: 3 }}
  reference: "Kết luận thanh tra 51/KL-TTr"
- official: {an_binh[0][1]}
  by: "Thanh tra tỉnh Minh Họa"
  on: 2026-12-15
  finding: "Kết luận sau ngày tính điểm: chưa áp dụng trong kỳ này"
  action: {{ downgrade: 2 }}
  reference: "Kết luận thanh tra 60/KL-TTr"
""")

    # Feedback: four exports with different shapes, streamed (a national tree has ~20M rows).
    valid = [o for o in officials]
    scale = args.feedback_rows / 31000
    counts = [round(8000 * scale), round(8000 * scale), round(8000 * scale), round(7000 * scale)]
    q1 = feedback_rows(g, valid, counts[0], ["survey"], "ks26", (dt.date(2025, 12, 15), dt.date(2026, 3, 31)))
    q2 = feedback_rows(g, valid, counts[1], ["hotline"], "td26", (dt.date(2026, 4, 1), dt.date(2026, 6, 30)))
    q3 = feedback_rows(g, valid, counts[2], ["portal", "social"], "dvc26", (dt.date(2026, 7, 1), dt.date(2026, 9, 30)))
    q4 = feedback_rows(g, valid, counts[3], ["meeting", "hotline", "other", ""], "td26q4", (dt.date(2026, 10, 1), dt.date(2026, 12, 20)))

    # Rows the loader must quarantine (each with a different reason).
    o = officials[3]

    def bad_rows(n, first_id):
        return [
            {"id": f"td26q4-bad-{n}01", "date": "2026-10-10", "channel": "hotline", "locality": "xa-khong-ton-tai", "kind": "complaint"},
            {"id": f"td26q4-bad-{n}02", "date": "2026-10-11", "channel": "hotline", "locality": o[0], "official": "nguoi-khong-co", "kind": "rating", "rating": "4"},
            {"id": f"td26q4-bad-{n}03", "date": "2026-10-12", "channel": "meeting", "locality": o[0], "official": o[1], "kind": "rating", "rating": "7", "respondent_kind": "citizen"},
            {"id": f"td26q4-bad-{n}04", "date": "2026-02-30", "channel": "meeting", "locality": o[0], "official": o[1], "kind": "rating", "rating": "4"},
            {"id": first_id, "date": "2026-10-13", "channel": "meeting", "locality": o[0], "official": o[1], "kind": "rating", "rating": "5"},
            {"id": f"td26q4-bad-{n}06", "date": "2026-10-14", "channel": "fax", "locality": o[0], "kind": "suggestion"},
            {"id": f"td26q4-bad-{n}07", "date": "2026-10-15", "channel": "hotline", "locality": o[0], "commitment": o[2][0], "kind": "complaint"},
            {"id": f"td26q4-bad-{n}08", "date": "2026-10-16", "channel": "hotline", "locality": o[0], "official": o[1], "kind": "complaint", "status": "closed"},
            {"id": f"td26q4-bad-{n}09", "date": "2026-10-17", "channel": "hotline", "locality": o[0], "official": o[1], "kind": "praise"},
            {"id": f"td26q4-bad-{n}10", "date": "2026-10-18", "channel": "hotline", "locality": o[0], "official": o[1], "kind": "rating", "respondent_kind": "tourist", "rating": "3"},
            {"id": f"td26q4-bad-{n}11", "date": "2026-10-19", "channel": "hotline", "locality": "xa-an-binh", "official": officials[0][1], "kind": "rating", "rating": "3"},
        ]

    def q4_with_bad_rows():
        """The demo's bad rows at its fixed places; a scaled tree repeats them every ~3,300 rows (≈ 0.3 %)."""
        first_id = None
        sets = 0
        for i, row in enumerate(q4):
            if first_id is None:
                first_id = row["id"]
            if i == 100:
                yield "td26q4-bad-12,2026-10-20,hotline,xa-an-binh"  # wrong column count
            if i == 199:
                yield ""  # blank line, skipped
            if i == 3500 or (args.feedback_rows > 31000 and i > 3500 and i % 3300 == 0):
                for b in bad_rows("" if sets == 0 else f"{sets}-", first_id):
                    yield b
                sets += 1
            yield row

    split = max(0, args.split_exports)
    if args.one_export:
        # The same rows (the bad ones included) under one header: one file of
        # the whole year, as another system may export it.
        write_csv(os.path.join(root, "feedback/2026-phan-anh.csv"), itertools.chain(q1, q2, q3, q4_with_bad_rows()), COLUMNS,
                  crlf=True, part_rows=split)
        return
    # Q1: standard column order, BOM, CRLF (an Excel export).
    write_csv(os.path.join(root, "feedback/2026-q1-khao-sat.csv"), q1, COLUMNS, crlf=True, bom=True, part_rows=split)
    # Q2: columns in another order plus an unknown column.
    cols2 = ["date", "id", "kind", "locality", "official", "commitment", "rating", "respondent_kind", "respondent",
             "channel", "category", "status", "due", "resolved_on", "comment", "publish"]
    write_csv(os.path.join(root, "feedback/2026-q2-tong-dai-1022.csv"), q2, cols2, extra="ghi_chu_noi_bo", part_rows=split)
    write_csv(os.path.join(root, "feedback/2026-q3-cong-dich-vu-cong.csv"), q3, COLUMNS, part_rows=split)
    write_csv(os.path.join(root, "feedback/2026-q4-tiep-dan.csv"), q4_with_bad_rows(), COLUMNS, part_rows=split)


README = """# Nội dung minh họa — Tỉnh Minh Họa (demo)

Toàn bộ tên người, địa danh, số liệu và phản ánh trong thư mục này là **giả định**, chỉ dùng để minh họa
và kiểm thử congkhai. Thư mục được sinh lại bằng `python3 scripts/generate_demo.py` (kết quả không đổi).

All names, places, figures and comments in this folder are fictional demo data.
"""

if __name__ == "__main__":
    main()
