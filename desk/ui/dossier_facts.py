"""The facts panel of the dossier view: what is known about a dossier, as caption and value
pairs in two columns, scrollable.

The labels are made once and reused: rebuilding forty widgets for every dossier cost more
than everything else the view does when a slip is scanned.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desk.domain.dossier import Dossier
from desk.domain.fees import Fee, PaymentMethod
from desk.domain.formats import moment_text
from desk.domain.handover import collected_by, result_scan_of, satisfaction_of
from desk.ui.labels import catalogue_text, shown_label, shown_vnd

# The people a dossier names besides the applicant (keys of the intake forms).
PARTY_ROLES = {
    "owner": QT_TRANSLATE_NOOP("DossierView", "Chủ hồ sơ"),
    "child": QT_TRANSLATE_NOOP("DossierView", "Người được khai sinh"),
    "mother": QT_TRANSLATE_NOOP("DossierView", "Người mẹ"),
    "father": QT_TRANSLATE_NOOP("DossierView", "Người cha"),
    "deceased": QT_TRANSLATE_NOOP("DossierView", "Người đã chết"),
    "husband": QT_TRANSLATE_NOOP("DossierView", "Bên nam"),
    "wife": QT_TRANSLATE_NOOP("DossierView", "Bên nữ"),
    "intended_spouse": QT_TRANSLATE_NOOP("DossierView", "Người dự định kết hôn"),
    "subject": QT_TRANSLATE_NOOP("DossierView", "Người có tên trong giấy tờ"),
}


def verdict_text(d: Dossier) -> str:
    """The on-time verdict and the due time it was judged by: the legal one after pauses,
    never an apology's new date (DOMAIN §2, §6)."""
    timeliness = d.timeliness()
    if timeliness is None:
        return "—"
    text = QCoreApplication.translate("DossierView", "{verdict} — so với hạn theo quy định {due}")
    text = text.format(verdict=shown_label(timeliness), due=moment_text(d.due_at))
    if d.waited_for_papers:
        text += QCoreApplication.translate("DossierView", " (đã tính thời gian chờ bổ sung)")
    return text


def due_history_text(d: Dossier) -> str:
    """Every due time the dossier had, one a line: the time, why, and when it was set."""
    set_at = QCoreApplication.translate("DossierView", "ghi lúc")
    return "\n".join(
        f"{moment_text(change.due_at)} — {shown_label(change.kind)} "
        f"({set_at} {moment_text(change.at)})"
        for change in d.due_history()
    )


def office_fault_lines(d: Dossier) -> list[str]:
    """One line per step of the path recorded as the office's own fault (DOMAIN §2)."""
    flag = QCoreApplication.translate("DossierView", "Lỗi của cơ quan")
    because = QCoreApplication.translate("DossierView", "lý do")
    return [
        f"⚑ {flag}: {shown_label(fault.kind)} — {moment_text(fault.at)}, {fault.actor_name}"
        + (f"; {because}: {fault.reason}" if fault.reason else "")
        for fault in d.office_faults()
    ]


def fee_text(fee: Fee) -> str:
    """One fee line: its name, amount, exemption, and «Chuyển khoản» when paid so."""
    text = f"{catalogue_text(fee.name)}: {shown_vnd(fee.amount)}"
    if fee.exemption:
        text += QCoreApplication.translate("DossierView", " (miễn: {0})").format(
            catalogue_text(fee.exemption)
        )
    if fee.amount and PaymentMethod.of(fee.method) is PaymentMethod.TRANSFER:
        text += f" — {shown_label(PaymentMethod.TRANSFER)}"
    return text


def fact_pairs(d: Dossier) -> list[tuple[str, str]]:
    """Caption and value of every fact the panel shows about ``d`` (the parties it names
    and, once handed back, who collected the result and how they rated the desk)."""
    applicant = d.applicant
    pairs: list[tuple[str, str]] = [
        (QCoreApplication.translate("DossierView", "Người nộp"), applicant.full_name),
        (QCoreApplication.translate("DossierView", "Số định danh"), applicant.id_number or "—"),
        (
            QCoreApplication.translate("DossierView", "Ngày sinh"),
            f"{applicant.birth_date:%d/%m/%Y}" if applicant.birth_date else "—",
        ),
        (QCoreApplication.translate("DossierView", "Điện thoại"), applicant.phone or "—"),
        (QCoreApplication.translate("DossierView", "Địa chỉ"), applicant.address or "—"),
        (QCoreApplication.translate("DossierView", "Thư điện tử"), applicant.email or "—"),
        (
            QCoreApplication.translate("DossierView", "Thủ tục"),
            f"{catalogue_text(d.procedure_name)} ({d.procedure_code})",
        ),
        (QCoreApplication.translate("DossierView", "Lĩnh vực"), catalogue_text(d.field_name)),
        (QCoreApplication.translate("DossierView", "Trích yếu"), d.summary),
        (QCoreApplication.translate("DossierView", "Số bộ hồ sơ"), str(d.sets_count)),
        (QCoreApplication.translate("DossierView", "Tiếp nhận lúc"), moment_text(d.received_at)),
        (QCoreApplication.translate("DossierView", "Cán bộ tiếp nhận"), d.clerk_name),
        (QCoreApplication.translate("DossierView", "Hẹn trả"), moment_text(d.due_at)),
        (
            QCoreApplication.translate("DossierView", "Hẹn lại"),
            moment_text(d.rescheduled_due_at) or "—",
        ),
        (
            QCoreApplication.translate("DossierView", "Xử lý xong"),
            moment_text(d.finished_at) or "—",
        ),
        (
            QCoreApplication.translate("DossierView", "Đã trả lúc"),
            moment_text(d.returned_at) or "—",
        ),
        (QCoreApplication.translate("DossierView", "Đúng hạn"), verdict_text(d)),
        (QCoreApplication.translate("DossierView", "Các hạn đã có"), due_history_text(d)),
        (QCoreApplication.translate("DossierView", "Nhận kết quả"), shown_label(d.result_delivery)),
        (
            QCoreApplication.translate("DossierView", "Phí, lệ phí"),
            "; ".join(fee_text(f) for f in d.fees)
            or QCoreApplication.translate("DossierView", "Không"),
        ),
        (QCoreApplication.translate("DossierView", "Ghi chú"), d.note or "—"),
        (
            QCoreApplication.translate("DossierView", "Lỗi của cơ quan"),
            "; ".join(shown_label(fault.kind) for fault in d.office_faults())
            or QCoreApplication.translate("DossierView", "Không"),
        ),
    ]
    for party in d.parties:
        who = party.person
        detail = who.full_name + (f" — {who.id_number}" if who.id_number else "")
        other = QCoreApplication.translate("DossierView", "Người liên quan ({role})")
        role = PARTY_ROLES.get(party.role)
        shown = QCoreApplication.translate("DossierView", role) if role else ""
        pairs.append((shown or other.format(role=party.role), detail))
    collected = collected_by(d)
    if collected:
        rating = satisfaction_of(d)
        pairs.append((QCoreApplication.translate("DossierView", "Người nhận kết quả"), collected))
        pairs.append(
            (
                QCoreApplication.translate("DossierView", "Đánh giá"),
                shown_label(rating) if rating else "—",
            )
        )
        pairs.append(
            (
                QCoreApplication.translate("DossierView", "Kết quả đã số hóa"),
                QCoreApplication.translate("DossierView", "Có")
                if result_scan_of(d)
                else QCoreApplication.translate("DossierView", "Không"),
            )
        )
    return pairs


class FactsPanel(QGroupBox):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        layout = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        holder.setObjectName("factsHolder")
        holder.setStyleSheet("QWidget#factsHolder { background: transparent; }")
        scroll.viewport().setAutoFillBackground(False)
        self.grid = QGridLayout(holder)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(6)
        scroll.setWidget(holder)
        layout.addWidget(scroll)
        self._labels: list[tuple[QLabel, QLabel]] = []

    def show_facts(self, pairs: Sequence[tuple[str, str]]) -> None:
        while len(self._labels) < len(pairs):
            number = len(self._labels)
            row, column = divmod(number, 2)
            name = QLabel()
            name.setStyleSheet("color: #555;")
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            text = QLabel()
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setObjectName(f"fact_{number}")
            # A tall value beside it (the list of due times) must not push this one down.
            text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(name, row, column * 2)
            self.grid.addWidget(text, row, column * 2 + 1)
            self._labels.append((name, text))
        for number, (name, text) in enumerate(self._labels):
            shown = number < len(pairs)
            name.setVisible(shown)
            text.setVisible(shown)
            if shown:
                name.setText(pairs[number][0])
                text.setText(pairs[number][1])

    def texts(self) -> dict[str, str]:
        """What the panel shows, caption → value."""
        return {name.text(): text.text() for name, text in self._labels if not name.isHidden()}
