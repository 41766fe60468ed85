"""What the demo office is made of: the office and its staff, Vietnamese names, hamlets,
the mix of procedures a commune sees, and the fixed texts of the generated dossiers.

Data only; ``generator`` draws from it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date

from desk.domain.office import Office, Role

DEMO_OFFICE = Office(
    agency_id="000.17.22.H56",
    agency_name="UBND XÃ YÊN LẠC",
    unit_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ YÊN LẠC",
    commune="Xã Yên Lạc",
    province="Tỉnh Phú Thọ",
    place_name="Yên Lạc",
    address="Thôn Đông, xã Yên Lạc, tỉnh Phú Thọ",
    phone="0211 3856 123",
    lookup_url="https://dichvucong.phutho.gov.vn/tra-cuu?ma={code}",
)

# (username, full name, role, title, demo password)
DEMO_USERS = (
    ("canbo1", "Nguyễn Thị Hương", Role.CLERK, "Công chức Tư pháp - Hộ tịch", "canbo1-demo"),
    ("canbo2", "Trần Văn Đức", Role.CLERK, "Công chức Văn phòng - Thống kê", "canbo2-demo"),
    ("lanhdao", "Lê Minh Quân", Role.SUPERVISOR, "Giám đốc Trung tâm", "lanhdao-demo"),
    ("quantri", "Phạm Ngọc Lan", Role.ADMIN, "Quản trị hệ thống", "quantri-demo"),
)

# The demo office's backup passphrase, printed by ``desk demo`` with the accounts.
DEMO_BACKUP_PASSPHRASE = "demo-sao-luu"

# Provinces of birth registration for demo ID numbers: Phú Thọ, Vĩnh Phúc, then neighbours.
DEMO_ID_PROVINCES = ("025", "026", "001", "019", "027", "022", "030", "033", "034", "035")

FAMILY = (
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Huỳnh", 2),
    ("Phan", 4),
    ("Vũ", 4),
    ("Võ", 2),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 1),
    ("Ngô", 1),
    ("Dương", 1),
    ("Lý", 1),
    ("Đinh", 1),
    ("Trịnh", 1),
    ("Kiều", 1),
)
MIDDLE_MALE = ("Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Xuân", "Công", "Đình", "Thành")
MIDDLE_FEMALE = ("Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Thị Thu", "Hồng", "Kim")
GIVEN_MALE = (
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Đức",
    "Giang",
    "Hải",
    "Hiếu",
    "Hùng",
    "Huy",
    "Khánh",
    "Khoa",
    "Long",
    "Mạnh",
    "Minh",
    "Nam",
    "Nghĩa",
    "Phong",
    "Phúc",
    "Quang",
    "Quân",
    "Sơn",
    "Thắng",
    "Thịnh",
    "Toàn",
    "Trung",
    "Tuấn",
    "Tùng",
    "Việt",
    "Vinh",
)
GIVEN_FEMALE = (
    "Anh",
    "Ánh",
    "Châu",
    "Chi",
    "Diệp",
    "Dung",
    "Đào",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Hồng",
    "Huyền",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Ngọc",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Thảo",
    "Thủy",
    "Trang",
    "Uyên",
    "Vân",
    "Yến",
)
HAMLETS = (
    "Thôn Đông",
    "Thôn Đoài",
    "Thôn Nam",
    "Thôn Bắc",
    "Thôn Trung Hậu",
    "Thôn Yên Thư",
    "Thôn Đồng Văn",
    "Thôn Lũng Hạ",
    "Thôn Nghinh Tiên",
    "Tổ dân phố Đình Xuyên",
)
# (procedure code, weight) — birth and certified copies dominate a commune's day.
PROCEDURE_MIX = (
    ("2.000815", 40),
    ("1.001193", 16),
    ("2.000635", 14),
    ("1.004873", 10),
    ("1.000894", 6),
    ("1.000656", 5),
    ("1.004859", 5),
    ("1.004884", 4),
)


def weighted(pairs: Iterable[tuple[str, int]]) -> tuple[str, ...]:
    """Each value repeated by its weight: ``table[int(random() * len(table))]`` is then one
    weighted draw, far cheaper than ``random.choices``."""
    return tuple(value for value, weight in pairs for _ in range(weight))


FAMILY_TABLE = weighted(FAMILY)
ID_ISSUER = "Cục Cảnh sát quản lý hành chính về trật tự xã hội"
CHIP_CARDS_FROM = date(2021, 1, 1).toordinal()  # the first chip ID cards
# Youngest and oldest applicant of a procedure, where the form needs it (the default is
# 18 to 75): a marriage needs the man 20 or older (21: a year of 365 days is short of a
# birthday by the leap days); a birth is declared by a parent, or by
# a grandparent when the applicant is older than a parent would be.
APPLICANT_AGES = {"1.000894": (21, 45), "1.001193": (18, 60)}
# What the demo's forms are filled with (desk.services.demo.forms).
CIVIL_STATUS_PLACE = "UBND xã Yên Lạc, tỉnh Phú Thọ"
HOME_TOWN = "Xã Yên Lạc, tỉnh Phú Thọ"
BIRTH_PLACES = (
    "Trạm Y tế xã Yên Lạc, tỉnh Phú Thọ",
    "Bệnh viện Đa khoa tỉnh Phú Thọ",
    "Bệnh viện Sản Nhi tỉnh Phú Thọ",
)
DEATH_PLACES = ("", "", "Bệnh viện Đa khoa tỉnh Phú Thọ")  # "": at home (last residence)
CERTIFIED_DOCUMENTS = (  # (document, issuer) brought for a certified copy
    ("Bằng tốt nghiệp trung học phổ thông", "Sở Giáo dục và Đào tạo tỉnh Phú Thọ"),
    ("Giấy khai sinh", "UBND xã Yên Lạc"),
    ("Giấy chứng nhận quyền sử dụng đất", "Sở Tài nguyên và Môi trường tỉnh Phú Thọ"),
    ("Học bạ trung học phổ thông", "Trường THPT Yên Lạc"),
    ("Giấy phép lái xe", "Sở Giao thông vận tải tỉnh Phú Thọ"),
)
REFUSAL_REASON = "Hồ sơ không thuộc thẩm quyền giải quyết của UBND xã"


# The one "scan" the demo attaches to papers and results (a real one-page PDF, so the
# desk's checks of stored scans and the backups treat it as any other).
DEMO_SCAN = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
DEMO_SCAN_SHA256 = hashlib.sha256(DEMO_SCAN).hexdigest()
DEMO_SCAN_NAME = "ban-quet-mau.pdf"

# The second supplement request some demo dossiers get, recorded as the office's fault.
SECOND_SUPPLEMENT_NOTE = "Thiếu bản sao giấy chứng nhận kết hôn của cha, mẹ"
SECOND_SUPPLEMENT_FAULT = (
    "Lần yêu cầu bổ sung trước cán bộ kiểm tra chưa hết thành phần hồ sơ, "
    "bỏ sót giấy chứng nhận kết hôn"
)
