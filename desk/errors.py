"""The one family of errors a user can cause.

Every error carries a stable machine-readable ``code`` (for logs, tests and the CLI) and a
Vietnamese ``message`` that is shown to the clerk as it is. Anything that is not a
``DeskError`` is a bug and is reported as such, never as a stack trace in the user's face.
"""

from __future__ import annotations

import errno as _errno


class DeskError(Exception):
    """An error caused by input or state the user can fix."""

    code = "desk.error"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.field = field

    def __str__(self) -> str:
        return self.message


class InvalidInput(DeskError):
    """A value typed, scanned or read from a file is not acceptable."""

    code = "input.invalid"


class AlreadyExists(InvalidInput):
    """A value that must be unique is taken already (a user name …); the store raises it
    where the database refuses a duplicate."""

    code = "already_exists"


class NotFound(DeskError):
    code = "not_found"


class IllegalTransition(DeskError):
    code = "dossier.illegal_transition"


class ConfigurationError(DeskError):
    code = "config.invalid"


class SequenceExhausted(DeskError):
    code = "dossier_code.sequence_exhausted"


class CatalogueError(DeskError):
    code = "catalogue.invalid"


# --- faults of the machine around the desk ----------------------------------------------
# Not the clerk's input and not a bug: the database is missing, unreachable, foreign,
# corrupt or newer than this desk, or the disk is full. The command line exits 2 with the
# message, the window shows it in a message box; ``desk.store.faults`` classifies them.


class EnvironmentFault(DeskError):
    """The database or the disk around the desk is not as the desk needs it."""

    code = "env.fault"


class NoDatabase(EnvironmentFault):
    """No office database where the settings (or ``--db``) point."""

    code = "env.no_database"


class UnknownDatabase(NoDatabase):
    """The PostgreSQL server has no database of that name."""

    code = "env.unknown_database"


class CannotConnect(EnvironmentFault):
    """The database server does not answer, refuses the connection, or is not found."""

    code = "env.cannot_connect"


class WrongPassword(CannotConnect):
    """The database server refuses the desk's role name or password."""

    code = "env.wrong_password"


class ForeignDatabase(EnvironmentFault):
    """A database of some other software: refused untouched."""

    code = "env.foreign_database"


class CorruptDatabase(EnvironmentFault):
    """A SQLite file that is not a database or is damaged: refused untouched."""

    code = "env.corrupt"


class NewerSchema(EnvironmentFault):
    """A database made by a newer version of the desk: refused untouched."""

    code = "env.newer_schema"


class DiskFull(EnvironmentFault):
    """The disk (or the user's quota) is full: what was being written is not saved."""

    code = "env.disk_full"

    # ENOSPC and EDQUOT; read from errno where the platform has them.
    ERRNOS: frozenset[int] = frozenset(
        number
        for number in (getattr(_errno, "ENOSPC", None), getattr(_errno, "EDQUOT", None))
        if number is not None
    )

    @classmethod
    def explain(cls, what: str = "dữ liệu") -> DiskFull:
        return cls(
            f"Ổ đĩa đã đầy: không ghi được {what}. Việc vừa làm chưa được lưu. "
            "Giải phóng chỗ trống trên ổ đĩa (xóa tệp không cần, chuyển bản sao lưu cũ sang "
            "ổ khác) rồi làm lại."
        )

    @classmethod
    def from_error(cls, error: BaseException) -> DiskFull | None:
        """The fault behind ``error`` when it (or what it came from) is an OSError of a
        full disk or quota; None otherwise."""
        seen: set[int] = set()
        current: BaseException | None = error
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            if isinstance(current, DiskFull):
                return current
            if isinstance(current, OSError) and current.errno in cls.ERRNOS:
                filename = current.filename
                return cls.explain(f"tệp {filename}" if isinstance(filename, str) else "dữ liệu")
            current = current.__cause__ or current.__context__
        return None
