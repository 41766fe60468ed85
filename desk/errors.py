"""The one family of errors a user can cause.

Every error carries a stable machine-readable ``code`` (for logs, tests and the CLI) and a
Vietnamese ``message`` that is shown to the clerk as it is. Anything that is not a
``DeskError`` is a bug and is reported as such, never as a stack trace in the user's face.
"""

from __future__ import annotations


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
