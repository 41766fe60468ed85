"""The provincial sync as the office uses it (docs/sync.md, PROVINCE_API.md):

- ``settings``: the connection the office configured, trying and saving it (password
  protected);
- ``supervisor``: what the supervisor sees (figures, needs-attention list, what a run
  would send, online or not) and decides (resolving an item, resending);
- ``run``: one run in order, ``run_sync``; its phases ``feed`` (province changes as
  audited transitions), ``uploads`` (scanned files) and ``push`` (batches written before
  they are sent), sharing a ``state``.

``from desk.services import sync`` gives the names below.
"""

from desk.services.sync.batches import (
    PendingBatchView,
    pending_batches,
    set_aside_batch,
    stuck_batches,
)
from desk.services.sync.lock import current_holder
from desk.services.sync.province import known_store
from desk.services.sync.run import SyncRun, run_sync
from desk.services.sync.settings import (
    ConnectionCheck,
    SettingsView,
    connection_settings,
    current_settings,
    reload_settings,
    save_settings,
    secret_dir,
    try_connection,
)
from desk.services.sync.state import ProgressCallback
from desk.services.sync.supervisor import (
    SyncOverview,
    SyncPreview,
    attention_items,
    check_online,
    overview,
    preview,
    preview_items,
    resolve_attention,
)

__all__ = [
    "ConnectionCheck",
    "PendingBatchView",
    "ProgressCallback",
    "SettingsView",
    "SyncOverview",
    "SyncPreview",
    "SyncRun",
    "attention_items",
    "check_online",
    "connection_settings",
    "current_holder",
    "current_settings",
    "known_store",
    "overview",
    "pending_batches",
    "preview",
    "preview_items",
    "reload_settings",
    "resolve_attention",
    "run_sync",
    "save_settings",
    "secret_dir",
    "set_aside_batch",
    "stuck_batches",
    "try_connection",
]
