"""TEMPORARY re-export of the store's functions under their old module (issue 8).

The repositories were split by aggregate: ``office`` (office, staff, catalogue, calendar,
sequence), ``people``, ``dossiers`` (writing, ``save_change``, loading), ``search`` (the one
summary projection: list, search box, lookup by code) and ``counts``; the rows come from
``rows``. This module only keeps the modules that still import it working while they are
rewritten; import from the modules above instead. Delete it when nothing imports it.
"""

from __future__ import annotations

from desk.store.counts import (
    count_dossiers,
    count_outbox,
    count_overdue,
    count_received_between,
    count_returned_between,
    count_running_due_between,
)
from desk.store.dossiers import (
    NewDossier,
    all_codes,
    append_events,
    day_sequences,
    dossiers_received_between,
    get_dossier,
    insert_dossier,
    iter_dossiers,
    load_dossiers,
    lock_dossier,
    queue_for_sync,
    record_attachment,
    save_change,
)
from desk.store.office import (
    add_user,
    allocate_sequence,
    get_procedure,
    list_users,
    load_calendar_overrides,
    load_catalogue,
    load_office,
    put_calendar_override,
    remove_calendar_override,
    replace_catalogue,
    save_office,
    set_password_hash,
    user_with_hash,
)
from desk.store.people import find_person_by_id_number, save_person
from desk.store.search import (
    find_by_code,
    find_by_column,
    find_by_id_number,
    latest,
    search_text,
)

__all__ = [
    "NewDossier",
    "add_user",
    "all_codes",
    "allocate_sequence",
    "append_events",
    "count_dossiers",
    "count_outbox",
    "count_overdue",
    "count_received_between",
    "count_returned_between",
    "count_running_due_between",
    "day_sequences",
    "dossiers_received_between",
    "find_by_code",
    "find_by_column",
    "find_by_id_number",
    "find_person_by_id_number",
    "get_dossier",
    "get_procedure",
    "insert_dossier",
    "iter_dossiers",
    "latest",
    "list_users",
    "load_calendar_overrides",
    "load_catalogue",
    "load_dossiers",
    "load_office",
    "lock_dossier",
    "put_calendar_override",
    "queue_for_sync",
    "record_attachment",
    "remove_calendar_override",
    "replace_catalogue",
    "save_change",
    "save_office",
    "save_person",
    "search_text",
    "set_password_hash",
    "user_with_hash",
]
