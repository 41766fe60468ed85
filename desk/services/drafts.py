"""Unfinished intakes kept on disk, so that nothing the clerk typed is lost.

A draft is a JSON file in ``<data folder>/drafts/<account id>/``, one per intake in
progress, written
atomically (temporary file, fsync, ``os.replace``): a crash or a power cut leaves either
the previous version or the new one, never half a file. The intake screen autosaves
while the clerk types (debounced) and when it closes; a received or refused dossier
removes its draft. A draft the desk cannot read is set aside (renamed ``*.unreadable``),
never deleted, and never stops the desk from starting.

The payload is what the screen holds, as typed: the drafts store does not interpret it.
Drafts hold personal data (Decree 13/2023): they live in the desk's own data folder, next
to the office database, with the same protection, and are removed once recorded.

A draft belongs to the account that typed it: the store of an account
(``DraftStore.for_account``) writes, lists, loads and removes that account's drafts only,
so the next person to sign in at the desk is never offered a citizen's data typed by
someone else. Drafts of an older desk lie directly in ``drafts/``: one that names its
account moves into that account's folder when the account next opens the intake screen;
one that names no account goes to the first administrator who does (an administrator may
see every dossier anyway, and nothing typed is lost).
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
from desk.domain.office import Role, User
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
    """The drafts in ``directory``; with an ``owner``, that account's drafts only: what the
    store lists, loads, writes and removes is checked against the account named in each
    draft, whatever the folder holds."""

    def __init__(self, directory: Path, *, owner: User | None = None, legacy: Path | None = None):
        self.directory = directory
        self.owner = owner
        self._legacy = legacy  # the shared folder of an older desk's drafts, adopted on read

    @classmethod
    def for_account(cls, config: DeskConfig, user: User) -> DraftStore:
        """The drafts of ``user`` at this desk."""
        root = drafts_dir(config)
        return cls(root / str(user.id), owner=user, legacy=root)

    def path_of(self, draft_id: str) -> Path:
        if not _ID.match(draft_id):
            raise DraftError(f"Mã bản nháp «{draft_id}» không hợp lệ.", code="draft.id")
        return self.directory / f"{draft_id}.json"

    def _check_owner(self, draft: Draft) -> Draft:
        if self.owner is not None and draft.user_id != self.owner.id:
            raise DraftError(
                "Bản nháp này do tài khoản khác nhập; chỉ người đã nhập mới mở được.",
                code="draft.not_yours",
            )
        return draft

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
        """Write the draft; a write that fails raises ``DraftError`` (disk full …). A store
        with an owner writes the owner's drafts only."""
        path = self.path_of(draft_id)
        if self.owner is not None:
            if user_id is not None and user_id != self.owner.id:
                raise DraftError(
                    "Không lưu được bản nháp cho một tài khoản khác.", code="draft.not_yours"
                )
            user_id, user_name = self.owner.id, user_name or self.owner.full_name
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
            # Only this OS user may list an account's drafts (names of citizens in titles).
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
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
        return self._check_owner(self._parse(path))

    def drafts(self) -> list[Draft]:
        """Readable drafts (of the owner, with one), the most recently saved first.
        Unreadable ones are set aside."""
        self._adopt_legacy()
        if not self.directory.is_dir():
            return []
        drafts = []
        for path in self.directory.glob("*.json"):
            if not _ID.match(path.stem):
                continue
            try:
                draft = self._parse(path)
            except DraftError as error:
                log.warning("draft set aside: %s", error.code)
                with contextlib.suppress(OSError):
                    os.replace(path, path.with_suffix(".unreadable"))
                continue
            if self.owner is not None and draft.user_id != self.owner.id:
                log.warning("draft %s of another account left alone", path.name)
                continue
            drafts.append(draft)
        drafts.sort(key=lambda d: d.saved_at, reverse=True)
        return drafts

    def _adopt_legacy(self) -> None:
        """Move the owner's drafts of an older desk (in the shared folder) into the owner's
        folder; drafts that name no account go to an administrator."""
        owner, legacy = self.owner, self._legacy
        if owner is None or legacy is None or not legacy.is_dir():
            return
        for path in legacy.glob("*.json"):
            if not _ID.match(path.stem):
                continue
            try:
                draft = self._parse(path)
            except DraftError:
                continue  # left where it is: nobody is offered what cannot be read
            if draft.user_id == owner.id:
                self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
                with contextlib.suppress(OSError):
                    os.replace(path, self.path_of(draft.id))
            elif draft.user_id is None and owner.role is Role.ADMIN:
                self.save(
                    draft.id,
                    draft.payload,
                    title=draft.title,
                    user_name=draft.user_name,
                    kind=draft.kind,
                    created_at=draft.created_at,
                    now=draft.saved_at,
                )
                with contextlib.suppress(OSError):
                    path.unlink()

    def remove(self, draft_id: str) -> bool:
        try:
            self.path_of(draft_id).unlink()
        except FileNotFoundError:
            return False
        with contextlib.suppress(OSError):
            fsync_dir(self.directory)
        return True
