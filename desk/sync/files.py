"""Where the desk keeps scanned files: ``<data>/files/<first two hex digits>/<sha256>``
(the layout of desk.services.attachments).

A flat ``<data>/files/<sha256>`` is accepted too (files copied in by hand)."""

from __future__ import annotations

from pathlib import Path


def attachment_path(files_dir: Path, sha256: str) -> Path:
    nested = files_dir / sha256[:2] / sha256
    if nested.exists():
        return nested
    flat = files_dir / sha256
    return flat if flat.exists() else nested
