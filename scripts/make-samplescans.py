#!/usr/bin/python3
"""Generate SampleScans/: synthetic scans of Vietnamese archive documents with ground truth.

Run from the repository root (or anywhere; paths are relative to this file):

    /usr/bin/python3 scripts/make-samplescans.py

Use Debian's Python (/usr/bin/python3): it has Pillow 9.4 from the python3-pil package.
Only Pillow and the standard library are used. Fonts: Noto Serif from the Debian package
fonts-noto-core (/usr/share/fonts/truetype/noto/), which covers Vietnamese.

What it makes (SampleScans/, about 4.7 MB):

    HN-TU.01.037.0001/   Party file (Hướng dẫn 36-HD/VPTW layout), 4 pages
        1.tif            bilevel, CCITT Group 4, 300 dpi        (Quyết định, page 1 of 2)
        2.tif            8-bit gray, LZW, 300 dpi               (same Quyết định, page 2)
        3.tif            multi-page TIFF, LZW, gray, 300 dpi:    frame 0 Thông báo (MẬT),
                                                                 frame 1 Công văn (KHẨN)
    HN-UB.02.015.0042/   State file (Nghị định 30/2020/NĐ-CP layout), 4 pages
        1.png, 2.png     8-bit gray PNG, 200 dpi                (Quyết định, 2 pages)
        3.jpg            colour JPEG q85, 300 dpi, yellowed paper, rotated 1.5°
                                                                 (Công văn, page 1 of 2)
        10.png           8-bit gray PNG, 200 dpi                (same Công văn, page 2;
                                                                  last only in *natural* order)
    HN-UB.02.015.0043/scan.pdf   image-only PDF, 3 JPEG pages at 200 dpi:
                                 Kế hoạch (2 pages) + Báo cáo of Sở Nội vụ (1 page)
    inventory.csv        the finding aid (mục lục) rows for the three files
    ground-truth.json    per page: technical facts, full text in reading order and a box for
                         every word drawn; per document: type, number, symbol, date, issuer,
                         excerpt, signer, security and urgency marks

Why: the pipeline (ingest, OCR with Tesseract `vie`, metadata extraction, searchable PDF,
catalogue, shelf-metre progress) needs realistic input in every format a scanner writes and
exact answers to test against, without shipping real (and possibly classified) archive scans.

Conventions in ground-truth.json:
  * boxes are [left, top, right, bottom] in pixels of the image as stored, right/bottom
    exclusive; for rotated pages they are the axis-aligned bounds of the rotated word box;
  * skew_degrees is the rotation applied to the content, positive = counter-clockwise
    (text lines rise to the right), as in PIL's Image.rotate;
  * text lists lines in reading order: left header block, right header block, then the rest
    top to bottom; where two blocks stand side by side (the "Nơi nhận" list and the signature
    block) the left block comes first;
  * every string is NFC.

The output is byte-for-byte reproducible: every random choice comes from random.Random seeded
with a fixed string, and the PDF gets a fixed creation date.
"""

import csv
import io
import json
import math
import random
import shutil
import statistics
import time
import unicodedata
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "SampleScans"
FONT_DIR = Path("/usr/share/fonts/truetype/noto")
FONT_FILES = {
    "r": "NotoSerif-Regular.ttf",
    "b": "NotoSerif-Bold.ttf",
    "i": "NotoSerif-Italic.ttf",
    "bi": "NotoSerif-BoldItalic.ttf",
}
A4_MM = (210, 297)
# Page margins (mm) as Nghị định 30/2020 asks: top/bottom 20-25, left 30-35, right 15-20.
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 30, 15, 20, 20
SCAN_DATE = time.strptime("2025-06-12 09:30:00", "%Y-%m-%d %H:%M:%S")


def nfc(s):
    return unicodedata.normalize("NFC", s)


# --------------------------------------------------------------------------- documents
# Each document: header facts, then a list of pages, each a list of body items:
#   ("p", runs)            justified paragraph, first line indented; runs = [(text, style)]
#   ("pn", runs)           paragraph without first-line indent
#   ("c", runs)            centred line
#   ("h", runs)            left-aligned heading line, not indented
#   ("to", [lines])        "Kính gửi:" block of a công văn
#   ("gap", mm)            vertical space
# Styles: r regular, b bold, i italic, bi bold italic.

R, B, I = "r", "b", "i"

PARTY_QD = {
    "system": "party", "doc_type": "Quyết định", "type_line": "QUYẾT ĐỊNH",
    "number": "8229", "symbol": "QĐ/TU", "date": "2025-02-18", "place": "Hà Nội",
    "issuer_upper": "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "issuer": "THÀNH ỦY",
    "excerpt_lines": ["về việc thành lập Ban Chỉ đạo 204"],
    "security": None, "urgency": None,
    "authority": ["T/M BAN THƯỜNG VỤ"], "signer_position": "PHÓ BÍ THƯ THƯỜNG TRỰC",
    "signer": "Nguyễn Văn Phong",
    "recipients": ["- Như Điều 3,", "- Thường trực Thành ủy,",
                   "- Các đồng chí Thành ủy viên,", "- Lưu Văn phòng Thành ủy."],
    "pages": [
        [
            ("p", [("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", R)]),
            ("p", [("- Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ thành phố Hà Nội "
                    "khóa XVII, nhiệm kỳ 2020 - 2025;", R)]),
            ("p", [("- Căn cứ Kết luận của Thường trực Thành ủy tại cuộc họp ngày "
                    "10 tháng 02 năm 2025;", R)]),
            ("p", [("- Xét đề nghị của Văn phòng Thành ủy,", R)]),
            ("gap", 2),
            ("c", [("BAN THƯỜNG VỤ THÀNH ỦY QUYẾT ĐỊNH", B)]),
            ("gap", 2),
            ("p", [("Điều 1.", B), ("Thành lập Ban Chỉ đạo 204 của Thành ủy về số hóa tài liệu "
                    "lưu trữ của Đảng bộ thành phố (gọi tắt là Ban Chỉ đạo 204), gồm các đồng "
                    "chí có tên sau:", R)]),
            ("p", [("1. Đồng chí Nguyễn Văn Phong, Phó Bí thư Thường trực Thành ủy, "
                    "Trưởng Ban Chỉ đạo.", R)]),
            ("p", [("2. Đồng chí Trần Thị Hương, Chánh Văn phòng Thành ủy, Phó Trưởng ban "
                    "Thường trực.", R)]),
            ("p", [("3. Đồng chí Lê Đức Thắng, Phó Trưởng ban Thường trực Ban Tổ chức "
                    "Thành ủy, Phó Trưởng ban.", R)]),
            ("p", [("4. Đồng chí Phạm Quốc Khánh, Giám đốc Sở Nội vụ, Ủy viên.", R)]),
            ("p", [("Điều 2.", B), ("Ban Chỉ đạo 204 giúp Ban Thường vụ Thành ủy lãnh đạo, chỉ "
                    "đạo việc số hóa, bảo quản và khai thác tài liệu lưu trữ; kiểm tra, đôn đốc "
                    "các cơ quan, đơn vị thực hiện đúng tiến độ, bảo đảm an toàn, bảo mật "
                    "thông tin.", R)]),
        ],
        [
            ("p", [("Trưởng Ban Chỉ đạo ban hành quy chế làm việc, phân công nhiệm vụ cụ thể "
                    "cho từng thành viên; định kỳ sáu tháng báo cáo Ban Thường vụ Thành ủy kết "
                    "quả thực hiện. Ban Chỉ đạo tự giải thể sau khi hoàn thành nhiệm vụ.", R)]),
            ("p", [("Văn phòng Thành ủy là cơ quan thường trực, bảo đảm điều kiện hoạt động "
                    "của Ban Chỉ đạo; kinh phí hoạt động được bố trí trong dự toán ngân sách "
                    "hằng năm của Văn phòng Thành ủy.", R)]),
            ("p", [("Điều 3.", B), ("Quyết định có hiệu lực kể từ ngày ký. Văn phòng Thành ủy, "
                    "Ban Tổ chức Thành ủy, Sở Nội vụ, các cơ quan, đơn vị liên quan và các đồng "
                    "chí có tên tại Điều 1 căn cứ Quyết định thi hành.", R)]),
        ],
    ],
}

PARTY_TB = {
    "system": "party", "doc_type": "Thông báo", "type_line": "THÔNG BÁO",
    "number": "245", "symbol": "TB/TU", "date": "2025-03-10", "place": "Hà Nội",
    "issuer_upper": "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "issuer": "THÀNH ỦY",
    "excerpt_lines": ["kết luận của Thường trực Thành ủy về tiến độ",
                      "số hóa tài liệu lưu trữ quý I năm 2025"],
    "security": "MẬT", "urgency": None,
    "authority": ["T/L BAN THƯỜNG VỤ"], "signer_position": "CHÁNH VĂN PHÒNG",
    "signer": "Trần Thị Hương",
    "recipients": ["- Các đồng chí Thường vụ Thành ủy,", "- Các ban đảng Thành ủy,",
                   "- Lưu Văn phòng Thành ủy."],
    "pages": [
        [
            ("p", [("Ngày 07 tháng 3 năm 2025, Thường trực Thành ủy đã nghe Văn phòng Thành ủy "
                    "báo cáo tiến độ số hóa tài liệu lưu trữ của Đảng bộ thành phố. Sau khi nghe "
                    "ý kiến của các đồng chí dự họp, Thường trực Thành ủy kết luận như sau:", R)]),
            ("p", [("1. Ghi nhận cố gắng của Văn phòng Thành ủy và các cơ quan liên quan; đến nay "
                    "đã số hóa được khoảng 1.450 mét giá tài liệu, bảo đảm đúng quy trình, an "
                    "toàn tuyệt đối.", R)]),
            ("p", [("2. Khối lượng tài liệu còn lại rất lớn, khoảng 22.150 mét giá; việc bố trí "
                    "nhân lực, trang thiết bị và kinh phí chưa tương xứng với yêu cầu nhiệm "
                    "vụ.", R)]),
            ("p", [("3. Giao Văn phòng Thành ủy chủ trì, phối hợp với Sở Nội vụ hướng dẫn 126 xã, "
                    "phường triển khai ngay việc chỉnh lý, số hóa tài liệu; báo cáo kết quả trước "
                    "ngày 30 tháng 6 năm 2025.", R)]),
        ],
    ],
}

PARTY_CV = {
    "system": "party", "doc_type": "Công văn", "type_line": None,
    "number": "1187", "symbol": "CV/TU", "date": "2025-03-24", "place": "Hà Nội",
    "issuer_upper": "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "issuer": "THÀNH ỦY",
    "excerpt_lines": ["V/v triển khai số hóa tài liệu", "lưu trữ tại các xã, phường"],
    "security": None, "urgency": "KHẨN",
    "authority": ["T/M BAN THƯỜNG VỤ"], "signer_position": "PHÓ BÍ THƯ",
    "signer": "Đỗ Minh Tuấn",
    "recipients": ["- Như trên,", "- Thường trực Thành ủy (để b/c),",
                   "- Lưu Văn phòng Thành ủy."],
    "pages": [
        [
            ("to", ["- Đảng ủy các xã, phường;", "- Các ban đảng, Văn phòng Thành ủy."]),
            ("p", [("Thực hiện Thông báo số 245-TB/TU ngày 10 tháng 3 năm 2025 của Thường trực "
                    "Thành ủy, để bảo đảm tài liệu lưu trữ được quản lý an toàn và khai thác "
                    "hiệu quả sau khi sắp xếp đơn vị hành chính, Ban Thường vụ Thành ủy "
                    "yêu cầu:", R)]),
            ("p", [("1. Đảng ủy các xã, phường khẩn trương thống kê khối lượng tài liệu lưu trữ, "
                    "lập mục lục hồ sơ và bàn giao cho Văn phòng Thành ủy trước ngày 15 tháng 4 "
                    "năm 2025.", R)]),
            ("p", [("2. Tài liệu được số hóa phải bảo đảm độ phân giải tối thiểu 200 dpi, định "
                    "dạng PDF, có mã kiểm tra SHA-256 cho từng tệp; không để lộ, lọt bí mật nhà "
                    "nước.", R)]),
            ("p", [("3. Văn phòng Thành ủy tổng hợp, báo cáo Ban Thường vụ Thành ủy kết quả "
                    "thực hiện.", R)]),
        ],
    ],
}

STATE_QD = {
    "system": "state", "doc_type": "Quyết định", "type_line": "QUYẾT ĐỊNH",
    "number": "1234", "symbol": "QĐ-UBND", "date": "2025-03-05", "place": "Hà Nội",
    "header_left": [("ỦY BAN NHÂN DÂN", B), ("THÀNH PHỐ HÀ NỘI", B)],
    "issuer_upper": None, "issuer": "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
    "excerpt_lines": ["Về việc phê duyệt Đề án số hóa tài liệu lưu trữ",
                      "lịch sử của Thành phố giai đoạn 2025 - 2030"],
    "security": None, "urgency": None,
    "authority": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "signer_position": "PHÓ CHỦ TỊCH",
    "signer": "Vũ Thu Hà",
    "recipients": ["- Như Điều 3;", "- Thường trực Thành ủy;", "- Chủ tịch UBND Thành phố;",
                   "- Lưu: VT, NC."],
    "pages": [
        [
            ("c", [("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", B)]),
            ("gap", 2),
            ("p", [("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", I)]),
            ("p", [("Căn cứ Luật Lưu trữ ngày 21 tháng 6 năm 2024;", I)]),
            ("p", [("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ "
                    "về công tác văn thư;", I)]),
            ("p", [("Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 215/TTr-SNV ngày 20 "
                    "tháng 02 năm 2025.", I)]),
            ("gap", 2),
            ("c", [("QUYẾT ĐỊNH:", B)]),
            ("gap", 2),
            ("p", [("Điều 1.", B), ("Phê duyệt Đề án số hóa tài liệu lưu trữ lịch sử của Thành "
                    "phố giai đoạn 2025 - 2030 (sau đây gọi là Đề án) với các nội dung chủ yếu "
                    "sau:", R)]),
            ("p", [("1. Mục tiêu: đến năm 2030 hoàn thành số hóa toàn bộ tài liệu có giá trị bảo "
                    "quản vĩnh viễn; xây dựng cơ sở dữ liệu tài liệu lưu trữ điện tử kết nối với "
                    "cơ sở dữ liệu quốc gia.", R)]),
            ("p", [("2. Phạm vi: tài liệu lưu trữ tại Trung tâm Lưu trữ lịch sử Thành phố và tài "
                    "liệu của các xã, phường sau sắp xếp đơn vị hành chính.", R)]),
            ("p", [("3. Kinh phí thực hiện: từ nguồn ngân sách Thành phố theo phân cấp hiện hành "
                    "và các nguồn hợp pháp khác.", R)]),
        ],
        [
            ("p", [("Điều 2.", B), ("Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính, Sở Khoa "
                    "học và Công nghệ tổ chức triển khai Đề án; hằng năm báo cáo Ủy ban nhân dân "
                    "Thành phố kết quả thực hiện.", R)]),
            ("p", [("Điều 3.", B), ("Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng "
                    "Ủy ban nhân dân Thành phố, Giám đốc các Sở, Chủ tịch Ủy ban nhân dân các xã, "
                    "phường và các cơ quan, đơn vị liên quan chịu trách nhiệm thi hành Quyết định "
                    "này./.", R)]),
        ],
    ],
}

STATE_CV = {
    "system": "state", "doc_type": "Công văn", "type_line": None,
    "number": "1502", "symbol": "UBND-NC", "date": "2025-04-14", "place": "Hà Nội",
    "header_left": [("ỦY BAN NHÂN DÂN", B), ("THÀNH PHỐ HÀ NỘI", B)],
    "issuer_upper": None, "issuer": "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
    "excerpt_lines": ["V/v tăng cường bảo mật trong", "số hóa tài liệu lưu trữ"],
    "security": None, "urgency": None,
    "authority": ["KT. CHỦ TỊCH"], "signer_position": "PHÓ CHỦ TỊCH",
    "signer": "Vũ Thu Hà",
    "recipients": ["- Như trên;", "- Chủ tịch UBND Thành phố (để b/c);", "- Lưu: VT, NC."],
    "pages": [
        [
            ("to", ["- Các Sở, ban, ngành Thành phố;", "- Ủy ban nhân dân các xã, phường."]),
            ("p", [("Thực hiện Quyết định số 1234/QĐ-UBND ngày 05 tháng 3 năm 2025 của Ủy ban "
                    "nhân dân Thành phố phê duyệt Đề án số hóa tài liệu lưu trữ lịch sử của Thành "
                    "phố giai đoạn 2025 - 2030, Ủy ban nhân dân Thành phố yêu cầu các cơ quan, "
                    "đơn vị thực hiện tốt các nội dung sau:", R)]),
            ("p", [("1. Quán triệt cán bộ, công chức, viên chức làm công tác lưu trữ về trách "
                    "nhiệm bảo vệ bí mật nhà nước; không sao chép, chuyển tài liệu số hóa ra "
                    "ngoài hệ thống khi chưa được phép.", R)]),
            ("p", [("2. Tài liệu số hóa phải được lưu trữ trên hệ thống máy chủ dùng chung của "
                    "Thành phố, có sao lưu định kỳ và kiểm tra mã SHA-256 để phát hiện kịp thời "
                    "việc thay đổi, mất mát dữ liệu.", R)]),
            ("p", [("3. Việc giao, nhận tài liệu giữa các cơ quan, đơn vị phải lập biên bản, ghi "
                    "rõ số lượng hồ sơ, số trang và mã kiểm tra của từng tệp dữ liệu; người nhận "
                    "chịu trách nhiệm bảo quản theo đúng chế độ mật.", R)]),
            ("p", [("4. Định kỳ hằng quý, các cơ quan, đơn vị báo cáo tiến độ số hóa theo số mét "
                    "giá tài liệu đã hoàn thành, số trang, số hồ sơ và những khó khăn, vướng mắc "
                    "phát sinh.", R)]),
        ],
        [
            ("p", [("5. Giao Sở Nội vụ theo dõi, đôn đốc, tổng hợp kết quả thực hiện, báo cáo Ủy "
                    "ban nhân dân Thành phố trước ngày 15 tháng 12 năm 2025.", R)]),
            ("p", [("Ủy ban nhân dân Thành phố yêu cầu các cơ quan, đơn vị nghiêm túc triển khai "
                    "thực hiện./.", R)]),
        ],
    ],
}

STATE_KH = {
    "system": "state", "doc_type": "Kế hoạch", "type_line": "KẾ HOẠCH",
    "number": "56", "symbol": "KH-UBND", "date": "2025-01-20", "place": "Hà Nội",
    "header_left": [("ỦY BAN NHÂN DÂN", B), ("THÀNH PHỐ HÀ NỘI", B)],
    "issuer_upper": None, "issuer": "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
    "excerpt_lines": ["Thực hiện số hóa tài liệu lưu trữ năm 2025"],
    "security": None, "urgency": None,
    "authority": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "signer_position": "PHÓ CHỦ TỊCH",
    "signer": "Vũ Thu Hà",
    "recipients": ["- Bộ Nội vụ;", "- Thường trực Thành ủy;", "- Các Sở, ban, ngành;",
                   "- Lưu: VT, NC."],
    "pages": [
        [
            ("p", [("Thực hiện Luật Lưu trữ năm 2024 và các văn bản hướng dẫn thi hành, Ủy ban "
                    "nhân dân Thành phố ban hành Kế hoạch thực hiện số hóa tài liệu lưu trữ năm "
                    "2025 như sau:", R)]),
            ("h", [("I. MỤC ĐÍCH, YÊU CẦU", B)]),
            ("p", [("1. Số hóa tài liệu lưu trữ có giá trị bảo quản vĩnh viễn, phục vụ kịp thời "
                    "yêu cầu khai thác, sử dụng của cơ quan, tổ chức và cá nhân.", R)]),
            ("p", [("2. Việc số hóa phải bảo đảm đúng quy trình, tiêu chuẩn kỹ thuật theo quy "
                    "định; tài liệu sau số hóa được kiểm tra, ký số và quản lý tập trung.", R)]),
            ("p", [("3. Bố trí đủ nhân lực, trang thiết bị; bảo đảm an toàn, bảo mật thông tin "
                    "trong toàn bộ quá trình số hóa.", R)]),
            ("h", [("II. NHIỆM VỤ", B)]),
            ("p", [("1. Chỉnh lý, lập mục lục hồ sơ đối với tài liệu tồn đọng tại các cơ quan, "
                    "đơn vị; loại ra những tài liệu hết giá trị theo đúng quy định.", R)]),
            ("p", [("2. Số hóa khoảng 300 mét giá tài liệu, tương đương 2,5 triệu trang; nhận dạng "
                    "ký tự quang học tiếng Việt và lập chỉ mục tìm kiếm toàn văn.", R)]),
        ],
        [
            ("p", [("3. Lập báo cáo tiến độ hằng tháng theo số mét giá, số hồ sơ và số trang đã "
                    "hoàn thành.", R)]),
            ("h", [("III. TỔ CHỨC THỰC HIỆN", B)]),
            ("p", [("Sở Nội vụ chủ trì, hướng dẫn, kiểm tra việc thực hiện Kế hoạch; Sở Tài chính "
                    "bố trí kinh phí; các cơ quan, đơn vị chủ động triển khai và báo cáo kết quả "
                    "trước ngày 15 tháng 12 năm 2025./.", R)]),
        ],
    ],
}

STATE_BC = {
    "system": "state", "doc_type": "Báo cáo", "type_line": "BÁO CÁO",
    "number": "112", "symbol": "BC-SNV", "date": "2025-04-08", "place": "Hà Nội",
    "header_left": [("UBND THÀNH PHỐ HÀ NỘI", R), ("SỞ NỘI VỤ", B)],
    "issuer_upper": "UBND THÀNH PHỐ HÀ NỘI", "issuer": "SỞ NỘI VỤ",
    "excerpt_lines": ["Kết quả số hóa tài liệu lưu trữ quý I năm 2025"],
    "security": None, "urgency": None,
    "authority": ["KT. GIÁM ĐỐC"], "signer_position": "PHÓ GIÁM ĐỐC",
    "signer": "Hoàng Anh Dũng",
    "recipients": ["- UBND Thành phố (để b/c);", "- Giám đốc Sở;", "- Lưu: VT, CCVTLT."],
    "pages": [
        [
            ("p", [("Thực hiện Kế hoạch số 56/KH-UBND ngày 20 tháng 01 năm 2025 của Ủy ban nhân "
                    "dân Thành phố, Sở Nội vụ báo cáo kết quả số hóa tài liệu lưu trữ quý I năm "
                    "2025 như sau:", R)]),
            ("p", [("1. Kết quả: đã số hóa 86 mét giá tài liệu, gồm 1.912 hồ sơ với 731.000 "
                    "trang; tỷ lệ trang đạt yêu cầu kỹ thuật ngay lần đầu là 97,6%.", R)]),
            ("p", [("2. Tồn tại: một số trang tài liệu bị ố vàng, mờ chữ, nghiêng khi quét; tốc "
                    "độ nhận dạng ký tự có dấu tiếng Việt còn chậm.", R)]),
            ("p", [("3. Kiến nghị: bổ sung máy chủ xử lý, tập huấn cho cán bộ lưu trữ của các "
                    "xã, phường./.", R)]),
        ],
    ],
}

# --------------------------------------------------------------------------- archival files
# Each page: the document and its page index, where it goes, and how it is "scanned".
#   skew: degrees (CCW), blur: Gaussian radius in px, noise: sigma in gray levels,
#   speckle: number of dust specks, tint: paper colour for colour scans, seal: red stamp.

FILES = [
    {
        "file_code": "HN-TU.01.037.0001",
        "inventory": {
            "title": "Hồ sơ về việc thành lập và hoạt động của Ban Chỉ đạo 204 về số hóa tài "
                     "liệu lưu trữ của Đảng bộ thành phố năm 2025",
            "start_date": "2025-02-18", "end_date": "2025-03-24", "retention": "Vĩnh viễn",
            "shelf_metres": "0.012", "fonds": "HN-TU", "inventory": "01", "box": "037",
            "file_no": "0001"},
        "documents": [PARTY_QD, PARTY_TB, PARTY_CV],
        "sources": [
            {"name": "1.tif", "format": "tiff-g4", "colour": "bilevel", "dpi": 300,
             "frames": [{"doc": 0, "page": 0, "skew": 0.7, "speckle": 160}]},
            {"name": "2.tif", "format": "tiff-lzw", "colour": "gray", "dpi": 300,
             "frames": [{"doc": 0, "page": 1, "skew": -0.4, "blur": 0.8, "speckle": 40}]},
            {"name": "3.tif", "format": "tiff-lzw", "colour": "gray", "dpi": 300,
             "frames": [{"doc": 1, "page": 0, "skew": 0.0, "speckle": 20},
                        {"doc": 2, "page": 0, "skew": 1.0, "blur": 0.6, "speckle": 60}]},
        ],
    },
    {
        "file_code": "HN-UB.02.015.0042",
        "inventory": {
            "title": "Hồ sơ về Đề án số hóa tài liệu lưu trữ lịch sử của Thành phố giai đoạn "
                     "2025 - 2030",
            "start_date": "2025-03-05", "end_date": "2025-04-14", "retention": "Vĩnh viễn",
            "shelf_metres": "0.008", "fonds": "HN-UB", "inventory": "02", "box": "015",
            "file_no": "0042"},
        "documents": [STATE_QD, STATE_CV],
        "sources": [
            {"name": "1.png", "format": "png", "colour": "gray", "dpi": 200,
             "frames": [{"doc": 0, "page": 0, "skew": 0.3, "speckle": 60}]},
            {"name": "2.png", "format": "png", "colour": "gray", "dpi": 200,
             "frames": [{"doc": 0, "page": 1, "skew": 0.0}]},
            {"name": "3.jpg", "format": "jpeg", "colour": "rgb", "dpi": 300, "quality": 85,
             "frames": [{"doc": 1, "page": 0, "skew": 1.5, "blur": 0.7, "noise": 4.0,
                         "speckle": 80, "tint": (242, 233, 200)}]},
            {"name": "10.png", "format": "png", "colour": "gray", "dpi": 200,
             "frames": [{"doc": 1, "page": 1, "skew": -0.8, "blur": 0.5, "speckle": 30}]},
        ],
    },
    {
        "file_code": "HN-UB.02.015.0043",
        "inventory": {
            "title": "Hồ sơ về kế hoạch và kết quả số hóa tài liệu lưu trữ năm 2025",
            "start_date": "2025-01-20", "end_date": "2025-04-08", "retention": "70 năm",
            "shelf_metres": "0.005", "fonds": "HN-UB", "inventory": "02", "box": "015",
            "file_no": "0043"},
        "documents": [STATE_KH, STATE_BC],
        "sources": [
            {"name": "scan.pdf", "format": "pdf-jpeg", "dpi": 200, "quality": 80,
             "frames": [
                 {"doc": 0, "page": 0, "colour": "rgb", "skew": 0.5, "noise": 3.0,
                  "speckle": 30, "tint": (246, 241, 222)},
                 {"doc": 0, "page": 1, "colour": "rgb", "skew": -0.3, "noise": 3.0,
                  "tint": (246, 241, 222), "seal": True},
                 {"doc": 1, "page": 0, "colour": "gray", "skew": -1.2, "blur": 0.6,
                  "noise": 3.0, "speckle": 50},
             ]},
        ],
    },
]


# --------------------------------------------------------------------------- page canvas
class Page:
    """A white A4 page in gray; every word drawn is recorded with its ink box."""

    _fonts = {}

    def __init__(self, dpi):
        self.dpi = dpi
        self.w = round(A4_MM[0] / 25.4 * dpi)
        self.h = round(A4_MM[1] / 25.4 * dpi)
        self.im = Image.new("L", (self.w, self.h), 255)
        self.draw = ImageDraw.Draw(self.im)
        self.lines = []          # each line: list of (word, [l, t, r, b])
        self.signature = None    # (x, y, w, h) of the blank signature space, for the seal

    def mm(self, v):
        return round(v * self.dpi / 25.4)

    def font(self, style, pt):
        size = round(pt * self.dpi / 72)
        key = (style, size)
        if key not in Page._fonts:
            Page._fonts[key] = ImageFont.truetype(
                str(FONT_DIR / FONT_FILES[style]), size, layout_engine=ImageFont.Layout.BASIC)
        return Page._fonts[key]

    def put_words(self, x_positions, baseline, tokens):
        """Draw tokens [(word, font)] at integer x positions on one baseline; record the line."""
        line = []
        for x, (word, font) in zip(x_positions, tokens):
            self.draw.text((x, baseline), word, font=font, fill=0, anchor="ls")
            box = self.draw.textbbox((x, baseline), word, font=font, anchor="ls")
            line.append((word, list(box)))
        self.lines.append(line)

    @staticmethod
    def tokens(runs, page, pt):
        out = []
        for text, style in runs:
            font = page.font(style, pt)
            out += [(w, font) for w in nfc(text).split()]
        return out

    @staticmethod
    def natural_width(tokens):
        width = sum(f.getlength(w) for w, f in tokens)
        width += sum(f.getlength(" ") for _, f in tokens[:-1])
        return width

    def line_at(self, tokens, baseline, x=None, cx=None, right=None):
        """One line, left-aligned at x, centred on cx, or right-aligned at right."""
        width = self.natural_width(tokens)
        if cx is not None:
            x = cx - width / 2
        elif right is not None:
            x = right - width
        xs, pos = [], x
        for w, f in tokens:
            xs.append(round(pos))
            pos += f.getlength(w) + f.getlength(" ")
        self.put_words(xs, baseline, tokens)
        return width, x

    def paragraph(self, tokens, baseline, x0, x1, indent, leading):
        """Greedy, justified paragraph; returns the baseline after its last line."""
        first = True
        while tokens:
            start = x0 + (indent if first else 0)
            avail = x1 - start
            n = 1
            while n < len(tokens) and self.natural_width(tokens[:n + 1]) <= avail:
                n += 1
            line, tokens = tokens[:n], tokens[n:]
            extra = 0.0
            if tokens and n > 1:   # justify every line but the last
                extra = (avail - self.natural_width(line)) / (n - 1)
            xs, pos = [], start
            for w, f in line:
                xs.append(round(pos))
                pos += f.getlength(w) + f.getlength(" ") + extra
            self.put_words(xs, baseline, line)
            baseline += leading
            first = False
        return baseline

    def hline(self, cx, y, width, thickness=None):
        t = thickness or max(1, self.mm(0.25))
        self.draw.rectangle([round(cx - width / 2), y, round(cx + width / 2), y + t - 1], fill=0)

    def text(self):
        return "\n".join(" ".join(w for w, _ in line) for line in self.lines)


# --------------------------------------------------------------------------- layout
def date_line(doc):
    """'Hà Nội, ngày 18 tháng 02 năm 2025': day < 10 and months 1-2 get a leading zero."""
    y, m, d = (int(v) for v in doc["date"].split("-"))
    month = f"{m:02d}" if m < 3 else str(m)
    return f"{doc['place']}, ngày {d:02d} tháng {month} năm {y}"


def number_line(doc):
    if doc["system"] == "party":
        return f"Số {doc['number']}-{doc['symbol']}"
    return f"Số: {doc['number']}/{doc['symbol']}"


def draw_header(pg, doc):
    """Both header blocks, marks, type line and excerpt; returns the baseline for the body."""
    party = doc["system"] == "party"
    left_cx = pg.mm(MARGIN_L + 34)
    right_cx = pg.mm(150 if party else 148)
    top = pg.mm(MARGIN_T) + pg.mm(5)
    row = pg.mm(6.8)
    pt = 14 if party else 13

    # Left block: issuing body, number, "V/v" excerpt of a công văn.
    if party:
        left = [(doc["issuer_upper"], R, pt), (doc["issuer"], B, pt), ("*", R, pt)]
    else:
        left = [(t, s, pt) for t, s in doc["header_left"]]
    y = top
    for text, style, size in left:
        pg.line_at(Page.tokens([(text, style)], pg, size), y, cx=left_cx)
        y += row
    if not party:
        pg.hline(left_cx, y - row + pg.mm(3.0), pg.mm(22))
        y += pg.mm(2)
    number_y = y
    pg.line_at(Page.tokens([(number_line(doc), R)], pg, pt), y, cx=left_cx)
    y += row
    if doc["type_line"] is None:
        for text in doc["excerpt_lines"]:
            pg.line_at(Page.tokens([(text, I if party else R)], pg, 12), y, cx=left_cx)
            y += pg.mm(5.6)
    left_bottom = y

    return finish_header(pg, doc, party, left_cx, right_cx, top, row, pt, number_y, left_bottom)


def finish_header(pg, doc, party, left_cx, right_cx, top, row, pt, number_y, left_bottom):
    """The right block, the marks, the type line and the excerpt; returns the baseline for the body.

    Shared with make-evalset.py, whose left blocks differ but whose rest of the header must not.
    """
    # Right block: national (or Party) title, underline, italic date line.
    y = top
    if party:
        width, _ = pg.line_at(Page.tokens([("ĐẢNG CỘNG SẢN VIỆT NAM", B)], pg, 15), y,
                              cx=right_cx)
        pg.hline(right_cx, y + pg.mm(2.2), width)
        y += 2 * row
    else:
        pg.line_at(Page.tokens([("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", B)], pg, 12), y,
                   cx=right_cx)
        y += row
        width, _ = pg.line_at(Page.tokens([("Độc lập - Tự do - Hạnh phúc", B)], pg, 13.5), y,
                              cx=right_cx)
        pg.hline(right_cx, y + pg.mm(2.8), width)
        y = number_y
    pg.line_at(Page.tokens([(date_line(doc), I)], pg, pt), y, cx=right_cx)

    # Security and urgency marks: bold words in a stamped frame under the number.
    y = left_bottom + pg.mm(3)
    for mark in (doc["security"], doc["urgency"]):
        if mark:
            toks = Page.tokens([(mark, B)], pg, 15)
            pg.line_at(toks, y, cx=left_cx)
            l, t, r, b = pg.lines[-1][0][1]
            pad = pg.mm(2.5)
            pg.draw.rectangle([l - 2 * pad, t - pad, r + 2 * pad, b + pad], outline=0,
                              width=max(2, pg.mm(0.4)))
            y += pg.mm(11)
    y = max(y, left_bottom) + pg.mm(3)

    # Type line and excerpt, centred on the text column.
    text_cx = pg.mm((MARGIN_L + A4_MM[0] - MARGIN_R) / 2)
    if doc["type_line"]:
        y += pg.mm(2)
        pg.line_at(Page.tokens([(doc["type_line"], B)], pg, 15), y, cx=text_cx)
        y += pg.mm(7)
        for text in doc["excerpt_lines"]:
            pg.line_at(Page.tokens([(text, B)], pg, 14), y, cx=text_cx)
            y += pg.mm(6.3)
        if party:
            pg.line_at(Page.tokens([("-----", R)], pg, 14), y, cx=text_cx)
            y += pg.mm(9)
        else:
            pg.hline(text_cx, y - pg.mm(6.3) + pg.mm(3.2), pg.mm(40))
            y += pg.mm(5)
    else:
        y += pg.mm(4)
    return y


def draw_body(pg, doc, items, y):
    party = doc["system"] == "party"
    pt = 14 if party else 13
    leading = pg.mm(pt * 0.353 * 1.38)
    x0, x1 = pg.mm(MARGIN_L), pg.w - pg.mm(MARGIN_R)
    text_cx = (x0 + x1) / 2
    for kind, content in items:
        if kind == "gap":
            y += pg.mm(content)
        elif kind in ("p", "pn"):
            indent = pg.mm(12.7) if kind == "p" else 0
            y = pg.paragraph(Page.tokens(content, pg, pt), y, x0, x1, indent, leading)
            y += pg.mm(1.6)
        elif kind == "c":
            pg.line_at(Page.tokens(content, pg, pt), y, cx=text_cx)
            y += leading
        elif kind == "h":
            y += pg.mm(1.5)
            pg.line_at(Page.tokens(content, pg, pt), y, x=x0)
            y += leading
        elif kind == "to":
            label = Page.tokens([("Kính gửi:", R)], pg, pt)
            lx = x0 + pg.mm(28)
            width, _ = pg.line_at(label + Page.tokens([(content[0], R)], pg, pt), y, x=lx)
            indent_x = lx + round(Page.natural_width(label) + label[-1][1].getlength(" "))
            for text in content[1:]:
                y += leading
                pg.line_at(Page.tokens([(text, R)], pg, pt), y, x=indent_x)
            y += leading + pg.mm(2)
        else:
            raise ValueError(kind)
    return y


def draw_signature(pg, doc, y, rng):
    """'Nơi nhận' list at the left, signature block at the right (drawn in that order)."""
    party = doc["system"] == "party"
    pt = 14 if party else 13
    y += pg.mm(4)
    x0 = pg.mm(MARGIN_L)
    sig_cx = pg.mm(150)
    ly = y
    label = Page.tokens([("Nơi nhận:", "bi")], pg, 12)
    width, _ = pg.line_at(label, ly, x=x0)
    if party:   # Party style underlines "Nơi nhận:"
        pg.hline(x0 + width / 2, ly + pg.mm(1.2), width)
        ly += pg.mm(1.2)
    for text in doc["recipients"]:
        ly += pg.mm(4.8)
        pg.line_at(Page.tokens([(text, R)], pg, 11), ly, x=x0)

    sy = y
    for text in doc["authority"] + [doc["signer_position"]]:
        pg.line_at(Page.tokens([(text, B)], pg, pt), sy, cx=sig_cx)
        sy += pg.mm(6)
    blank = pg.mm(30)
    pg.signature = (sig_cx, sy, blank)
    draw_scribble(pg, sig_cx, sy + blank // 2 - pg.mm(3), rng)
    sy += blank
    pg.line_at(Page.tokens([(doc["signer"], B)], pg, pt), sy, cx=sig_cx)
    return max(ly, sy)


def draw_scribble(pg, cx, cy, rng):
    """A hand signature: a smooth random curve (not text, so not in the ground truth)."""
    pts = []
    n = 60
    width = pg.mm(32)
    phase = rng.uniform(0, math.pi)
    for i in range(n):
        t = i / (n - 1)
        x = cx - width / 2 + t * width
        y = cy + pg.mm(4) * math.sin(t * 9 + phase) * (1 - t * 0.6) - pg.mm(3) * t
        pts.append((x, y))
    pg.draw.line(pts, fill=40, width=max(2, pg.mm(0.4)), joint="curve")
    pg.draw.line([(cx - width / 3, cy + pg.mm(5)), (cx + width / 2, cy + pg.mm(1))],
                 fill=40, width=max(2, pg.mm(0.3)))


def render_page(doc, page_index, dpi, rng):
    pg = Page(dpi)
    pages = doc["pages"]
    if page_index == 0:
        y = draw_header(pg, doc)
    else:
        pt = 14 if doc["system"] == "party" else 13
        pg.line_at(Page.tokens([(str(page_index + 1), R)], pg, pt), pg.mm(14), cx=pg.w / 2)
        y = pg.mm(MARGIN_T + 8)
    y = draw_body(pg, doc, pages[page_index], y)
    if page_index == len(pages) - 1:
        y = draw_signature(pg, doc, y, rng)
    assert y < pg.h - pg.mm(MARGIN_B), f"{doc['number']} page {page_index + 1} overflows"
    return pg


# --------------------------------------------------------------------------- scanner effects
def gaussian_noise(size, sigma, rng):
    """Seeded noise image centred on 128 (randbytes mapped through an inverse normal CDF)."""
    dist = statistics.NormalDist(128, sigma)
    lut = [max(0, min(255, round(dist.inv_cdf((u + 0.5) / 256)))) for u in range(256)]
    return Image.frombytes("L", size, rng.randbytes(size[0] * size[1])).point(lut)


def rotate_box(box, angle, w, h):
    """Axis-aligned bounds of a box after PIL's rotate(angle) about the image centre."""
    a = math.radians(angle)
    c, s = math.cos(a), math.sin(a)
    cx, cy = w / 2, h / 2
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
        dx, dy = x - cx, y - cy
        xs.append(cx + dx * c + dy * s)
        ys.append(cy - dx * s + dy * c)
    return [max(0, math.floor(min(xs))), max(0, math.floor(min(ys))),
            min(w, math.ceil(max(xs))), min(h, math.ceil(max(ys)))]


def add_speckle(im, count, rng, dpi, ink):
    draw = ImageDraw.Draw(im)
    for _ in range(count):
        x, y = rng.randrange(im.width), rng.randrange(im.height)
        r = rng.uniform(0.5, 2.2) * dpi / 300
        draw.ellipse([x - r, y - r, x + r, y + r], fill=ink)


def add_seal(im, pg, rng):
    """A red round seal (con dấu) in the signature space, multiplied like ink."""
    cx, top, blank = pg.signature
    r = blank // 2 - pg.mm(4)
    cx, cy = cx - pg.mm(16), top + blank // 2
    layer = Image.new("RGB", im.size, (255, 255, 255))
    d = ImageDraw.Draw(layer)
    red = (214, 74, 70)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=pg.mm(0.8))
    r2 = r - pg.mm(5)
    d.ellipse([cx - r2, cy - r2, cx + r2, cy + r2], outline=red, width=pg.mm(0.4))
    star = []
    for k in range(10):
        rad = pg.mm(5) if k % 2 == 0 else pg.mm(2)
        ang = -math.pi / 2 + k * math.pi / 5 + rng.uniform(-0.02, 0.02)
        star.append((cx + rad * math.cos(ang), cy + rad * math.sin(ang)))
    d.polygon(star, fill=red)
    return ImageChops.multiply(im, layer)


def scan(pg, spec, colour, rng):
    """Turn the clean rendering into a scanner image; returns (image, words, skew)."""
    im = pg.im
    skew = spec.get("skew", 0.0)
    if colour == "bilevel":
        im = im.rotate(skew, resample=Image.BICUBIC, fillcolor=255) if skew else im
        add_speckle(im, spec.get("speckle", 0), rng, pg.dpi, 0)
        im = im.point(lambda v: 255 if v >= 150 else 0).convert("1", dither=Image.Dither.NONE)
    else:
        ink, paper = 28, 247
        im = im.point(lambda v: ink + (paper - ink) * v // 255)
        if spec.get("blur"):
            im = im.filter(ImageFilter.GaussianBlur(spec["blur"]))
        if colour == "rgb":
            tint = spec.get("tint", (paper,) * 3)
            im = ImageOps.colorize(im, black=(30, 28, 34), white=tint, blackpoint=ink,
                                   whitepoint=paper)
            if spec.get("seal"):
                im = add_seal(im, pg, rng)
            fill = tint
        else:
            fill = paper
        if skew:
            im = im.rotate(skew, resample=Image.BICUBIC, fillcolor=fill)
        if spec.get("noise"):
            planes = im.split()
            planes = [ImageChops.add(p, gaussian_noise(im.size, spec["noise"], rng), 1, -128)
                      for p in planes]
            im = planes[0] if len(planes) == 1 else Image.merge("RGB", planes)
        if colour == "rgb":
            # Uneven illumination: a very smooth, faint shading over the whole sheet.
            shade = Image.frombytes("L", (6, 8), bytes(rng.randrange(249, 256) for _ in range(48)))
            shade = shade.resize(im.size, Image.BICUBIC)
            im = ImageChops.multiply(im, Image.merge("RGB", [shade] * 3))
        add_speckle(im, spec.get("speckle", 0), rng, pg.dpi, (60, 60, 60) if colour == "rgb" else 60)
    words = []
    for i, line in enumerate(pg.lines):
        for word, box in line:
            if skew:
                box = rotate_box(box, skew, pg.w, pg.h)
            words.append({"text": word, "line": i, "box": box})
    return im, words, skew


# --------------------------------------------------------------------------- writers
def save_source(path, images, src):
    dpi = (src["dpi"], src["dpi"])
    fmt = src["format"]
    if fmt == "tiff-g4":
        images[0].save(path, "TIFF", compression="group4", dpi=dpi)
    elif fmt == "tiff-lzw":
        images[0].save(path, "TIFF", compression="tiff_lzw", dpi=dpi, save_all=True,
                       append_images=images[1:])
    elif fmt == "png":
        images[0].save(path, "PNG", dpi=dpi, optimize=True)
    elif fmt == "jpeg":
        images[0].save(path, "JPEG", dpi=dpi, quality=src["quality"], optimize=True)
    elif fmt == "pdf-jpeg":
        # Pillow writes each page as a DCTDecode (JPEG) image; pin the dates so the file
        # is reproducible, and say honestly who made it.
        buf = io.BytesIO()
        images[0].save(buf, "PDF", save_all=True, append_images=images[1:],
                       resolution=float(src["dpi"]), dpi=dpi, quality=src["quality"],
                       title=path.stem, creator="make-samplescans.py (synthetic scan)",
                       producer="make-samplescans.py", creationDate=SCAN_DATE,
                       modDate=SCAN_DATE)
        path.write_bytes(buf.getvalue())
    else:
        raise ValueError(fmt)


def natural_key(name):
    stem, _, ext = name.partition(".")
    return (int(stem), ext) if stem.isdigit() else (math.inf, name)


def document_truth(doc, ordinal, first_page, last_page, file_code):
    excerpt = " ".join(doc["excerpt_lines"])
    if excerpt.startswith("V/v "):
        excerpt = excerpt[4:]
    header = ([doc["issuer_upper"], doc["issuer"]] if doc["system"] == "party"
              else [t for t, _ in doc["header_left"]])
    return {
        "ordinal": ordinal,
        "doc_code": f"{file_code}.{ordinal:03d}",
        "first_page": first_page,
        "last_page": last_page,
        "system": doc["system"],
        "doc_type": doc["doc_type"],
        "number": doc["number"],
        "symbol": doc["symbol"],
        "number_line": number_line(doc),
        "date": doc["date"],
        "date_line": date_line(doc),
        "place": doc["place"],
        "issuer_upper": doc["issuer_upper"],
        "issuer": doc["issuer"],
        "issuer_header_lines": header,
        "excerpt": excerpt,
        "signer": doc["signer"],
        "signer_position": doc["signer_position"],
        "authority": "\n".join(doc["authority"]),
        "security": doc["security"],
        "urgency": doc["urgency"],
    }


def build_file(spec):
    code = spec["file_code"]
    folder = OUT / code
    folder.mkdir(parents=True)
    pages, placed = [], []          # placed: (natural key, frame index, page truth, doc ref)
    for src in spec["sources"]:
        images = []
        for frame_no, fr in enumerate(src["frames"]):
            rng = random.Random(f"{code}/{src['name']}/{frame_no}")
            doc = spec["documents"][fr["doc"]]
            colour = fr.get("colour", src.get("colour"))
            pg = render_page(doc, fr["page"], src["dpi"], rng)
            im, words, skew = scan(pg, fr, colour, rng)
            if src["format"] == "pdf-jpeg" and colour == "gray":
                im = im.convert("L")
            images.append(im)
            truth = {
                "source": f"{code}/{src['name']}", "frame": frame_no, "page": None,
                "dpi": src["dpi"], "width_px": im.width, "height_px": im.height,
                "format": src["format"], "colour": colour, "skew_degrees": skew,
                "text": pg.text(), "words": words,
            }
            placed.append(((natural_key(src["name"]), frame_no), truth, (fr["doc"], fr["page"])))
        save_source(folder / src["name"], images, src)
    placed.sort(key=lambda p: p[0])
    doc_pages = {}
    for number, (_, truth, (d, _p)) in enumerate(placed, start=1):
        truth["page"] = number
        pages.append(truth)
        doc_pages.setdefault(d, []).append(number)
    documents = []
    for d, doc in enumerate(spec["documents"]):
        nums = doc_pages[d]
        assert nums == list(range(nums[0], nums[0] + len(doc["pages"]))), (code, d, nums)
        documents.append(document_truth(doc, d + 1, nums[0], nums[-1], code))
    return {"file_code": code, "pages": pages, "documents": documents}


def write_inventory(path):
    cols = ["file_code", "title", "start_date", "end_date", "retention", "shelf_metres",
            "fonds", "inventory", "box", "file_no"]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for spec in FILES:
            row = dict(spec["inventory"], file_code=spec["file_code"])
            w.writerow([nfc(row[c]) for c in cols])


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    files = [build_file(spec) for spec in FILES]
    truth = {
        "generator": "scripts/make-samplescans.py",
        "conventions": {
            "box": "[left, top, right, bottom] in pixels of the stored image, right/bottom "
                   "exclusive; axis-aligned bounds after rotation",
            "skew_degrees": "rotation applied to the content, positive = counter-clockwise",
            "text": "lines in reading order: left header block, right header block, then top "
                    "to bottom; side-by-side blocks left before right",
            "page": "1-based page in the archival file in natural order of file names "
                    "(1, 2, 3, 10), frames in order within a file",
        },
        "files": files,
    }
    (OUT / "ground-truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_inventory(OUT / "inventory.csv")
    for spec, f in zip(FILES, files):
        print(f"{spec['file_code']}: {len(f['pages'])} pages, {len(f['documents'])} documents")


if __name__ == "__main__":
    main()
