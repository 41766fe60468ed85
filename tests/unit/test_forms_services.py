"""Drafts on disk, scans in the data folder, known people: the services behind intake."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pytest

from desk.domain.calendar import OFFICE_TZ
from desk.domain.dossier import IntakeRequest, Person, ReceivedDocument
from desk.errors import InvalidInput
from desk.services import attachments, intake, people
from desk.services.drafts import DraftError, DraftStore, new_draft_id
from desk.store.models import AttachmentRow

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=OFFICE_TZ)


def test_drafts_round_trip_newest_first(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    assert store.drafts() == []
    first, second = new_draft_id(), new_draft_id()
    store.save(first, {"applicant": {"full_name": "Trần Văn Bình"}}, title="A", now=NOW)
    later = NOW.replace(hour=11)
    store.save(second, {"x": 1}, title="B", user_id=3, user_name="Hương", now=later)
    store.save(
        first,
        {"applicant": {"full_name": "Trần Văn Bình 2"}},
        title="A",
        now=later.replace(minute=5),
    )
    drafts = store.drafts()
    assert [d.id for d in drafts] == [first, second]
    assert drafts[0].payload["applicant"]["full_name"] == "Trần Văn Bình 2"
    assert drafts[0].created_at == NOW  # kept across saves
    assert drafts[1].user_name == "Hương"
    assert "Trần Văn Bình" in store.path_of(first).read_text(encoding="utf-8")  # UTF-8, readable
    assert not list((tmp_path / "drafts").glob("*.tmp"))  # no temporary file left
    assert store.remove(first) and not store.remove(first)


def test_an_unreadable_draft_is_set_aside_not_lost(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    broken = tmp_path / f"{new_draft_id()}.json"
    broken.write_text("{half a fi", encoding="utf-8")
    assert store.drafts() == []
    assert broken.with_suffix(".unreadable").exists()


def test_draft_ids_cannot_name_other_files(tmp_path: Path) -> None:
    with pytest.raises(DraftError):
        DraftStore(tmp_path).path_of("../../office")


def test_a_failed_write_keeps_the_previous_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = DraftStore(tmp_path)
    draft_id = new_draft_id()
    store.save(draft_id, {"v": 1}, now=NOW)

    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("desk.services.drafts.os.replace", refuse)
    with pytest.raises(DraftError) as caught:
        store.save(draft_id, {"v": 2}, now=NOW)
    assert "vẫn còn trên màn hình" in caught.value.message
    monkeypatch.undo()
    assert store.load(draft_id).payload == {"v": 1}
    assert not list(tmp_path.glob("*.tmp"))


def test_scans_are_stored_once_by_content(ctx, tmp_path: Path) -> None:
    source = tmp_path / "Giấy chứng sinh.PDF"
    content = b"%PDF-1.4 scan of a birth certificate"
    source.write_bytes(content)
    stored = attachments.store_attachment(ctx, source, now=NOW)
    sha = hashlib.sha256(content).hexdigest()
    assert stored.sha256 == sha and stored.media_type == "application/pdf"
    assert stored.path == ctx.config.files_dir / sha[:2] / sha
    assert stored.path.read_bytes() == content
    again = attachments.store_attachment(ctx, source, now=NOW)
    assert again.path == stored.path
    with ctx.db.read() as session:
        row = session.get(AttachmentRow, sha)
    assert (
        row is not None and row.original_name == "Giấy chứng sinh.PDF" and row.size == len(content)
    )
    assert not list(ctx.config.files_dir.glob(".incoming-*"))


def test_a_dossier_links_its_scan(ctx, clerk, tmp_path: Path) -> None:
    source = tmp_path / "ban-chinh.jpg"
    source.write_bytes(b"\xff\xd8\xff fake jpeg")
    stored = attachments.store_attachment(ctx, source, now=NOW)
    request = IntakeRequest(
        "2.000815",
        Person("Lê Thị Thu"),
        documents=[
            # The copy handed in (the original "BC" is only shown, never received).
            ReceivedDocument("Bản sao", "BS", photocopies=1, attachment_sha256=stored.sha256)
        ],
        copies=1,
        pages=2,
    )
    dossier = intake.receive_dossier(ctx, request, clerk, at=NOW)
    assert dossier.documents[0].digitised


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("bao-cao.docx", b"x", "PDF hoặc ảnh"), ("rong.pdf", b"", "rỗng")],
)
def test_files_that_are_not_scans_are_refused(
    ctx, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(InvalidInput) as caught:
        attachments.store_attachment(ctx, source)
    assert message in caught.value.message


def test_known_person_by_id_number(ctx, clerk) -> None:
    person = Person("Phan Văn Long", id_number="001090012345", phone="0987654321")
    intake.receive_dossier(ctx, IntakeRequest("2.000815", person, copies=1, pages=1), clerk, at=NOW)
    found = people.known_person(ctx, "0010 9001 2345")
    assert found is not None and found.phone == "0987654321"
    assert people.known_person(ctx, "001090099999") is None
    assert people.known_person(ctx, "12345") is None
