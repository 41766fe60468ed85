"""The documents checklist of an intake: what the catalogue asks, what was handed in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from desk.domain.catalogue import CopyKind, RequiredDocument
from desk.domain.dossier import ReceivedDocument


@dataclass(frozen=True, slots=True)
class MissingDocument:
    """A required document (or a group of alternatives) not handed in."""

    codes: tuple[str, ...]
    name: str  # "Giấy chứng sinh hoặc Văn bản của người làm chứng …"
    copy_kind: CopyKind

    def as_received_line(self) -> ReceivedDocument:
        """The line form 02 prints: one copy of the kind the catalogue asks."""
        return ReceivedDocument(
            name=self.name,
            code="/".join(self.codes),
            originals=1 if self.copy_kind is CopyKind.ORIGINAL else 0,
            certified_copies=1 if self.copy_kind is CopyKind.CERTIFIED else 0,
            photocopies=1 if self.copy_kind is CopyKind.PHOTO else 0,
        )


def missing_documents(
    required: Iterable[RequiredDocument], received_counts: Mapping[str, int]
) -> list[MissingDocument]:
    """Required documents with no copy received, in catalogue order; the documents of a
    ``group`` are alternatives: any one of them received is enough."""
    documents = list(required)
    missing: list[MissingDocument] = []
    seen_groups: set[str] = set()
    for document in documents:
        if not document.group:
            if document.required and received_counts.get(document.code, 0) <= 0:
                missing.append(MissingDocument((document.code,), document.name, document.copy_kind))
            continue
        if document.group in seen_groups:
            continue
        seen_groups.add(document.group)
        members = [d for d in documents if d.group == document.group]
        if not any(m.required for m in members):
            continue
        if any(received_counts.get(m.code, 0) > 0 for m in members):
            continue
        name = " hoặc ".join(m.name for m in members)
        missing.append(MissingDocument(tuple(m.code for m in members), name, members[0].copy_kind))
    return missing


def default_counts(kind: CopyKind) -> tuple[int, int, int]:
    """(originals, certified copies, photocopies) when the clerk ticks a document."""
    return (
        int(kind is CopyKind.ORIGINAL),
        int(kind is CopyKind.CERTIFIED),
        int(kind is CopyKind.PHOTO),
    )
