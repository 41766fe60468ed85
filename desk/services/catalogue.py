"""The catalogue of procedures an office offers: imported from a file (checked against its
schema and the field limits first: a broken file changes nothing), exported to one, read
whole (withdrawn procedures too).

An import never deletes a procedure: one left out of the file (or marked ``"active":
false``) is withdrawn — no longer offered at the counter — while its dossiers keep it, and
still print with it (``procedure_of``). A file without procedures is refused: it would
withdraw everything the office offers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desk.domain.access import Permission
from desk.domain.audit import AuditAction
from desk.domain.calendar import now_in_office
from desk.domain.catalogue import Catalogue, Procedure, dump_catalogue, procedure_label
from desk.domain.catalogue_file import load_catalogue_file
from desk.domain.office import User
from desk.errors import CatalogueError
from desk.forms import form_names
from desk.resources import CATALOGUE_FILE
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from desk.store import office as store_office


@dataclass(frozen=True, slots=True)
class CatalogueImport:
    """What an import did, by procedure code."""

    count: int  # procedures in the file
    added: tuple[str, ...]
    changed: tuple[str, ...]
    withdrawn: tuple[str, ...]  # offered before, not now (left out, or marked inactive)
    withdrawn_in_use: dict[str, int]  # of those, the ones with dossiers: how many each

    def summary(self) -> str:
        """One line for the clerk: «Đã nhập 8 thủ tục: thêm 1, sửa 2, ngừng áp dụng 1 …»."""
        parts = [f"thêm {len(self.added)}", f"sửa {len(self.changed)}"]
        parts.append(f"ngừng áp dụng {len(self.withdrawn)}")
        text = f"Đã nhập {self.count} thủ tục: {', '.join(parts)}."
        if self.withdrawn:
            text += f" Ngừng áp dụng: {', '.join(self.withdrawn)}"
            if self.withdrawn_in_use:
                kept = sum(self.withdrawn_in_use.values())
                text += f" ({kept} hồ sơ của các thủ tục này vẫn được giữ và in được)"
            text += "."
        return text


def import_catalogue(ctx: DeskContext, catalogue: Catalogue | None = None) -> CatalogueImport:
    """Replace the procedure catalogue (admin); the shipped seed catalogue when None. A
    catalogue without procedures, or with none offered, is refused: nothing changes."""
    admin = ctx.require(Permission.CATALOGUE)
    if catalogue is None:
        catalogue = load_catalogue_file(CATALOGUE_FILE)
    check_importable(catalogue)
    with ctx.db.write() as session:
        result = record_catalogue(session, catalogue, now_in_office(), actor=admin)
    ctx.forget_cached()
    return result


def check_importable(catalogue: Catalogue) -> None:
    """What the office needs of a catalogue beyond each procedure's own checks: at least
    one procedure offered, and the intake forms it names shipped with the desk."""
    if not catalogue.procedures:
        raise CatalogueError(
            "Danh mục không có thủ tục nào: không nhập (danh mục đang dùng được giữ nguyên).",
            code="catalogue.empty",
        )
    if not any(procedure.active for procedure in catalogue):
        raise CatalogueError(
            "Danh mục không có thủ tục nào đang áp dụng (mọi thủ tục đều «active»: false): "
            "không nhập (danh mục đang dùng được giữ nguyên).",
            code="catalogue.none_active",
        )
    known = set(form_names())
    for position, procedure in enumerate(catalogue, 1):
        if procedure.form and procedure.form not in known:
            raise CatalogueError(
                f"{procedure_label(procedure.code, position)}, mục form: không có mẫu tờ khai "
                f"«{procedure.form}» (các mẫu có: {', '.join(sorted(known))}).",
                code="catalogue.form",
                field="form",
            )


def record_catalogue(
    session: store_office.Transaction,
    catalogue: Catalogue,
    now: datetime,
    *,
    actor: User | None,
    actor_name: str = "",
) -> CatalogueImport:
    """Write the catalogue and its log entry in the caller's transaction."""
    changes = store_office.replace_catalogue(session, catalogue, now)
    in_use = store_office.dossier_counts(session, changes.removed)
    store_audit.append(
        session,
        [
            store_audit.entry(
                AuditAction.CATALOGUE_IMPORTED,
                "catalogue",
                at=now,
                actor=actor,
                actor_name=actor_name,
                detail={
                    "count": len(catalogue),
                    "added": changes.added,
                    "removed": changes.removed,
                    "changed": changes.changed,
                },
            )
        ],
    )
    return CatalogueImport(
        len(catalogue),
        tuple(changes.added),
        tuple(changes.changed),
        tuple(changes.removed),
        in_use,
    )


def full_catalogue(ctx: DeskContext) -> Catalogue:
    """Every procedure, withdrawn ones too (``ctx.catalogue()`` has only those offered)."""
    with ctx.db.read() as session:
        return store_office.load_catalogue(session, include_inactive=True)


def procedure_of(ctx: DeskContext, code: str) -> Procedure:
    """The procedure of a dossier, offered or withdrawn: a dossier received before its
    procedure was withdrawn still prints (its slip, its control slip)."""
    with ctx.db.connect_read() as connection:  # no ORM: ``desk print`` reads this
        return store_office.get_procedure(connection, code)


def export_catalogue(ctx: DeskContext, out: Path) -> tuple[int, list[str]]:
    """Write the whole catalogue as the JSON that ``import_catalogue`` reads back; the
    count of procedures and the warnings about the file named (desk.atomic.write_output:
    a regular file in a folder that exists, never a device or through a symlink)."""
    from desk.atomic import write_output

    ctx.require(Permission.CATALOGUE)
    catalogue = full_catalogue(ctx)
    warnings = write_output(Path(out), dump_catalogue(catalogue).encode("utf-8"), suffix=".json")
    return len(catalogue), warnings
