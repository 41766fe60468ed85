"""What the other desks of the office changed since a mark: how each desk's screens learn
of a dossier received or moved at another desk, without the clerk pressing «Làm mới».

    mark = office_mark(ctx)
    ...  # every POLL_SECONDS, off the GUI thread
    changes = changes_since(ctx, mark)
    mark = changes.mark

The mark is the number of the office log's newest entry: every dossier write appends one
in its own transaction, and the log's writers take turns until they commit, so the
numbers come in commit order and nothing is ever missed between two marks
(``desk.store.changes``). A desk recognises its own changes by their revision
(``OfficeChanges.others``): those its screens have already shown.

Why a poll and not PostgreSQL's LISTEN/NOTIFY (measured, see docs/performance.md): a poll
is one primary-key probe of the log, whatever the size of the office. A quiet poll costs
0.38-0.41 ms (median) on the 1,000,000-dossier SQLite office and 0.72-0.79 ms on a local
PostgreSQL (``make bench DB=…``), about 0.5 ms of the
desk's CPU: twice a second, a thousandth of a core per desk. A dossier another process
received was on screen 0.2–0.5 s after its commit, inside the second a clerk notices. The same code
serves several desks on one SQLite file (WAL), which has no notifications at all.
LISTEN/NOTIFY would bring the delay down to a few milliseconds, but it needs a connection
per desk held open outside the pool (and its own reconnection), a ``pg_notify`` in every
write path of the store (the services' path and the bulk loader), and a poll anyway for
SQLite and to catch up after a lost connection: two mechanisms for a gain no clerk sees.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desk.services.context import DeskContext
from desk.store import changes as store_changes
from desk.store.changes import DossierChange

__all__ = ["DossierChange", "OfficeChanges", "changes_since", "office_mark"]

POLL_SECONDS = 0.5  # how often a desk asks: a change is on screen within a second
RETRY_SECONDS = 5.0  # while the database cannot be reached, quietly
# More dossiers than this since the last mark (a bulk load, a restore): the screens reload
# whole, nobody needs the list of codes.
MAX_LISTED = 200


@dataclass(frozen=True, slots=True)
class OfficeChanges:
    """The dossiers written since a mark (``many``: too many to list, or the log went
    back, as after a restore: everything may have changed)."""

    mark: int
    dossiers: tuple[DossierChange, ...] = ()
    many: bool = False

    def __bool__(self) -> bool:
        return self.many or bool(self.dossiers)

    @property
    def code(self) -> str | None:
        """The one dossier changed (what a screen showing one dossier asks), else None."""
        return self.dossiers[0].code if len(self.dossiers) == 1 and not self.many else None

    @property
    def revision(self) -> int | None:
        return self.dossiers[0].revision if self.code is not None else None

    def others(self, own: Mapping[str, int]) -> OfficeChanges:
        """Without the dossiers this desk has already shown at their present revision
        (``own``: code → revision of the changes it made itself)."""
        kept = tuple(d for d in self.dossiers if own.get(d.code) != d.revision)
        return OfficeChanges(self.mark, kept, self.many)

    def then(self, later: OfficeChanges) -> OfficeChanges:
        """These changes followed by ``later`` ones (the newest revision of each)."""
        merged = {d.code: d for d in self.dossiers}
        merged.update({d.code: d for d in later.dossiers})
        return OfficeChanges(later.mark, tuple(merged.values()), self.many or later.many)


def office_mark(ctx: DeskContext) -> int:
    """Where the office stands now: changes after this mark are news."""
    with ctx.db.connect_read() as session:
        return store_changes.head(session)


def changes_since(ctx: DeskContext, mark: int) -> OfficeChanges:
    """The dossiers received or changed (at any desk) after ``mark``, with the new mark.
    A quiet office costs one index probe."""
    with ctx.db.connect_read() as session:
        head = store_changes.head(session)
        if head == mark:
            return OfficeChanges(head)
        if head < mark:  # the log is shorter than it was: the office was restored
            return OfficeChanges(head, many=True)
        found, more = store_changes.dossiers_changed(session, mark, head, limit=MAX_LISTED)
    return OfficeChanges(head, tuple(found), more)
