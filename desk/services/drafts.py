"""Unfinished intakes kept on disk, so that nothing the clerk typed is lost.

A draft is a JSON file in ``<data folder>/drafts/``, one per intake in progress, written
atomically (temporary file, fsync, ``os.replace``): a crash or a power cut leaves either
the previous version or the new one, never half a file. The intake screen autosaves
while the clerk types (debounced) and when it closes; a received or refused dossier
removes its draft. A draft the desk cannot read is set aside (renamed ``*.unreadable``),
never deleted, and never stops the desk from starting.

The payload is what the screen holds, as typed: the drafts store does not interpret it.
Drafts hold personal data (Decree 13/2023): they live in the desk's own data folder, next
to the office database, with the same protection, and are removed once recorded.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desk.atomic import fsync_dir, write_atomically
from desk.config import DeskConfig
from desk.domain.calendar import now_in_office
from desk.errors import DeskError

log = logging.getLogger(__name__)

DRAFT_FORMAT = "commune-desk/intake-draft"
DRAFT_VERSION = 1
_ID = re.compile(r"^[0-9a-f]{32}$")


class DraftError(DeskError):
    code = "draft.error"


@dataclass(frozen=True, slots=True)
class Draft:
    id: str
    saved_at: datetime
    created_at: datetime
    user_id: int | None
    user_name: str
    title: str  # what the offer shows: procedure and applicant
    kind: str  # "intake" or "supplement" (papers asked for, the citizen will come back)
    payload: dict[str, Any]


def new_draft_id() -> str:
    return uuid.uuid4().hex


def drafts_dir(config: DeskConfig) -> Path:
    return config.data_dir / "drafts"


class DraftStore:
    def __init__(self, directory: Path):
        self.directory = directory

    @classmethod
    def for_config(cls, config: DeskConfig) -> DraftStore:
        return cls(drafts_dir(config))

    def path_of(self, draft_id: str) -> Path:
        if not _ID.match(draft_id):
            raise DraftError(f"Mã bản nháp «{draft_id}» không hợp lệ.", code="draft.id")
        return self.directory / f"{draft_id}.json"

    def save(
        self,
        draft_id: str,
        payload: dict[str, Any],
        *,
        title: str = "",
        user_id: int | None = None,
        user_name: str = "",
        kind: str = "intake",
        created_at: datetime | None = None,
        now: datetime | None = None,
    ) -> Path:
        """Write the draft; a write that fails raises ``DraftError`` (disk full …)."""
        path = self.path_of(draft_id)
        now = now or now_in_office()
        previous_created = None
        if created_at is None and path.exists():
            with contextlib.suppress(DraftError):
                previous_created = self.load(draft_id).created_at
        document = {
            "format": DRAFT_FORMAT,
            "version": DRAFT_VERSION,
            "id": draft_id,
            "saved_at": now.isoformat(),
            "created_at": (created_at or previous_created or now).isoformat(),
            "user_id": user_id,
            "user_name": user_name,
            "title": title,
            "kind": kind,
            "payload": payload,
        }
        data = json.dumps(document, ensure_ascii=False, indent=1, default=str).encode("utf-8")
        try:
            write_atomically(path, data)
        except OSError as exc:
            raise DraftError(
                f"Không lưu được bản nháp vào {self.directory} ({exc.strerror or exc}). "
                "Dữ liệu đang nhập vẫn còn trên màn hình.",
                code="draft.write",
            ) from None
        return path

    def _parse(self, path: Path) -> Draft:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            if document.get("format") != DRAFT_FORMAT or document.get("version") != DRAFT_VERSION:
                raise ValueError("not a draft")
            return Draft(
                id=str(document["id"]),
                saved_at=datetime.fromisoformat(document["saved_at"]),
                created_at=datetime.fromisoformat(document["created_at"]),
                user_id=document.get("user_id"),
                user_name=str(document.get("user_name", "")),
                title=str(document.get("title", "")),
                kind=str(document.get("kind", "intake")),
                payload=dict(document["payload"]),
            )
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            raise DraftError(
                f"Bản nháp {path.name} không đọc được ({exc}).", code="draft.unreadable"
            ) from None

    def load(self, draft_id: str) -> Draft:
        path = self.path_of(draft_id)
        if not path.exists():
            raise DraftError("Bản nháp không còn trên máy.", code="draft.missing")
        return self._parse(path)

    def drafts(self) -> list[Draft]:
        """Readable drafts, the most recently saved first. Unreadable ones are set aside."""
        if not self.directory.is_dir():
            return []
        drafts = []
        for path in self.directory.glob("*.json"):
            if not _ID.match(path.stem):
                continue
            try:
                drafts.append(self._parse(path))
            except DraftError as error:
                log.warning("draft set aside: %s", error.code)
                with contextlib.suppress(OSError):
                    os.replace(path, path.with_suffix(".unreadable"))
        drafts.sort(key=lambda d: d.saved_at, reverse=True)
        return drafts

    def remove(self, draft_id: str) -> bool:
        try:
            self.path_of(draft_id).unlink()
        except FileNotFoundError:
            return False
        with contextlib.suppress(OSError):
            fsync_dir(self.directory)
        return True
