"""The offline hand-over: every dossier as one JSON line, in code order."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from desk.errors import DeskError
from desk.services.context import DeskContext
from desk.store import dossiers as store_dossiers
from desk.sync.items import dossier_item


def export_jsonl(ctx: DeskContext, out: Path, *, since: date | None = None) -> int:
    """Write the file atomically (a half-written file on a USB stick is worse than none)."""
    out = Path(out)
    temporary = out.with_name(out.name + ".part")
    count = 0
    try:
        with (
            temporary.open("w", encoding="utf-8", newline="\n") as handle,
            ctx.db.read() as session,
        ):
            for dossier in store_dossiers.iter_dossiers(session, since=since):
                handle.write(json.dumps(dossier_item(dossier), ensure_ascii=False))
                handle.write("\n")
                count += 1
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, out)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise DeskError(f"Không ghi được tệp {out}: {exc.strerror}.", code="export.write") from None
    return count
