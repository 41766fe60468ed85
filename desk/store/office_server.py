"""The SQL of setting up an office's PostgreSQL server (``desk setup --postgres``): the
tables' owner and the desk's own role, the database owned by the owner, who may connect to
it, and the migrations run as the owner.

Every statement is run by an administrator's connection (a superuser, or a role with
CREATEROLE and CREATEDB) and each one first reads whether it is needed, so a second run
finds everything in place and changes nothing.

Passwords are sent to the server as SCRAM-SHA-256 verifiers computed here, never as clear
text: a ``CREATE ROLE … PASSWORD`` statement may be written to the server's log.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection

from desk.store import migrate
from desk.store.db import Database

SCRAM_ITERATIONS = 4096  # PostgreSQL's own default (scram_iterations)


def scram_verifier(password: str) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for ``password`` (RFC 5802/7677), for
    a password of printable ASCII (which SASLprep leaves as it is)."""
    salt = secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("ascii"), salt, SCRAM_ITERATIONS)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()

    def b64(value: bytes) -> str:
        return base64.b64encode(value).decode("ascii")

    return f"SCRAM-SHA-256${SCRAM_ITERATIONS}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


@dataclass(frozen=True, slots=True)
class AdminRights:
    """What the administrator's role may do on the server."""

    name: str
    superuser: bool
    create_role: bool
    create_database: bool


def _quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(name)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _become_member(connection: Connection, role: str) -> None:
    """Make the connected administrator a member of ``role`` unless it is one (a superuser
    is a member of every role)."""
    query = text("SELECT pg_has_role(current_user, :r, 'MEMBER')")
    if not connection.execute(query, {"r": role}).scalar():
        connection.exec_driver_sql(f"GRANT {_quote(connection, role)} TO CURRENT_USER")


class ServerAdmin:
    """An administrator's connection to the server (autocommit: CREATE DATABASE runs
    outside a transaction). Its faults (no server, wrong password) are the desk's
    environment faults (``Database.faults``)."""

    def __init__(self, url: str, *, password: str | None = None):
        self.db = Database(url, password=password)
        self._password = password
        self._engine = self.db.engine.execution_options(isolation_level="AUTOCOMMIT")

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        with self.db.faults(), self._engine.connect() as connection:
            yield connection

    def _scalar(self, query: str, **values: Any) -> Any:
        with self._connection() as connection:
            return connection.execute(text(query), values).scalar()

    def close(self) -> None:
        self.db.dispose()

    def rights(self) -> AdminRights:
        with self._connection() as connection:
            row = connection.execute(
                text(
                    "SELECT rolname, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles "
                    "WHERE rolname = current_user"
                )
            ).one()
        return AdminRights(str(row[0]), bool(row[1]), bool(row[2]), bool(row[3]))

    def server_version(self) -> int:
        return int(self._scalar("SELECT current_setting('server_version_num')::int"))

    # --- roles ------------------------------------------------------------------------

    def role_exists(self, role: str) -> bool:
        return bool(self._scalar("SELECT 1 FROM pg_roles WHERE rolname = :r", r=role))

    def role_is_privileged(self, role: str) -> bool:
        """Whether ``role`` is a superuser or may create roles or databases: a role the
        desk must never run as."""
        query = (
            "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls "
            "FROM pg_roles WHERE rolname = :r"
        )
        return bool(self._scalar(query, r=role))

    def create_role(self, role: str, password: str) -> None:
        with self._connection() as connection:
            verifier = _literal(scram_verifier(password))
            connection.exec_driver_sql(
                f"CREATE ROLE {_quote(connection, role)} LOGIN PASSWORD {verifier}"
            )

    def set_password(self, role: str, password: str) -> None:
        with self._connection() as connection:
            verifier = _literal(scram_verifier(password))
            connection.exec_driver_sql(
                f"ALTER ROLE {_quote(connection, role)} LOGIN PASSWORD {verifier}"
            )

    # --- the database -----------------------------------------------------------------

    def database_owner(self, database: str) -> str | None:
        """The owner of ``database``, or None when the server has no such database."""
        query = "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = :d"
        owner = self._scalar(query, d=database)
        return None if owner is None else str(owner)

    def create_database(self, database: str, owner: str) -> None:
        """``database``, in UTF-8 whatever the cluster's default (a Windows cluster may be
        WIN1258), owned by ``owner``. A role that is not a superuser must be a member of
        the owner to give it a database: it makes itself one (CREATEROLE allows it)."""
        with self._connection() as connection:
            quoted_owner = _quote(connection, owner)
            _become_member(connection, owner)
            connection.execute(
                text(
                    f"CREATE DATABASE {_quote(connection, database)} OWNER {quoted_owner} "
                    "ENCODING 'UTF8' TEMPLATE template0"
                )
            )

    def may_connect(self, role: str, database: str) -> bool:
        query = "SELECT has_database_privilege(:r, :d, 'CONNECT')"
        return bool(self._scalar(query, r=role, d=database))

    def public_may_connect(self, database: str) -> bool:
        """Whether every role of the server (PUBLIC) may connect to ``database`` (the
        default of a new database)."""
        query = (
            "SELECT count(*) FROM pg_database d, "
            "aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a "
            "WHERE d.datname = :d AND a.grantee = 0 "
            "AND a.privilege_type IN ('CONNECT', 'TEMPORARY')"
        )
        return bool(self._scalar(query, d=database))

    def grant_connect(self, role: str, database: str) -> None:
        with self._connection() as connection:
            connection.execute(
                text(
                    f"GRANT CONNECT ON DATABASE {_quote(connection, database)} "
                    f"TO {_quote(connection, role)}"
                )
            )

    def revoke_public_connect(self, database: str) -> None:
        """Only the roles given CONNECT (and the owner) may connect to ``database``."""
        with self._connection() as connection:
            connection.execute(
                text(
                    f"REVOKE CONNECT, TEMPORARY ON DATABASE {_quote(connection, database)} "
                    "FROM PUBLIC"
                )
            )

    def owner_database(self, database: str, owner: str) -> Database:
        """``database`` through this administrator's connection acting as ``owner`` (SET
        ROLE on every new connection): what it creates belongs to the owner, and the
        owner needs no password nor a pg_hba.conf line of its own for it."""
        with self._connection() as connection:
            _become_member(connection, owner)  # else SET ROLE is refused
        target = Database(self.db.url.set(database=database), password=self._password)
        role = owner

        @event.listens_for(target.engine, "connect")
        def _act_as_owner(dbapi_connection: Any, _record: Any) -> None:
            with dbapi_connection.cursor() as cursor:
                cursor.execute(f"SET ROLE {target.engine.dialect.identifier_preparer.quote(role)}")
            dbapi_connection.commit()

        return target


def schema_state(db: Database, app_role: str) -> tuple[str | None, bool]:
    """(the schema's revision, None before the first migration; whether it is the newest
    and the desk's role holds all its grants) of an office database."""
    with db.faults():
        revision = migrate.checked_revision(db)
        at_head = revision == migrate.SCHEMA_HEAD
        return revision, at_head and migrate.application_role_ready(db, app_role)


def migrate_as_owner(db: Database, app_role: str) -> bool:
    """Bring the schema to the newest revision and grant the desk's role, on ``db`` acting
    as the owner (``ServerAdmin.owner_database``); True when a migration was applied."""
    with db.faults():
        return migrate.upgrade(db, app_role=app_role)
