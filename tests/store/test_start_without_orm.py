"""The start on plain Core connections: opening the office (its checks and migrations),
signing in (a refusal and a success, each with its log entry), the day's figures and the
office watch's mark, all without SQLAlchemy's ORM or the desk's models. Run in a process
of its own: this one (and any test before it in the same worker) has imported them."""

from __future__ import annotations

from desk.config import DeskConfig
from desk.domain.audit import GENESIS, AuditAction, first_break
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from desk.store import office as store_office
from tests.fresh_process import run_script

START = """
import json, sys
from pathlib import Path

from desk.config import DeskConfig
from desk.errors import DeskError
from desk.services import auth, office_watch, today
from desk.services.context import DeskContext

ctx = DeskContext.open(DeskConfig(data_dir=Path(sys.argv[1])), create=False)
try:
    auth.authenticate(ctx, "canbo1", "not-the-password")
    refused = ""
except DeskError as error:
    refused = error.code
user = auth.authenticate(ctx, "canbo1", "canbo1-demo")
figures = today.desk_figures(ctx)
mark = office_watch.office_mark(ctx)
ctx.close()
print(json.dumps({
    "refused": refused,
    "user": user.username,
    "received": figures.received,
    "mark": mark,
    "orm": "sqlalchemy.orm" in sys.modules,
    "models": "desk.store.models" in sys.modules,
}))
"""


def test_the_start_signs_in_and_counts_without_the_orm(ctx) -> None:
    data = ctx.config.data_dir
    with ctx.db.read() as session:
        head_seq, _ = store_audit.head(session)
    ctx.close()

    seen = run_script(START, str(data), data=data)

    assert seen["orm"] is False and seen["models"] is False
    assert seen["refused"] == "auth.failed" and seen["user"] == "canbo1"
    assert seen["received"] == 0
    again = DeskContext.open(DeskConfig(data_dir=data), create=False)
    try:
        with again.db.read() as session:
            entries = list(store_audit.iter_entries(session))
            canbo1 = store_office.get_user(session, "canbo1")
            failures = store_office.sign_in_failures(session, "canbo1")
    finally:
        again.close()
    # The log's chain holds, and the two sign-ins wrote what they always wrote.
    assert first_break(entries, GENESIS, 1) is None
    refusal, signed_in = entries[head_seq:]
    assert seen["mark"] == signed_in.seq == head_seq + 2
    assert (refusal.action, refusal.subject, refusal.actor_user_id) == (
        AuditAction.SIGN_IN_FAILED.value,
        "user:canbo1",
        None,
    )
    assert refusal.detail == {"failures": 1}
    assert canbo1 is not None
    assert (signed_in.action, signed_in.subject, signed_in.actor_user_id) == (
        AuditAction.SIGNED_IN.value,
        "user:canbo1",
        canbo1.id,
    )
    assert signed_in.actor_name == canbo1.full_name and signed_in.detail == {}
    assert failures is None  # the success cleared the failure counted before it
