"""A province server for training and tests: ``desk province-sim --port P --data DIR``.

It implements PROVINCE_API.md with its own persistent store (SQLite and a files folder
in DIR) and can misbehave on purpose: random 5xx, replies dropped after storing, latency,
a small X-Max-Batch, bursts of 429, short-lived tokens, refused procedure codes, and a
schedule of faults for the next pushes (deterministic tests).

Admin endpoints (no authentication; the server listens on loopback):

- ``GET /_admin/stats``: request counters.
- ``GET /_admin/dossiers``: the latest stored revision of every dossier (with its item).
- ``GET /_admin/log``: every storing of a revision, in order ``[MaHoSo, PhienBan, hash]``.
- ``POST /_admin/faults``: change the fault settings (partial JSON object), returns them.
- ``POST /_admin/changes``: ``{"changes": [...]}`` province-side changes for the feed.
- ``POST /_admin/dossiers``: ``{"data": [item, ...]}`` store items as if the province had
  them (to provoke conflicts and stale answers).
"""

from desk.sync.simulator.server import Faults, ProvinceSimulator
from desk.sync.simulator.store import SimulatorStore, item_hash

__all__ = ["Faults", "ProvinceSimulator", "SimulatorStore", "item_hash"]
