#!/usr/bin/python3
"""Generate Tests/Fixtures/OCREval/: labelled scans with realistic degradations (issue #7).

    /usr/bin/python3 scripts/make-ocr-evalset.py

Reuses the documents, layout and scanner effects of scripts/make-samplescans.py (imported, not
copied) and adds two documents with vocabulary the samples do not have (including ỵ, which
Debian's `vie` model cannot produce). Each page is rendered, then degraded as real archive scans
are: skew up to ±3°, pages scanned sideways or upside down (90/180/270°), Gaussian noise, blur,
yellowed and unevenly lit paper, dark and faded scans, heavy JPEG artefacts, 200 and 300 dpi,
bilevel, and red stamps or signatures over the text.

Layout (one archival file per condition, pages named 1, 2, … in natural order):

    OE-CL.01.001.0001/   clean pages (gray, 200 and 300 dpi, light speckle only)
    OE-DG.01.001.0002/   degraded pages
    OE-RT.01.001.0003/   rotated pages (90/180/270°, some also degraded)
    ground-truth.json    same shape as SampleScans/ground-truth.json, plus per page:
                         "condition" (clean|degraded|rotated), "degradations" (list),
                         "rotation" (clockwise degrees the *stored* image is turned from upright,
                         so a viewer must turn it back by the same amount counter-clockwise;
                         equivalently, the clockwise turn that makes it upright is (360-r)%360),
                         "quick" (true for the few pages the unit tests OCR)
    inventory.csv        finding-aid rows for the three files

Word boxes in the truth are in the upright page's pixels (before the rotation), as the pipeline
stores them. Everything is seeded: the output is byte-for-byte reproducible.
"""

import csv
import importlib.util
import io
import json
import math
import random
import shutil
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests" / "Fixtures" / "OCREval"

_spec = importlib.util.spec_from_file_location("samplescans", ROOT / "scripts" / "make-samplescans.py")
ss = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ss)
R, B, I = ss.R, ss.B, ss.I

# Two documents with other words than the samples: a Party report and a state notice, with
# old-style tone placement (hòa, thủy) as administrative texts use, and words that need ỵ.
PARTY_BC = {
    "system": "party", "doc_type": "Báo cáo", "type_line": "BÁO CÁO",
    "number": "117", "symbol": "BC/QU", "date": "2025-05-06", "place": "Ba Đình",
    "issuer_upper": "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "issuer": "QUẬN ỦY BA ĐÌNH",
    "excerpt_lines": ["tình hình chỉnh lý và bảo quản tài liệu", "sáu tháng đầu năm 2025"],
    "security": None, "urgency": None,
    "authority": ["T/M BAN THƯỜNG VỤ"], "signer_position": "BÍ THƯ",
    "signer": "Đỗ Thị Thủy",
    "recipients": ["- Thường trực Thành ủy,", "- Lưu Văn phòng Quận ủy."],
    "pages": [[
        ("p", [("Thực hiện chỉ đạo của Thường trực Thành ủy, Ban Thường vụ Quận ủy đã tổ chức "
                "chỉnh lý khối tài liệu tồn đọng từ năm 1986 đến năm 2010, gồm nhiều hồ sơ bị ẩm "
                "mốc, giấy giòn, mực phai và chữ viết tay khó đọc.", R)]),
        ("p", [("Những tài liệu quý hiếm được ưu tiên khử axit, bồi nền và phục chế trước khi "
                "số hóa; kho lưu trữ được lắp thêm máy hút ẩm, hệ thống báo cháy và camera "
                "giám sát. Tuyệt đối kiêng kỵ việc mang tài liệu ra khỏi kho khi chưa có "
                "phiếu yêu cầu được duyệt.", R)]),
        ("p", [("Trong kỳ, một số cán bộ bị ốm do dịch kiết lỵ phải nghỉ dài ngày, nhiều khi "
                "công việc tưởng như quỵ ngã; song tập thể đã khắc phục, hoàn thành chỉnh lý "
                "thêm 42 mét giá, lập 1.265 hồ sơ và biên mục 31.480 trang.", R)]),
        ("p", [("Khó khăn chủ yếu là thiếu kinh phí mua hộp, bìa đạt chuẩn và thiếu người có "
                "chuyên môn Hán Nôm để đọc các văn bản cũ; đề nghị Thành ủy quan tâm hỗ trợ "
                "trong dự toán năm sau.", R)]),
    ]],
}

STATE_TB = {
    "system": "state", "doc_type": "Thông báo", "type_line": "THÔNG BÁO",
    "number": "86", "symbol": "TB-UBND", "date": "2025-06-02", "place": "Hoàn Kiếm",
    "header_left": [("ỦY BAN NHÂN DÂN", B), ("PHƯỜNG HOÀN KIẾM", B)],
    "issuer_upper": None, "issuer": "ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM",
    "excerpt_lines": ["Về lịch tiếp nhận hồ sơ lưu trữ", "của các tổ dân phố"],
    "security": None, "urgency": None,
    "authority": ["TM. ỦY BAN NHÂN DÂN"], "signer_position": "CHỦ TỊCH",
    "signer": "Hoàng Minh Tuấn",
    "recipients": ["- Các tổ dân phố;", "- Lưu: VT."],
    "pages": [[
        ("p", [("Để chuẩn bị bàn giao tài liệu cho kho lưu trữ chung của Thành phố, Ủy ban nhân "
                "dân phường thông báo lịch tiếp nhận hồ sơ của các tổ dân phố như sau:", R)]),
        ("p", [("1. Thời gian: từ thứ Hai đến thứ Sáu hằng tuần, buổi sáng từ 8 giờ đến 11 giờ "
                "30 phút, buổi chiều từ 14 giờ đến 17 giờ; riêng ngày nghỉ lễ không tiếp nhận.", R)]),
        ("p", [("2. Địa điểm: phòng Văn hóa - Thông tin, tầng hai trụ sở Ủy ban nhân dân "
                "phường, số 126 phố Hàng Trống.", R)]),
        ("p", [("3. Hồ sơ nộp kèm bản kê có chữ ký của tổ trưởng; tài liệu rách, nhòe phải "
                "được khoanh riêng, ghi rõ tình trạng vật lý để có biện pháp xử lý thích hợp.", R)]),
        ("p", [("Đề nghị các tổ trưởng tổ dân phố phối hợp, thực hiện đúng thời gian quy định; "
                "mọi vướng mắc liên hệ đồng chí Lý Thị Duyên, công chức Văn phòng.", R)]),
    ]],
}

DOCS = {
    "PQD": ss.PARTY_QD, "PTB": ss.PARTY_TB, "PCV": ss.PARTY_CV, "SQD": ss.STATE_QD,
    "SCV": ss.STATE_CV, "SKH": ss.STATE_KH, "SBC": ss.STATE_BC, "PBC": PARTY_BC, "STB": STATE_TB,
}

# (document, page index, dpi, colour, degradations). Degradation keys:
#   skew (deg, +ccw), blur (px sigma), noise (sigma), speckle (count), tint (rgb paper),
#   dark (factor < 1 on the whole sheet), faded (ink level 0-255), jpeg (quality),
#   shadow (book-fold shade at the left edge), stamp (red stamp over the body), scrawl
#   (signature stroke across text), rotate (clockwise degrees as stored).
CLEAN = [
    ("PQD", 0, 200, "gray", {}), ("SCV", 0, 200, "gray", {}), ("PBC", 0, 200, "gray", {}),
    ("STB", 0, 300, "gray", {"speckle": 20}), ("SKH", 1, 200, "gray", {"speckle": 20}),
    ("PTB", 0, 300, "gray", {}),
]
DEGRADED = [
    ("PQD", 1, 200, "gray", {"skew": 2.6, "noise": 9, "speckle": 80}),
    ("SQD", 0, 200, "gray", {"skew": -3.0, "blur": 0.9}),
    ("PTB", 0, 200, "rgb", {"skew": 1.8, "tint": (232, 214, 160), "noise": 5, "shadow": 0.55, "jpeg": 45}),
    ("SCV", 1, 200, "gray", {"dark": 0.5, "noise": 6, "jpeg": 40}),
    ("PCV", 0, 200, "gray", {"faded": 150, "blur": 0.6}),
    ("SKH", 0, 300, "bilevel", {"skew": -2.2, "speckle": 300}),
    ("SBC", 0, 200, "gray", {"stamp": True, "scrawl": True, "skew": 1.2}),
    ("PBC", 0, 200, "rgb", {"tint": (225, 205, 150), "dark": 0.8, "noise": 6, "jpeg": 30, "skew": -1.5}),
    ("STB", 0, 200, "gray", {"jpeg": 18, "blur": 0.7, "skew": 2.9}),
    ("SQD", 1, 300, "gray", {"shadow": 0.4, "noise": 8, "skew": -0.8, "stamp": True}),
    ("PQD", 0, 200, "bilevel", {"skew": 0.9, "speckle": 200}),
    ("SCV", 0, 200, "gray", {"faded": 170, "noise": 7, "skew": -2.4}),
]
ROTATED = [
    ("PQD", 0, 200, "gray", {"rotate": 90}),
    ("SCV", 0, 200, "gray", {"rotate": 180}),
    ("PBC", 0, 200, "gray", {"rotate": 270}),
    ("STB", 0, 200, "gray", {"rotate": 90, "skew": 1.5, "noise": 6}),
    ("SKH", 0, 200, "bilevel", {"rotate": 180, "speckle": 100}),
    ("PTB", 0, 200, "gray", {"rotate": 270, "tint": None, "dark": 0.8}),
]
# The pages the unit tests OCR (small enough to run in well under 90 s on two cores).
QUICK = {("OE-CL.01.001.0001", 1), ("OE-DG.01.001.0002", 2), ("OE-DG.01.001.0002", 4),
         ("OE-DG.01.001.0002", 8), ("OE-RT.01.001.0003", 1), ("OE-RT.01.001.0003", 2)}

FILES = [("OE-CL.01.001.0001", "clean", CLEAN, "Trang sạch (đối chứng)"),
         ("OE-DG.01.001.0002", "degraded", DEGRADED, "Trang xuống cấp"),
         ("OE-RT.01.001.0003", "rotated", ROTATED, "Trang quét xoay")]


def stamp(im, pg, rng):
    """A red round stamp and its inner text ring placed over body text, multiplied like ink."""
    layer = Image.new("RGB", im.size, (255, 255, 255))
    d = ImageDraw.Draw(layer)
    red = (205, 60, 62)
    r = pg.mm(19)
    cx, cy = pg.mm(rng.uniform(70, 140)), pg.mm(rng.uniform(110, 170))
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=pg.mm(0.9))
    r2 = r - pg.mm(4.5)
    d.ellipse([cx - r2, cy - r2, cx + r2, cy + r2], outline=red, width=pg.mm(0.4))
    font = pg.font(B, 9)
    for k, ch in enumerate("ỦY BAN NHÂN DÂN * LƯU TRỮ * "):
        a = -math.pi / 2 + k * 2 * math.pi / 28
        d.text((cx + (r - pg.mm(2.3)) * math.cos(a), cy + (r - pg.mm(2.3)) * math.sin(a)), ch,
               font=font, fill=red, anchor="mm")
    star = [(cx + (pg.mm(6) if k % 2 == 0 else pg.mm(2.4)) * math.cos(-math.pi / 2 + k * math.pi / 5),
             cy + (pg.mm(6) if k % 2 == 0 else pg.mm(2.4)) * math.sin(-math.pi / 2 + k * math.pi / 5))
            for k in range(10)]
    d.polygon(star, fill=red)
    return ImageChops.multiply(im.convert("RGB"), layer)


def scrawl(im, pg, rng):
    """A handwritten signature stroke across two lines of body text."""
    d = ImageDraw.Draw(im)
    x0, y0 = pg.mm(rng.uniform(40, 90)), pg.mm(rng.uniform(120, 200))
    pts = [(x0 + t * pg.mm(60), y0 + pg.mm(6) * math.sin(t * 11) - pg.mm(8) * t) for t in
           (i / 50 for i in range(51))]
    d.line(pts, fill=50, width=pg.mm(0.5), joint="curve")
    return im


def degrade(pg, spec, colour, rng):
    """The sample generator's scanner, then the extra effects; returns (image, words)."""
    base = {k: spec[k] for k in ("skew", "blur", "noise", "speckle", "tint") if spec.get(k) is not None}
    # Stamps and signatures go on the paper before it is scanned (skew, noise apply to them);
    # a gray scanner sees the red stamp as mid-gray.
    if spec.get("stamp"):
        pg.im = stamp(pg.im, pg, rng).convert("L")
    if spec.get("scrawl"):
        pg.im = scrawl(pg.im, pg, rng)
    im, words, _ = ss.scan(pg, base, colour, rng)
    if spec.get("faded"):
        lo = spec["faded"]
        im = im.point(lambda v: lo + (255 - lo) * v // 255) if im.mode in ("L", "RGB") else im
    if spec.get("shadow"):
        w, h = im.size
        ramp = Image.linear_gradient("L").rotate(90, expand=True).resize((w, h))
        ramp = ramp.point(lambda v: int(255 * (spec["shadow"] + (1 - spec["shadow"]) * min(1, (255 - v) / 90))))
        ramp = ramp.transpose(Image.FLIP_LEFT_RIGHT)
        im = ImageChops.multiply(im, ramp if im.mode == "L" else Image.merge("RGB", [ramp] * 3))
    if spec.get("dark"):
        factor = spec["dark"]
        im = im.point(lambda v: int(v * factor))
    return im, words


def save(path, im, dpi, spec, colour):
    if colour == "bilevel":
        path = path.with_suffix(".tif")
        im.save(path, "TIFF", compression="group4", dpi=(dpi, dpi))
    elif spec.get("jpeg") or im.mode == "RGB" or any(spec.get(k) for k in ("noise", "blur", "skew", "shadow")):
        # Antialiased, noisy or rotated gray compresses badly as PNG; scanners write JPEG.
        path = path.with_suffix(".jpg")
        im.save(path, "JPEG", quality=spec.get("jpeg", 60), dpi=(dpi, dpi), optimize=True)
    else:
        path = path.with_suffix(".png")
        im.save(path, "PNG", dpi=(dpi, dpi), optimize=True)
    return path


def build(code, condition, pages):
    folder = OUT / code
    folder.mkdir(parents=True)
    truth_pages = []
    for number, (key, index, dpi, colour, spec) in enumerate(pages, start=1):
        rng = random.Random(f"{code}/{number}")
        doc = DOCS[key]
        pg = ss.render_page(doc, index, dpi, rng)
        text = pg.text()
        im, words = degrade(pg, spec, colour, rng)
        rotation = spec.get("rotate", 0)
        upright_size = im.size
        if rotation:
            im = im.rotate(-rotation, expand=True)  # PIL turns counter-clockwise; we store clockwise turns
        path = save(folder / str(number), im, dpi, spec, colour)
        degradations = [k for k in ("skew", "blur", "noise", "tint", "dark", "faded", "jpeg", "shadow",
                                    "stamp", "scrawl") if spec.get(k)]
        if colour == "bilevel":
            degradations.append("bilevel")
        truth_pages.append({
            "source": f"{code}/{path.name}", "frame": 0, "page": number, "document": key,
            "document_page": index + 1, "dpi": dpi, "width_px": im.width, "height_px": im.height,
            "upright_width_px": upright_size[0], "upright_height_px": upright_size[1],
            "format": path.suffix[1:], "colour": colour, "skew_degrees": spec.get("skew", 0.0),
            "rotation": rotation, "condition": condition, "degradations": degradations,
            "quick": (code, number) in QUICK, "text": text, "words": words,
        })
    return {"file_code": code, "pages": truth_pages, "documents": []}


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    files = [build(code, condition, pages) for code, condition, pages, _ in FILES]
    truth = {
        "generator": "scripts/make-ocr-evalset.py",
        "conventions": {
            "box": "[left, top, right, bottom] in pixels of the upright page, right/bottom exclusive",
            "rotation": "clockwise degrees the stored image is turned from upright (0, 90, 180, 270)",
            "text": "lines in reading order: left header block, right header block, then top to bottom",
            "condition": "clean | degraded | rotated",
        },
        "files": files,
    }
    (OUT / "ground-truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                           encoding="utf-8")
    with open(OUT / "inventory.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file_code", "title", "start_date", "end_date", "retention", "shelf_metres",
                    "fonds", "inventory", "box", "file_no"])
        for code, _, pages, title in FILES:
            fonds, inv, box, no = code.split(".")
            w.writerow([code, title, "2025-01-01", "2025-06-30", "10 năm", "0.001", fonds, inv, box, no])
    total = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    for code, condition, pages, _ in FILES:
        print(f"{code}: {len(pages)} {condition} pages")
    print(f"total {total / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
