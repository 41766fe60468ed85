"""The desk's policy for Python's cyclic garbage collector.

A full collection (the oldest generation) walks every object of the process. Once the
desk has started that is mostly what the start loaded and keeps until the desk closes:
modules, SQLAlchemy's ORM and the models, Qt's wrappers of the window. Walking it stalled
the list's scrolling 100–240 ms (issue 16). So once the main window is built, those
objects are moved out of the collector's reach (``gc.freeze``): later collections walk
only what came after — the list's rows, a dossier's screens — and the collector's
thresholds stay Python's own.

The price: a cycle of garbage that exists at that moment is never freed. There is no
``gc.collect()`` first, because that walk (about 90 ms of CPU) would stall the window as
it opens; measured on the bench's start, a collection at that moment finds nothing.
"""

from __future__ import annotations

import gc

_settled = False


def settle_after_start() -> None:
    """Called once the main window is built; later calls do nothing (a second window, a
    sign-in after a sign-out, a restore, must not freeze what the clerk's work left)."""
    global _settled
    if _settled:
        return
    _settled = True
    gc.freeze()
