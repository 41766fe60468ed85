"""Every service checks the role itself: called directly (no window, no command line) by a
signed-out context, a clerk, a supervisor and an admin, each gets the answer its role
allows, and a refused call leaves no trace in the log or the records."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from desk.config import DeskConfig
from desk.domain.access import NotAllowed, NotSignedIn
from desk.domain.audit import AuditAction, AuditEntry
from desk.domain.calendar import DayKind, now_in_office
from desk.domain.catalogue import Catalogue
from desk.domain.dossier import IntakeRequest, Person, ReceivedDocument
from desk.domain.figures import Period
from desk.domain.handover import Handover, Satisfaction
from desk.domain.office import Role
from desk.domain.outbox import AttentionKind
from desk.domain.status import ActorKind, Status
from desk.errors import DeskError
from desk.printing.notices import SupplementRequest
from desk.services import (
    attachments,
    audit,
    auth,
    calendar,
    demo,
    dossier_list,
    dossiers,
    export,
    figures,
    handover,
    intake,
    people,
    printing,
    search,
    setup,
    sync,
    today,
)
from desk.services import catalogue as catalogue_service
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from desk.store import dossiers as store_dossiers
from desk.store import sync_records
from desk.sync.connection import ConnectionSettings, RetryPolicy
from desk.sync.secrets import Secret

ACCOUNTS = {Role.CLERK: "canbo1", Role.SUPERVISOR: "lanhdao", Role.ADMIN: "quantri"}
ROLE_ORDER = [None, Role.CLERK, Role.SUPERVISOR, Role.ADMIN]
_names = itertools.count(1)


def request() -> IntakeRequest:
    return IntakeRequest(
        procedure_code="1.004873",
        applicant=Person(
            "Đặng Thị Đào", id_number="025190123456", phone="0912345678", address="Thôn Đông"
        ),
        documents=[ReceivedDocument("Tờ khai", code="TK", originals=1)],
    )


class Office(DeskContext):
    """The office the table runs on, with one dossier received beforehand."""

    env_code: str = ""
    env_scan: Path = Path()


def fresh_code(ctx: DeskContext) -> str:
    """A dossier just received by the admin (whatever account the context acts for)."""
    admin = demo.demo_account(ctx, "quantri")
    return str(intake.receive_dossier(ctx, request(), admin).code)


def reschedule(ctx: DeskContext, user: Any, code: str) -> object:
    with ctx.db.read() as session:
        due = store_dossiers.get_dossier(session, code).due_at
    return dossiers.reschedule(ctx, code, due + timedelta(days=5), "Chờ xác minh", user)


def save_settings(ctx: DeskContext, user: Any, _: Any) -> object:
    before = ctx.config.province
    try:
        return sync.save_settings(
            ctx, server="https://motcua.example.vn/api", username="motcua", password=Secret("p")
        )
    finally:
        ctx.config.province = before  # later cases must not reach for that server


def save_office(ctx: DeskContext, user: Any, _: Any) -> object:
    office = ctx.office
    setup.save_office(ctx, replace(office, phone="0211 3888 999"))
    setup.save_office(ctx, office)
    return None


def new_account(ctx: DeskContext, user: Any, _: Any) -> object:
    username = f"canbo{100 + next(_names)}"
    return auth.create_user(ctx, username, "Vũ Thị Hà", Role.CLERK, "mat-khau-9")


def nothing(ctx: DeskContext) -> None:
    return None


@dataclass(frozen=True)
class Case:
    name: str
    least: Role | None  # the lowest role allowed; None: no account needed
    # Called with the context (acting for the role), the role's account and what
    # ``prepare`` made beforehand (as the admin, outside what is measured).
    call: Callable[[Office, Any, Any], object]
    prepare: Callable[[Office], Any] = nothing
    # Past the role check, an error the allowed roles still get (the call's own reason):
    other_error: str = ""


CASES = [
    Case("receive_dossier", Role.CLERK, lambda c, u, _: intake.receive_dossier(c, request(), u)),
    Case(
        "change_status",
        Role.CLERK,
        lambda c, u, code: dossiers.change_status(c, code, Status.PROCESSING, u),
        fresh_code,
    ),
    Case(
        "change_status by the province (inside a sync run)",
        Role.SUPERVISOR,
        lambda c, u, code: dossiers.change_status(
            c, code, Status.PROCESSING, None, actor_kind=ActorKind.PROVINCE
        ),
        fresh_code,
    ),
    Case("reschedule", Role.CLERK, reschedule, fresh_code),
    Case(
        "hand_back",
        Role.CLERK,
        lambda c, u, code: handover.hand_back(
            c, code, Handover(Satisfaction.SATISFIED), u, same_day=True
        ),
        fresh_code,
    ),
    Case("get_dossier", Role.CLERK, lambda c, u, _: dossiers.get_dossier(c, c.env_code)),
    Case("open_dossier", Role.CLERK, lambda c, u, _: dossiers.open_dossier(c, c.env_code)),
    Case("search", Role.CLERK, lambda c, u, _: search.search(c, "Đặng")),
    Case(
        "list_page",
        Role.CLERK,
        lambda c, u, _: dossier_list.list_page(c, dossier_list.ListFilter()),
    ),
    Case("known_person", Role.CLERK, lambda c, u, _: people.known_person(c, "025190123456")),
    Case(
        "render_dossier_form",
        Role.CLERK,
        lambda c, u, _: printing.render_dossier_form(c, "slip", c.env_code),
    ),
    Case(
        "render_intake_supplement",
        Role.CLERK,
        lambda c, u, _: printing.render_intake_supplement(
            c, request(), SupplementRequest(["Bản sao giấy khai sinh"], "Thiếu giấy tờ"), u
        ),
    ),
    Case(
        "render_handover_line",
        Role.CLERK,
        lambda c, u, _: handover.render_handover_line(c, c.env_code),
    ),
    Case("dossier_letters", Role.CLERK, lambda c, u, _: printing.dossier_letters(c, c.env_code)),
    Case(
        "store_attachment",
        Role.CLERK,
        lambda c, u, _: attachments.store_attachment(c, c.env_scan),
    ),
    Case(
        "export_jsonl",
        Role.SUPERVISOR,
        lambda c, u, _: export.export_jsonl(c, c.config.data_dir / "export.jsonl"),
    ),
    Case(
        "period_figures",
        Role.SUPERVISOR,
        lambda c, u, _: figures.period_figures(c, Period.month(2026, 11)),
    ),
    Case(
        "put_override",
        Role.SUPERVISOR,
        lambda c, u, _: calendar.put_override(c, date(2026, 12, 31), DayKind.OFF, "Nghỉ bù"),
    ),
    Case(
        "remove_override",
        Role.SUPERVISOR,
        lambda c, u, _: calendar.remove_override(c, date(2026, 12, 30)),
        other_error="calendar.no_override",
    ),
    Case(
        "run_sync",
        Role.SUPERVISOR,
        lambda c, u, _: sync.run_sync(c),
        other_error="sync.not_configured",
    ),
    Case("sync preview", Role.SUPERVISOR, lambda c, u, _: sync.preview(c)),
    Case("sync preview_items", Role.SUPERVISOR, lambda c, u, _: sync.preview_items(c)),
    Case("sync overview", Role.SUPERVISOR, lambda c, u, _: sync.overview(c)),
    Case("attention_items", Role.SUPERVISOR, lambda c, u, _: sync.attention_items(c)),
    Case(
        "resolve_attention",
        Role.SUPERVISOR,
        lambda c, u, _: sync.resolve_attention(c, 999_999),
        other_error="sync.attention",
    ),
    Case("save_settings (sync configure)", Role.SUPERVISOR, save_settings),
    Case(
        "connection_settings (reveals the province password)",
        Role.SUPERVISOR,
        lambda c, u, _: sync.connection_settings(c),
        other_error="sync.not_configured",
    ),
    Case("audit verify", Role.SUPERVISOR, lambda c, u, _: audit.verify(c)),
    Case("save_office", Role.ADMIN, save_office),
    Case("import_catalogue", Role.ADMIN, lambda c, u, _: catalogue_service.import_catalogue(c)),
    Case(
        "export_catalogue",
        Role.ADMIN,
        lambda c, u, _: catalogue_service.export_catalogue(c, c.config.data_dir / "catalogue.json"),
    ),
    Case("create_user", Role.ADMIN, new_account),
    Case("list_users", Role.ADMIN, lambda c, u, _: auth.list_users(c)),
    Case(
        "reset_password",
        Role.ADMIN,
        lambda c, u, _: auth.reset_password(c, "canbo2", "canbo2-demo"),
    ),
    Case("set_active", Role.ADMIN, lambda c, u, _: auth.set_active(c, "canbo2", True)),
    Case("set_role", Role.ADMIN, lambda c, u, _: auth.set_role(c, "canbo2", Role.CLERK)),
    # What needs no account: calendar look-ups, the intake's catalogue, the day's counts,
    # and the demo (which refuses a real office by itself).
    Case("year_calendar", None, lambda c, u, _: calendar.year_calendar(c, 2026)),
    Case("due_terms", None, lambda c, u, _: calendar.due_terms(c, "1.004873", now_in_office())),
    Case("procedures", None, lambda c, u, _: dossier_list.procedures(c)),
    Case("today_counts", None, lambda c, u, _: today.today_counts(c)),
    Case("ensure_demo_office", None, lambda c, u, _: demo.ensure_demo_office(c)),
    Case("add_demo_dossiers", None, lambda c, u, _: demo.add_demo_dossiers(c, 1, seed=7)),
]


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    directory = tmp_path_factory.mktemp("access")
    base = DeskContext.open(DeskConfig(data_dir=directory / "office"))
    demo.ensure_demo_office(base)
    ctx = Office(base.config, base.db)
    ctx.env_code = fresh_code(ctx)
    ctx.env_scan = directory / "scan.pdf"
    ctx.env_scan.write_bytes(b"%PDF-1.4 a scanned page")
    yield ctx
    ctx.close()


def allowed(role: Role | None, least: Role | None) -> bool:
    return least is None or (role is not None and ROLE_ORDER.index(role) >= ROLE_ORDER.index(least))


@pytest.mark.parametrize("role", ROLE_ORDER, ids=lambda r: r.value if r else "signed-out")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_service_answers_as_the_role_allows(
    office: Office, case: Case, role: Role | None
) -> None:
    user = demo.demo_account(office, ACCOUNTS[role]) if role else None
    office.act_as(user)
    prepared = case.prepare(office)
    with office.db.read() as session:
        head = store_audit.head(session)
    if not allowed(role, case.least):
        expected = NotSignedIn if role is None else NotAllowed
        with pytest.raises(expected) as refused:
            case.call(office, user, prepared)
        assert refused.value.code == ("access.sign_in" if role is None else "access.denied")
        with office.db.read() as session:
            assert store_audit.head(session) == head  # a refusal writes nothing
        return
    if case.other_error:
        with pytest.raises(DeskError) as stopped:
            case.call(office, user, prepared)
        assert stopped.value.code == case.other_error
    else:
        case.call(office, user, prepared)


def test_a_disabled_account_is_refused_everywhere(office: Office) -> None:
    office.act_as(demo.demo_account(office, "quantri"))
    auth.create_user(office, "nghiviec", "Người Nghỉ Việc", Role.SUPERVISOR, "mat-khau-9")
    leaving = demo.demo_account(office, "nghiviec")
    auth.set_active(office, "nghiviec", False)
    office.act_as(replace(leaving, active=False))
    with pytest.raises(NotAllowed, match="đã bị khóa"):
        search.search(office, "Đặng")
    with pytest.raises(NotAllowed, match="đã bị khóa"):
        intake.receive_dossier(office, request(), replace(leaving, active=False))


def test_the_first_setup_needs_no_account_but_only_once(tmp_path: Path) -> None:
    ctx = DeskContext.open(DeskConfig(data_dir=tmp_path / "new"))
    try:
        admin = setup.first_setup(
            ctx,
            demo.DEMO_OFFICE,
            admin_username="QuanTri",
            admin_full_name="Lê Văn Quản",
            admin_password="mat-khau-quan-tri",
        )
        assert admin.username == "quantri" and admin.role is Role.ADMIN
        assert ctx.user == admin  # the context acts for the new admin
        with ctx.db.read() as session:
            actions = [e.action for e in store_audit.iter_entries(session)]
        assert AuditAction.OFFICE_SET_UP.value in actions
        assert AuditAction.CATALOGUE_IMPORTED.value in actions
        assert AuditAction.ACCOUNT_CREATED.value in actions
        ctx.act_as(None)
        with pytest.raises(NotAllowed, match="tài khoản quản trị"):
            setup.first_setup(
                ctx,
                demo.DEMO_OFFICE,
                admin_username="evil",
                admin_full_name="Kẻ Gian",
                admin_password="mat-khau-evil",
            )
        with pytest.raises(DeskError) as demo_refused:
            demo.add_demo_dossiers(ctx, 1)
        assert demo_refused.value.code == "demo.real_office"
        ctx.act_as(admin)
        assert audit.verify(ctx).problems == []
    finally:
        ctx.close()


# --- what each action leaves in the office's log ------------------------------------------


def entries(ctx: DeskContext, action: AuditAction) -> list[AuditEntry]:
    with ctx.db.read() as session:
        return [e for e in store_audit.iter_entries(session) if e.action == action.value]


def test_calendar_overrides_are_logged_with_the_day_and_who(ctx: DeskContext) -> None:
    calendar.put_override(ctx, date(2026, 12, 29), DayKind.OFF, "Nghỉ bù")
    calendar.put_override(ctx, date(2026, 12, 29), DayKind.WORK)
    calendar.remove_override(ctx, date(2026, 12, 29))
    put, again, removed = entries(ctx, AuditAction.CALENDAR_CHANGED)
    assert put.subject == "2026-12-29"
    assert (put.detail["change"], put.detail["kind"], put.detail["name"]) == (
        "put",
        "off",
        "Nghỉ bù",
    )
    assert again.detail["previous"] == {"kind": "off", "name": "Nghỉ bù"}
    assert (removed.detail["change"], removed.detail["kind"]) == ("removed", "work")
    assert ctx.user is not None
    assert {e.actor_user_id for e in (put, again, removed)} == {ctx.user.id}


def test_a_new_agency_id_with_dossiers_needs_confirming_and_is_logged(
    ctx: DeskContext,
) -> None:
    office = ctx.office
    # No dossier yet: the id may be corrected freely.
    setup.save_office(ctx, replace(office, agency_id="000.17.22.H57"))
    fresh_code(ctx)
    with pytest.raises(DeskError) as refused:
        setup.save_office(ctx, office)
    assert refused.value.code == "office.agency_change"
    assert "từ chối" in refused.value.message and "1 hồ sơ" in refused.value.message
    assert ctx.office.agency_id == "000.17.22.H57"  # nothing changed
    setup.save_office(ctx, office, confirm_agency_change=True)
    assert ctx.office.agency_id == office.agency_id
    *_, corrected, confirmed = entries(ctx, AuditAction.OFFICE_SET_UP)
    assert corrected.detail["agency_id"] == [office.agency_id, "000.17.22.H57"]
    assert confirmed.detail["agency_id"] == ["000.17.22.H57", office.agency_id]
    assert confirmed.detail["confirmed_with_dossiers"] == 1
    assert confirmed.detail["office"]["agency_name"] == office.agency_name


def test_a_catalogue_import_logs_the_codes_added_withdrawn_and_changed(
    ctx: DeskContext,
) -> None:
    shipped = catalogue_service.full_catalogue(ctx)
    first, second, *rest = shipped.procedures
    edited = Catalogue((replace(first, name=first.name + " (sửa)"), *rest))
    assert catalogue_service.import_catalogue(ctx, edited).count == len(shipped) - 1
    entry = entries(ctx, AuditAction.CATALOGUE_IMPORTED)[-1]
    assert entry.detail["count"] == len(shipped) - 1
    assert entry.detail["changed"] == [first.code]
    assert entry.detail["removed"] == [second.code]
    assert entry.detail["added"] == []
    catalogue_service.import_catalogue(ctx, shipped)
    assert entries(ctx, AuditAction.CATALOGUE_IMPORTED)[-1].detail["added"] == []


def test_views_prints_letters_and_exports_are_logged(ctx: DeskContext, tmp_path: Path) -> None:
    code = fresh_code(ctx)
    clerk = demo.demo_account(ctx, "canbo1")
    ctx.act_as(clerk)
    dossiers.get_dossier(ctx, code)
    assert entries(ctx, AuditAction.DOSSIER_VIEWED) == []  # work on a dossier is not a view
    dossiers.open_dossier(ctx, code)
    (viewed,) = entries(ctx, AuditAction.DOSSIER_VIEWED)
    assert (viewed.subject, viewed.actor_user_id) == (code, clerk.id)
    printing.render_dossier_form(ctx, "slip", code, copies=2)
    (printed,) = entries(ctx, AuditAction.DOSSIER_PRINTED)
    assert printed.detail == {"form": "slip", "code": code, "copies": 2}
    # A Committee letter: issued once (with its number), printed every time.
    with ctx.db.read() as session:
        due = store_dossiers.get_dossier(session, code).due_at
    dossiers.reschedule(ctx, code, due + timedelta(days=5), "Chờ xác minh", clerk)
    printing.render_dossier_form(ctx, "apology", code)
    printing.render_dossier_form(ctx, "apology", code)
    (issued,) = entries(ctx, AuditAction.LETTER_ISSUED)
    assert issued.subject == code and issued.detail["number"] == 1
    assert issued.actor_user_id == clerk.id
    assert [e.detail["form"] for e in entries(ctx, AuditAction.DOSSIER_PRINTED)] == [
        "slip",
        "apology",
        "apology",
    ]
    ctx.act_as(demo.demo_account(ctx, "lanhdao"))
    out = tmp_path / "ban-giao.jsonl"
    assert export.export_jsonl(ctx, out, since=date(2026, 1, 1)) == 1
    (exported,) = entries(ctx, AuditAction.DOSSIERS_EXPORTED)
    assert exported.detail == {"count": 1, "since": "2026-01-01", "file": "ban-giao.jsonl"}


def test_an_attention_item_is_resolved_in_the_acting_accounts_name(ctx: DeskContext) -> None:
    code = fresh_code(ctx)
    with ctx.db.write() as session:
        item = sync_records.add_attention(
            session,
            kind=AttentionKind.FEED_ILLEGAL,
            dossier_id=None,
            code=code,
            revision=None,
            reason="Tỉnh gửi trạng thái không hợp lệ",
            detail={},
            now=now_in_office(),
        )
    assert item is not None
    supervisor = demo.demo_account(ctx, "lanhdao")
    ctx.act_as(supervisor)
    resolved = sync.resolve_attention(ctx, item.id, note="Đã gọi điện cho tỉnh")
    assert resolved.resolved_by == supervisor.full_name
    (logged,) = entries(ctx, AuditAction.ATTENTION_RESOLVED)
    assert logged.actor_user_id == supervisor.id
    assert logged.detail["item"] == item.id and logged.detail["code"] == code
    assert logged.detail["resolution"] == "Đã gọi điện cho tỉnh"


def test_a_sync_run_is_logged_at_its_end_with_its_outcome(ctx: DeskContext) -> None:
    settings = ConnectionSettings(
        base_url="http://127.0.0.1:9/api",
        agency_id=ctx.office.agency_id,
        username="motcua",
        password=Secret("motcua-demo"),
        allow_insecure_http=True,
        connect_timeout_s=1,
        read_timeout_s=1,
    )
    quick = RetryPolicy(attempts=1, base_delay_s=0.01, max_delay_s=0.01, budget_s=1)
    ctx.act_as(demo.demo_account(ctx, "lanhdao"))
    report = sync.run_sync(ctx, settings=settings, retry=quick)
    (run,) = entries(ctx, AuditAction.SYNC_RUN)
    assert run.detail["outcome"] == report.outcome.value == "offline"
    assert run.detail["run_id"] == report.run_id
    assert run.detail["items_sent"] == 0


def test_the_demo_office_is_made_in_the_demos_name_and_verifies(ctx: DeskContext) -> None:
    made = entries(ctx, AuditAction.OFFICE_SET_UP) + entries(ctx, AuditAction.ACCOUNT_CREATED)
    assert {e.actor_name for e in made} == {auth.DEMO_ACTOR}
    assert entries(ctx, AuditAction.OFFICE_SET_UP)[0].detail["is_demo"] is True
    demo.add_demo_dossiers(ctx, 3, seed=3)
    assert audit.verify(ctx).problems == []
