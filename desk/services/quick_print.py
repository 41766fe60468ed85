"""``desk print FORM CODE`` on the office's own SQLite file without SQLAlchemy, when all is
as usual: the whole command in ~300 ms, where SQLAlchemy's import alone costs ~190 ms
(docs/performance.md, issue 16).

It does what ``desk.services.auth.authenticate`` and ``desk.services.printing`` do for
a print that goes through, with the same results: the start's checks of the file and of
the log's tail, the account, its role, the dossier, the form's own checks, the PDF, the
password (argon2, checked ahead in its thread: the PDF is drawn meanwhile and kept only
if the password is right), and the log's two entries (signed in, printed; one write
transaction). It reads through ``desk.store.plain``.

Anything out of the ordinary is left to the usual way, which says it and records it as
it always has: ``print_form`` returns None before writing anything, and the command
opens the office with SQLAlchemy and prints again from the start. So: another database
than the data folder's own SQLite file, a schema to migrate, a damaged log tail (the
usual way warns), an account unknown, disabled, with failed sign-ins on its name, a
wrong password, a hash to renew, a role that may not print, a dossier not found or a
form that does not apply, a Committee letter (its first print issues it), a form that
counts working time (the calendar), any database error.
"""

from __future__ import annotations

from datetime import datetime

from desk.atomic import keep_private
from desk.config import CONFIG_FILE_NAME, PRIVATE_FOLDERS, DeskConfig
from desk.domain.access import Permission, require
from desk.domain.audit import AuditAction, account_subject, entry
from desk.domain.calendar import now_in_office
from desk.domain.codes import typed_code
from desk.domain.letters import LETTER_KINDS
from desk.domain.text import clean
from desk.errors import DeskError
from desk.printing import FormSpec
from desk.services import auth_check
from desk.services.print_forms import FormDetails, parameters_of, print_entry, spec_of
from desk.store.plain import PlainOffice, Unavailable
from desk.store.sqlite_setup import sqlite_files


def print_form(
    config: DeskConfig,
    username: str,
    password: str,
    form: str,
    code: str,
    *,
    paper: str | None = None,
    details: FormDetails | None = None,
    now: datetime | None = None,
) -> bytes | None:
    """The form's PDF, printed and logged for the account ``username`` signing in with
    ``password``; None when the office must be opened the usual way (nothing written)."""
    if config.database_url or form in LETTER_KINDS:
        return None
    path = config.default_sqlite_path
    if not path.is_file():
        return None
    try:
        spec = spec_of(form, paper)
        if spec.needs_calendar:
            return None
        office = PlainOffice.open(path, config.backup_dir)
    except (DeskError, Unavailable):
        return None
    try:
        keep_private(
            config.data_dir,
            folders=PRIVATE_FOLDERS,
            files=(*sqlite_files(path), config.data_dir / CONFIG_FILE_NAME),
        )
        return _printed(
            office,
            config,
            clean(username).lower(),
            password,
            spec,
            code,
            paper=paper,
            details=details or FormDetails(),
            now=now,
        )
    except (DeskError, Unavailable):
        return None
    finally:
        office.close()


def _printed(
    office: PlainOffice,
    config: DeskConfig,
    name: str,
    password: str,
    spec: FormSpec,
    code: str,
    *,
    paper: str | None,
    details: FormDetails,
    now: datetime | None,
) -> bytes | None:
    form = spec.name
    typed = str(typed_code(code))
    with office.reading():
        shown = office.office()
        account = office.account(name)
        throttled = office.has_sign_in_failures(name)
        broken = office.log_tail_break()
        dossier = office.dossier(typed)
        procedure = (
            office.procedure(dossier.procedure_code) if dossier and spec.needs_procedure else None
        )
    if shown is None or account is None or throttled or broken is not None or dossier is None:
        return None
    if spec.needs_procedure and procedure is None:
        return None
    user, stored_hash = account
    if not user.active or auth_check.hasher.check_needs_rehash(stored_hash):
        return None
    require(user, Permission.PRINT)
    require(user, Permission.SHOW)
    spec.check(dossier, now)
    # Drawn while argon2 checks the password in its thread (``auth_check.begin``); the
    # PDF leaves this function only if the password is right.
    pdf = spec.render_for(
        shown,
        dossier,
        procedure=procedure,
        parameters=parameters_of(form, dossier, details),
        paper=paper,
        template_set=config.template_set,
        now=now,
        calendar=None,
    )
    if auth_check.peek(stored_hash, password) is False:
        return None  # the usual sign-in takes this answer, says it and counts the failure
    if not auth_check.verify(stored_hash, password):
        return None
    signed_in = entry(AuditAction.SIGNED_IN, account_subject(name), at=now_in_office(), actor=user)
    office.append_log([signed_in, print_entry(user, form, str(dossier.code), at=now)])
    return pdf
