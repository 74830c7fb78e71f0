#!/usr/bin/python3
"""Generate Tests/Fixtures/EvalSet/: a labelled evaluation set for document splitting and metadata.

Run from anywhere (paths are relative to this file), with Debian's Python (it has Pillow):

    /usr/bin/python3 scripts/make-evalset.py

Why: SampleScans/ holds seven documents, too few to measure how often the metadata extractor
(Sources/ArchiveDigitizer/Metadata/) is right. This script draws 30 more documents with the page
canvas, body, signature and scanner effects of scripts/make-samplescans.py (imported, not copied),
varying what the extractor must cope with:

  * Party (Hướng dẫn 36-HD/VPTW) and state (Nghị định 30/2020/NĐ-CP) layouts; left header blocks of
    one, two and three lines (a superior body, a name wrapped over two lines); `Số` and `Số:`;
  * the thirteen document types of the mission digest, công văn with a `V/v` excerpt;
  * issuers, places, dates (1996-2025), numbers, signers, authority prefixes (T/M, K/T, T/L, TM.,
    KT., TL., TUQ. and none), security and urgency marks;
  * one to three pages per document, several documents per archival file; continuation pages
    numbered at the top, some starting with lines that look like header parts ("QUYẾT ĐỊNH:",
    a body paragraph citing "số 56/KH-UBND ngày ...");
  * Noto Serif or DejaVu Serif; skew up to 1.5°, blur, dust, light noise.

Pages are 200 dpi, 8-bit gray PNG with the gray levels reduced to 8 (keeps the set near 5 MB).

Output (Tests/Fixtures/EvalSet/):
    <file code>/<n>.png     pages of one archival file, n = 1, 2, ... in file order
    labels.json             per file: its pages (which document, which page of it) and per
                            document the expected fields, in the form of SampleScans'
                            ground-truth.json "documents" (document_truth of make-samplescans.py)

The output is byte-for-byte reproducible: every random choice comes from random.Random seeded with
a fixed string.
"""

import importlib.util
import json
import random
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("make_samplescans", HERE / "make-samplescans.py")
ms = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ms)

OUT = HERE.parent / "Tests" / "Fixtures" / "EvalSet"
DPI = 200
R, B, I = "r", "b", "i"

FONTS = {
    "noto": (Path("/usr/share/fonts/truetype/noto"), dict(ms.FONT_FILES)),
    "dejavu": (Path("/usr/share/fonts/truetype/dejavu"), {
        "r": "DejaVuSerif.ttf", "b": "DejaVuSerif-Bold.ttf",
        "i": "DejaVuSerif-Italic.ttf", "bi": "DejaVuSerif-BoldItalic.ttf"}),
    "liberation": (Path("/usr/share/fonts/truetype/liberation2"), {
        "r": "LiberationSerif-Regular.ttf", "b": "LiberationSerif-Bold.ttf",
        "i": "LiberationSerif-Italic.ttf", "bi": "LiberationSerif-BoldItalic.ttf"}),
    # Fixed pitch, as typewritten records are; only in fresh parts asked for with --font mono.
    "mono": (Path("/usr/share/fonts/truetype/liberation2"), {
        "r": "LiberationMono-Regular.ttf", "b": "LiberationMono-Bold.ttf",
        "i": "LiberationMono-Italic.ttf", "bi": "LiberationMono-BoldItalic.ttf"}),
}

# --------------------------------------------------------------------------- vocabularies
TYPES = {   # name: (type line, abbreviation)
    "Nghị quyết": ("NGHỊ QUYẾT", "NQ"), "Quyết định": ("QUYẾT ĐỊNH", "QĐ"),
    "Chỉ thị": ("CHỈ THỊ", "CT"), "Kết luận": ("KẾT LUẬN", "KL"),
    "Quy định": ("QUY ĐỊNH", "QĐi"), "Quy chế": ("QUY CHẾ", "QC"),
    "Hướng dẫn": ("HƯỚNG DẪN", "HD"), "Thông báo": ("THÔNG BÁO", "TB"),
    "Báo cáo": ("BÁO CÁO", "BC"), "Kế hoạch": ("KẾ HOẠCH", "KH"),
    "Chương trình": ("CHƯƠNG TRÌNH", "CTr"), "Tờ trình": ("TỜ TRÌNH", "TTr"),
    "Công văn": (None, "CV"),
    "Thông tri": ("THÔNG TRI", "TT"), "Thông cáo": ("THÔNG CÁO", "TC"),
    "Đề án": ("ĐỀ ÁN", "ĐA"), "Phương án": ("PHƯƠNG ÁN", "PA"), "Dự án": ("DỰ ÁN", "DA"),
    "Biên bản": ("BIÊN BẢN", "BB"), "Công điện": ("CÔNG ĐIỆN", "CĐ"),
    "Hợp đồng": ("HỢP ĐỒNG", "HĐ"), "Bản ghi nhớ": ("BẢN GHI NHỚ", "GN"),
    "Bản thỏa thuận": ("BẢN THỎA THUẬN", "TTh"), "Giấy ủy quyền": ("GIẤY ỦY QUYỀN", "GUQ"),
    "Giấy mời": ("GIẤY MỜI", "GM"), "Giấy giới thiệu": ("GIẤY GIỚI THIỆU", "GGT"),
    "Giấy nghỉ phép": ("GIẤY NGHỈ PHÉP", "NP"), "Phiếu gửi": ("PHIẾU GỬI", "PG"),
    "Phiếu chuyển": ("PHIẾU CHUYỂN", "PC"), "Phiếu báo": ("PHIẾU BÁO", "PB"),
}
STATE_ABBREVIATION = {"Quy định": "QyĐ", "Chương trình": "CTr"}   # NĐ 30, Phụ lục III
# The types each system's standard lists (HD 36-HD/VPTW; NĐ 30/2020/NĐ-CP, Phụ lục III).
PARTY_TYPES = ["Nghị quyết", "Quyết định", "Chỉ thị", "Kết luận", "Quy chế", "Quy định", "Thông tri",
               "Hướng dẫn", "Kế hoạch", "Chương trình", "Thông báo", "Thông cáo", "Báo cáo", "Tờ trình",
               "Đề án", "Phương án", "Biên bản", "Công văn", "Giấy mời", "Giấy giới thiệu"]
STATE_TYPES = ["Nghị quyết", "Quyết định", "Chỉ thị", "Quy chế", "Quy định", "Thông cáo", "Thông báo",
               "Hướng dẫn", "Chương trình", "Kế hoạch", "Phương án", "Đề án", "Dự án", "Báo cáo",
               "Biên bản", "Tờ trình", "Hợp đồng", "Công văn", "Công điện", "Bản ghi nhớ", "Bản thỏa thuận",
               "Giấy ủy quyền", "Giấy mời", "Giấy giới thiệu", "Giấy nghỉ phép", "Phiếu gửi", "Phiếu chuyển",
               "Phiếu báo"]
# Common types come back more often than the rare ones once every type has had its turn.
COMMON_TYPES = ["Quyết định", "Công văn", "Công văn", "Kế hoạch", "Báo cáo", "Thông báo", "Nghị quyết",
                "Tờ trình", "Hướng dẫn", "Chỉ thị"]

PARTY_ISSUERS = [
    # left header lines, issuer_upper, issuer, symbol suffix, place, signature choices
    {"left": ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "THÀNH ỦY"], "upper": "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
     "issuer": "THÀNH ỦY", "suffix": "TU", "place": "Hà Nội",
     "signatures": [(["T/M BAN THƯỜNG VỤ"], "PHÓ BÍ THƯ THƯỜNG TRỰC"),
                    (["T/M BAN THƯỜNG VỤ"], "BÍ THƯ"),
                    (["T/L BAN THƯỜNG VỤ"], "CHÁNH VĂN PHÒNG")]},
    {"left": ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "BAN TỔ CHỨC THÀNH ỦY"],
     "upper": "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "issuer": "BAN TỔ CHỨC THÀNH ỦY", "suffix": "BTCTU",
     "place": "Hà Nội",
     "signatures": [(["K/T TRƯỞNG BAN"], "PHÓ TRƯỞNG BAN"), ([], "TRƯỞNG BAN")]},
    {"left": ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY HOÀN KIẾM"],
     "upper": "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "issuer": "QUẬN ỦY HOÀN KIẾM", "suffix": "QU",
     "place": "Hoàn Kiếm",
     "signatures": [(["T/M BAN THƯỜNG VỤ"], "BÍ THƯ"), (["T/M BAN THƯỜNG VỤ"], "PHÓ BÍ THƯ")]},
    {"left": ["ĐẢNG BỘ TỈNH BẮC NINH", "TỈNH ỦY"], "upper": "ĐẢNG BỘ TỈNH BẮC NINH",
     "issuer": "TỈNH ỦY", "suffix": "TU", "place": "Bắc Ninh",
     "signatures": [(["T/M BAN THƯỜNG VỤ"], "PHÓ BÍ THƯ"), (["T/L BAN THƯỜNG VỤ"], "CHÁNH VĂN PHÒNG")]},
    {"left": ["ĐẢNG BỘ QUẬN ĐỐNG ĐA", "ĐẢNG ỦY PHƯỜNG VĂN MIẾU"], "upper": "ĐẢNG BỘ QUẬN ĐỐNG ĐA",
     "issuer": "ĐẢNG ỦY PHƯỜNG VĂN MIẾU", "suffix": "ĐU", "place": "Đống Đa",
     "signatures": [(["T/M ĐẢNG ỦY"], "BÍ THƯ")]},
    {"left": ["BAN CHẤP HÀNH TRUNG ƯƠNG"], "upper": None, "issuer": "BAN CHẤP HÀNH TRUNG ƯƠNG",
     "suffix": "TW", "place": "Hà Nội",
     "signatures": [(["T/M BỘ CHÍNH TRỊ"], "TỔNG BÍ THƯ"), (["T/M BAN BÍ THƯ"], "THƯỜNG TRỰC")]},
    {"left": ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ỦY BAN KIỂM TRA THÀNH ỦY"],
     "upper": "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "issuer": "ỦY BAN KIỂM TRA THÀNH ỦY", "suffix": "UBKTTU",
     "place": "Hà Nội",
     "signatures": [(["T/M ỦY BAN KIỂM TRA"], "CHỦ NHIỆM"), (["T/M ỦY BAN KIỂM TRA"], "PHÓ CHỦ NHIỆM")]},
    {"left": ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN"],
     "upper": "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "issuer": "ĐẢNG ỦY KHỐI CÁC CƠ QUAN", "suffix": "ĐUK",
     "place": "Hà Nội",
     "signatures": [(["T/M BAN THƯỜNG VỤ"], "BÍ THƯ"), (["T/M BAN THƯỜNG VỤ"], "PHÓ BÍ THƯ")]},
    {"left": ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "BAN TUYÊN GIÁO THÀNH ỦY"],
     "upper": "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "issuer": "BAN TUYÊN GIÁO THÀNH ỦY", "suffix": "BTGTU",
     "place": "Hà Nội",
     "signatures": [(["K/T TRƯỞNG BAN"], "PHÓ TRƯỞNG BAN"), ([], "TRƯỞNG BAN")]},
]

STATE_ISSUERS = [
    {"left": ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"], "upper": None,
     "issuer": "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "suffix": "UBND", "unit": "VP", "place": "Hà Nội",
     "signatures": [(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH"),
                    (["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH"), (["KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH")]},
    {"left": ["UBND THÀNH PHỐ HÀ NỘI", "SỞ NỘI VỤ"], "upper": "UBND THÀNH PHỐ HÀ NỘI",
     "issuer": "SỞ NỘI VỤ", "suffix": "SNV", "unit": "CCVTLT", "place": "Hà Nội",
     "signatures": [(["KT. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC"), ([], "GIÁM ĐỐC")]},
    {"left": ["UBND THÀNH PHỐ HÀ NỘI", "SỞ TÀI CHÍNH"], "upper": "UBND THÀNH PHỐ HÀ NỘI",
     "issuer": "SỞ TÀI CHÍNH", "suffix": "STC", "unit": "NS", "place": "Hà Nội",
     "signatures": [(["KT. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC"), (["TL. GIÁM ĐỐC"], "CHÁNH VĂN PHÒNG")]},
    {"left": ["ỦY BAN NHÂN DÂN", "QUẬN HOÀN KIẾM"], "upper": None,
     "issuer": "ỦY BAN NHÂN DÂN QUẬN HOÀN KIẾM", "suffix": "UBND", "unit": "NV",
     "place": "Hoàn Kiếm",
     "signatures": [(["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH"), (["KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH")]},
    {"left": ["ỦY BAN NHÂN DÂN", "PHƯỜNG CỬA NAM"], "upper": None,
     "issuer": "ỦY BAN NHÂN DÂN PHƯỜNG CỬA NAM", "suffix": "UBND", "unit": "VP", "place": "Cửa Nam",
     "signatures": [(["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH")]},
    {"left": ["BỘ NỘI VỤ"], "upper": None, "issuer": "BỘ NỘI VỤ", "suffix": "BNV", "unit": "VTLT",
     "place": "Hà Nội",
     "signatures": [(["KT. BỘ TRƯỞNG"], "THỨ TRƯỞNG"), ([], "BỘ TRƯỞNG")]},
    {"left": ["BỘ NỘI VỤ", "CỤC VĂN THƯ VÀ LƯU TRỮ", "NHÀ NƯỚC"], "upper": "BỘ NỘI VỤ",
     "issuer": "CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC", "suffix": "VTLTNN", "unit": "NVTW",
     "place": "Hà Nội",
     "signatures": [(["KT. CỤC TRƯỞNG"], "PHÓ CỤC TRƯỞNG"), (["TUQ. BỘ TRƯỞNG"], "CỤC TRƯỞNG")]},
    {"left": ["UBND TỈNH BẮC NINH", "SỞ NỘI VỤ"], "upper": "UBND TỈNH BẮC NINH",
     "issuer": "SỞ NỘI VỤ", "suffix": "SNV", "unit": "VP", "place": "Bắc Ninh",
     "signatures": [(["KT. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC")]},
    {"left": ["HỘI ĐỒNG NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"], "upper": None,
     "issuer": "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI", "suffix": "HĐND", "unit": "VP",
     "place": "Hà Nội",
     "signatures": [(["TM. HỘI ĐỒNG NHÂN DÂN"], "CHỦ TỊCH")]},
    {"left": ["UBND THÀNH PHỐ HÀ NỘI", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"], "upper": "UBND THÀNH PHỐ HÀ NỘI",
     "issuer": "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "suffix": "SGDĐT", "unit": "VP", "place": "Hà Nội",
     "signatures": [(["KT. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC"), ([], "GIÁM ĐỐC")]},
    {"left": ["UBND THÀNH PHỐ HÀ NỘI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"], "upper": "UBND THÀNH PHỐ HÀ NỘI",
     "issuer": "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "suffix": "SKHCN", "unit": "QLKH", "place": "Hà Nội",
     "signatures": [(["KT. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC")]},
]

SIGNERS = [
    "Nguyễn Văn Phong", "Trần Thị Hương", "Lê Đức Thắng", "Phạm Quốc Khánh", "Đỗ Minh Tuấn",
    "Vũ Thu Hà", "Hoàng Anh Dũng", "Bùi Thị Ngọc Lan", "Đặng Xuân Trường", "Ngô Quang Huy",
    "Dương Thị Thúy", "Trịnh Văn Lộc", "Lương Thế Vinh", "Phan Thanh Bình", "Võ Thị Kim Oanh",
    "Đinh Tiến Dũng", "Hồ Sỹ Hùng", "Tạ Quang Bửu", "Mai Thị Hạnh", "Chu Văn An",
    "Lý Thị Mỹ Dung", "Kiều Minh Khôi", "Cao Thị Nguyệt", "Đoàn Hữu Nghĩa", "Nguyễn Thị Ánh Tuyết",
    "Trương Công Định", "Quách Văn Thịnh", "Lã Thị Huyền", "Hà Minh Đức", "Đào Duy Từ",
]

TOPICS = [
    "số hóa tài liệu lưu trữ năm {year}",
    "công tác văn thư, lưu trữ của các cơ quan, đơn vị",
    "chuyển đổi số trong các cơ quan đảng",
    "kiện toàn Ban Chỉ đạo số hóa tài liệu",
    "chỉnh lý tài liệu tồn đọng giai đoạn {year} - {year5}",
    "bảo vệ bí mật nhà nước trong công tác lưu trữ",
    "xây dựng cơ sở dữ liệu tài liệu lưu trữ điện tử",
    "tiếp nhận hồ sơ, tài liệu của các xã, phường sau sắp xếp",
    "phòng, chống lãng phí trong quản lý tài sản công",
    "tổ chức Hội nghị tổng kết công tác năm {year}",
    "nâng cao chất lượng sinh hoạt chi bộ",
    "thực hiện quy chế dân chủ ở cơ sở",
    "bảo quản tài liệu lưu trữ có giá trị vĩnh viễn",
    "triển khai phần mềm quản lý văn bản và điều hành",
    "đẩy mạnh chuyển đổi số trong hoạt động của chi ủy, chi bộ",
    "kiện toàn tổ chức bộ máy của các chi bộ trực thuộc",
    "sắp xếp đơn vị hành chính cấp xã năm {year}",
    "công tác thi đua, khen thưởng năm {year}",
]

LEADS = {   # how the excerpt (trích yếu) opens, by type
    "Quyết định": ["về việc ban hành Quy chế {t}", "về việc thành lập Tổ công tác {t}",
                   "về việc phê duyệt Đề án {t}"],
    "Nghị quyết": ["về {t}"], "Chỉ thị": ["về tăng cường {t}"], "Kết luận": ["về {t}"],
    "Quy định": ["về {t}"], "Quy chế": ["làm việc của Ban Chỉ đạo {t}"],
    "Hướng dẫn": ["thực hiện {t}"], "Thông báo": ["kết luận của Thường trực về {t}"],
    "Báo cáo": ["kết quả {t}"], "Kế hoạch": ["thực hiện {t}"], "Chương trình": ["công tác {t}"],
    "Tờ trình": ["đề nghị phê duyệt Đề án {t}"], "Công văn": ["V/v {t}"],
    "Thông tri": ["về {t}"], "Thông cáo": ["về {t}"], "Đề án": ["{t}"], "Phương án": ["{t}"],
    "Dự án": ["{t}"], "Biên bản": ["họp Ban Chỉ đạo về {t}"], "Công điện": ["về {t}"],
    "Hợp đồng": ["thực hiện {t}"], "Bản ghi nhớ": ["hợp tác về {t}"],
    "Bản thỏa thuận": ["phối hợp {t}"], "Giấy ủy quyền": ["thực hiện {t}"],
    "Giấy mời": ["dự Hội nghị về {t}"], "Giấy giới thiệu": ["liên hệ công tác về {t}"],
    "Giấy nghỉ phép": ["đối với cán bộ tham gia {t}"], "Phiếu gửi": ["tài liệu về {t}"],
    "Phiếu chuyển": ["hồ sơ về {t}"], "Phiếu báo": ["về {t}"],
}

SENTENCES = [
    "Các cơ quan, đơn vị quán triệt đầy đủ nội dung văn bản này đến cán bộ, công chức, viên chức.",
    "Việc số hóa phải bảo đảm đúng quy trình, tiêu chuẩn kỹ thuật và an toàn thông tin.",
    "Tài liệu sau số hóa được kiểm tra, ký số và quản lý tập trung trên hệ thống dùng chung.",
    "Định kỳ hằng quý báo cáo tiến độ theo số mét giá, số hồ sơ và số trang đã hoàn thành.",
    "Bố trí đủ nhân lực, trang thiết bị và kinh phí để thực hiện nhiệm vụ được giao.",
    "Không sao chép, chuyển tài liệu ra ngoài hệ thống khi chưa được cấp có thẩm quyền cho phép.",
    "Người đứng đầu cơ quan, đơn vị chịu trách nhiệm trước cấp trên về kết quả thực hiện.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời báo cáo để xem xét, giải quyết.",
    "Văn phòng chủ trì, phối hợp với các ban, sở, ngành theo dõi, đôn đốc việc triển khai.",
    "Kinh phí thực hiện được bố trí trong dự toán ngân sách hằng năm theo phân cấp hiện hành.",
    "Lập mục lục hồ sơ, thống kê khối lượng tài liệu và bàn giao theo đúng thời hạn quy định.",
    "Tăng cường kiểm tra, giám sát việc chấp hành các quy định về bảo vệ bí mật nhà nước.",
    "Kết quả thực hiện là tiêu chí đánh giá, xếp loại tổ chức đảng và đảng viên hằng năm.",
    "Giao Sở Nội vụ hướng dẫn nghiệp vụ, tập huấn cho cán bộ làm công tác lưu trữ ở cơ sở.",
    "Các xã, phường khẩn trương rà soát, chỉnh lý tài liệu tồn đọng trước khi số hóa.",
    "Cơ sở dữ liệu tài liệu lưu trữ được kết nối, chia sẻ với cơ sở dữ liệu quốc gia.",
]

RECIPIENTS = {
    "party": ["- Như trên,", "- Thường trực Thành ủy,", "- Các ban đảng Thành ủy,",
              "- Lưu Văn phòng."],
    "state": ["- Như trên;", "- Bộ Nội vụ;", "- Thường trực Thành ủy;", "- Lưu: VT."],
}


# --------------------------------------------------------------------------- documents
def wrap(text, width):
    """Greedy word wrap into lines of at most `width` characters."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line]


def make_document(index, rng):
    """Document `index` of a part: even indexes Party, odd state; the first ones of each system
    go through every type its standard lists, then common types come back more often."""
    system = "party" if index % 2 == 0 else "state"
    issuers = PARTY_ISSUERS if system == "party" else STATE_ISSUERS
    who = issuers[(index // 2) % len(issuers)] if index < 4 * len(issuers) else rng.choice(issuers)
    listed = PARTY_TYPES if system == "party" else STATE_TYPES
    turn = index // 2
    doc_type = listed[turn] if turn < len(listed) else rng.choice(COMMON_TYPES + listed)
    if who["suffix"] == "HĐND":
        doc_type = "Nghị quyết"
    type_line, abbreviation = TYPES[doc_type]
    if system == "state":
        abbreviation = STATE_ABBREVIATION.get(doc_type, abbreviation)
    year = rng.randrange(1996, 2026)
    month, day = rng.randrange(1, 13), rng.randrange(1, 29)
    number = str(rng.choice([rng.randrange(1, 100), rng.randrange(100, 1000), rng.randrange(1000, 10000)]))
    if doc_type == "Công văn":
        symbol = f"CV/{who['suffix']}" if system == "party" else f"{who['suffix']}-{who['unit']}"
    else:
        symbol = f"{abbreviation}/{who['suffix']}" if system == "party" else f"{abbreviation}-{who['suffix']}"
    topic = rng.choice(TOPICS).format(year=year, year5=year + 5)
    excerpt = rng.choice(LEADS[doc_type]).format(t=topic)
    if system == "state" and doc_type != "Công văn":
        excerpt = excerpt[0].upper() + excerpt[1:]
    authority, position = rng.choice(who["signatures"])
    pages = rng.choice([1, 1, 1, 2, 2, 3])
    doc = {
        "system": system, "doc_type": doc_type, "type_line": type_line,
        "number": number, "symbol": symbol, "date": f"{year:04d}-{month:02d}-{day:02d}",
        "place": who["place"], "issuer_upper": who["upper"], "issuer": who["issuer"],
        "left_lines": who["left"],
        "header_left": [(t, R if (who["upper"] and i == 0) else B) for i, t in enumerate(who["left"])],
        "excerpt_lines": wrap(excerpt, 30 if doc_type == "Công văn" else 48),
        "security": rng.choice([None] * 6 + ["MẬT", "TỐI MẬT", "TUYỆT MẬT"]),
        "urgency": rng.choice([None] * 6 + ["KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"]),
        "number_colon": rng.random() < (0.8 if system == "state" else 0.25),
        # Header layout: tight (the Số line close under the issuer), normal or loose spacing;
        # a space before the symbol's separator ("1906 /SGDĐT"); the date line over two lines.
        "spacing": rng.choice(["tight", "tight", "normal", "normal", "loose"]),
        "spaced_number": rng.random() < 0.15,
        "date_split": rng.random() < 0.15,
        "authority": authority, "signer_position": position, "signer": rng.choice(SIGNERS),
        "recipients": RECIPIENTS[system],
        "font": rng.choice(["noto", "dejavu", "liberation"]),
        "colour": rng.choice(["bilevel", "bilevel", "gray"]),
        "pages": [],
    }
    doc["pages"] = make_body(doc, pages, rng)
    return doc


def make_body(doc, count, rng):
    """Body items per page; continuation pages sometimes open with header-like lines."""
    pages = []
    for p in range(count):
        items = []
        if doc["doc_type"] == "Công văn" and p == 0:
            items.append(("to", ["- Các cơ quan, đơn vị trực thuộc;", "- Ủy ban nhân dân các xã, phường."]))
        if p > 0 and rng.random() < 0.4:
            if doc["type_line"]:
                items.append(("c", [(doc["type_line"] + ":", B)]))
            else:
                items.append(("p", [("Thực hiện Kế hoạch số 56/KH-UBND ngày 20 tháng 01 năm 2025 "
                                     "của Ủy ban nhân dân Thành phố,", R)]))
        elif p > 0 and rng.random() < 0.3:
            items.append(("h", [("II. TỔ CHỨC THỰC HIỆN", B)]))
        last = p == count - 1
        paragraphs = rng.randrange(2, 4) if last else rng.randrange(5, 8)
        for _ in range(paragraphs):
            text = " ".join(rng.sample(SENTENCES, rng.randrange(2, 4)))
            items.append(("p", [(text, R)]))
        pages.append(items)
    return pages


# --------------------------------------------------------------------------- layout overrides
def number_line(doc):
    colon = ":" if doc.get("number_colon") else ""
    gap = " " if doc.get("spaced_number") else ""
    if doc["system"] == "party":
        return f"Số{colon} {doc['number']}{gap}-{doc['symbol']}"
    return f"Số{colon} {doc['number']}{gap}/{doc['symbol']}"


SAMPLE_DATE_LINE = ms.date_line
ROWS_MM = {"tight": 5.6, "normal": 6.8, "loose": 8.0}


def date_line(doc):
    """The whole date line, or only its first part when the document breaks it over two lines."""
    whole = SAMPLE_DATE_LINE(doc)
    if doc.get("date_split"):
        return whole[:whole.index(" năm ")]
    return whole


def draw_header(pg, doc):
    """make-samplescans' draw_header, generalised to one to three issuer lines in both systems.

    Kept in step with the original: same positions, sizes and styles. What differs: a Party
    header may be a single line (Ban Chấp hành Trung ương: issuer only, no superior body), and a
    state number line never rises above the motto's second line (with a one-line issuer the
    original would print the date line over "Độc lập - Tự do - Hạnh phúc"). The spacing varies:
    a tight header sets the `Số` line close under the issuer (a Party one without the star),
    a loose one leaves more room; a date line broken in two puts "năm YYYY" on its own line.
    """
    party = doc["system"] == "party"
    left_cx = pg.mm(ms.MARGIN_L + 34)
    right_cx = pg.mm(150 if party else 148)
    top = pg.mm(ms.MARGIN_T) + pg.mm(5)
    row = pg.mm(ROWS_MM[doc.get("spacing", "normal")])
    pt = 14 if party else 13

    if party:
        styles = [B] if len(doc["left_lines"]) == 1 else [R] + [B] * (len(doc["left_lines"]) - 1)
        left = [(t, st, pt) for t, st in zip(doc["left_lines"], styles)]
        if doc.get("spacing") != "tight":
            left.append(("*", R, pt))
    else:
        left = [(t, st, pt) for t, st in doc["header_left"]]
    y = top
    for text, style, size in left:
        pg.line_at(ms.Page.tokens([(text, style)], pg, size), y, cx=left_cx)
        y += row
    if not party:
        pg.hline(left_cx, y - row + pg.mm(2.6), pg.mm(22))
        y = max(y + pg.mm(2 if doc.get("spacing") != "tight" else 0.5), top + 2 * row + pg.mm(2))
    number_y = y
    pg.line_at(ms.Page.tokens([(number_line(doc), R)], pg, pt), y, cx=left_cx)
    y += row
    if doc["type_line"] is None:
        for text in doc["excerpt_lines"]:
            pg.line_at(ms.Page.tokens([(text, I if party else R)], pg, 12), y, cx=left_cx)
            y += pg.mm(5.6)
    date_y = top + 2 * row if party else number_y   # where finish_header puts the date line
    if doc.get("date_split"):
        y = max(y, date_y + pg.mm(8))
    left_bottom = y
    body_y = ms.finish_header(pg, doc, party, left_cx, right_cx, top, row, pt, number_y, left_bottom)
    if doc.get("date_split"):
        whole = SAMPLE_DATE_LINE(doc)
        pg.line_at(ms.Page.tokens([(whole[whole.index(" năm ") + 1:], I)], pg, pt), date_y + pg.mm(6.2),
                   cx=right_cx)
    return body_y


ms.draw_header = draw_header
ms.number_line = number_line
ms.date_line = date_line


def use_font(name):
    folder, files = FONTS[name]
    ms.FONT_DIR = folder
    ms.FONT_FILES = files
    ms.Page._fonts = {}


def render(doc, page_index, rng):
    """Render a page; body paragraphs that would overflow the page are dropped."""
    while True:
        try:
            return ms.render_page(doc, page_index, DPI, rng)
        except AssertionError:
            items = doc["pages"][page_index]
            drop = max(i for i, (kind, _) in enumerate(items) if kind == "p")
            del items[drop]


def degradation(rng):
    spec = {"skew": round(rng.uniform(-1.5, 1.5), 1) if rng.random() < 0.6 else 0.0,
            "speckle": rng.choice([0, 10, 30, 60])}
    if rng.random() < 0.4:
        spec["blur"] = rng.choice([0.5, 0.7])
    if rng.random() < 0.15:
        spec["noise"] = 2.0
    return spec


def quantise(im):
    """4 gray levels: the same look for OCR, a much smaller PNG."""
    return im.point(lambda v: (v // 64) * 255 // 3)


# --------------------------------------------------------------------------- files
# Two parts drawn from the same vocabularies with different seeds: rules and thresholds are tuned
# on "tuning" only; "heldout" measures them on documents they were never tuned on.
PARTS = {
    "tuning": ("make-evalset/tuning/2", "ET"),
    "heldout": ("make-evalset/heldout/2", "EH"),
}
FILE_SIZES = [4, 3, 5, 4, 3, 4, 5, 3, 4, 4, 3, 5, 4, 4, 3, 5, 4, 3, 4, 6]   # 80 documents per part


def build_part(name, seed=None, prefix=None, root=OUT, font=None):
    if seed is None:
        seed, prefix = PARTS[name]
    out = root / name
    out.mkdir(parents=True)
    rng = random.Random(seed)
    docs = [make_document(i, rng) for i in range(sum(FILE_SIZES))]
    for doc in docs:
        doc["font"] = font or doc["font"]
    rng.shuffle(docs)
    files, start = [], 0
    for f, size in enumerate(FILE_SIZES):
        code = f"{prefix}-{'TU' if f % 2 == 0 else 'UB'}.01.{f + 1:03d}.0001"
        folder = out / code
        folder.mkdir()
        pages, documents, page_no = [], [], 0
        for ordinal, doc in enumerate(docs[start:start + size], start=1):
            first = page_no + 1
            use_font(doc["font"])
            for p in range(len(doc["pages"])):
                page_rng = random.Random(f"{seed}/{code}/{page_no + 1}")
                pg = render(doc, p, page_rng)
                spec = degradation(page_rng)
                im, _words, skew = ms.scan(pg, spec, doc["colour"], page_rng)
                page_no += 1
                if doc["colour"] == "bilevel":
                    source = f"{page_no}.tif"
                    im.save(folder / source, "TIFF", compression="group4", dpi=(DPI, DPI))
                else:
                    source = f"{page_no}.png"
                    quantise(im).save(folder / source, "PNG", dpi=(DPI, DPI), optimize=True)
                pages.append({"page": page_no, "source": f"{code}/{source}", "document": ordinal,
                              "page_of_document": p + 1, "skew_degrees": skew,
                              "font": doc["font"], "colour": doc["colour"], "text": pg.text()})
            truth = ms.document_truth(doc, ordinal, first, page_no, code)
            truth["number_line"] = number_line(doc)
            truth["date_line"] = SAMPLE_DATE_LINE(doc)
            truth["issuer_header_lines"] = doc["left_lines"]
            truth["layout"] = {"font": doc["font"], "colour": doc["colour"], "spacing": doc["spacing"],
                               "spaced_number": doc["spaced_number"], "date_split": doc["date_split"]}
            documents.append(truth)
        start += size
        files.append({"file_code": code, "pages": pages, "documents": documents})
    labels = {
        "generator": "scripts/make-evalset.py",
        "part": name,
        "seed": seed,
        "conventions": {
            "page": "1-based page in the archival file (file names 1.tif or 1.png, 2..., in file order)",
            "excerpt": "trích yếu without the leading 'V/v ' of a công văn",
            "issuer": "the issuing body; issuer_upper the superior body line, null when the "
                      "left header names only the issuer (possibly wrapped over two lines)",
            "authority": "signature prefix lines (T/M, K/T, T/L, TM., KT., TL., TUQ.) joined by "
                         "newlines, empty when the head signs in person",
        },
        "files": files,
    }
    (out / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n",
                                     encoding="utf-8")
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"{name}: {len(files)} files, {sum(len(f['documents']) for f in files)} documents, "
          f"{sum(len(f['pages']) for f in files)} pages, {total / 1e6:.1f} MB")


def main():
    # A fresh part, never committed, for measuring once more on documents nobody has looked at:
    #   make-evalset.py --fresh DIR SEED [--font noto|dejavu|liberation|mono]
    #   (DIR/fresh/: the same layout, file codes EF-...; --font sets every document's typeface)
    if len(sys.argv) in (4, 6) and sys.argv[1] == "--fresh":
        font = sys.argv[5] if len(sys.argv) == 6 and sys.argv[4] == "--font" and sys.argv[5] in FONTS else None
        if len(sys.argv) == 6 and font is None:
            sys.exit(f"--font takes one of {', '.join(FONTS)}")
        build_part("fresh", seed=sys.argv[3], prefix="EF", root=Path(sys.argv[2]), font=font)
        return
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    for name in PARTS:
        build_part(name)


if __name__ == "__main__":
    main()
