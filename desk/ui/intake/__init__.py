"""The intake screen (new dossier, F2). Part of the main window; see ``view.py``."""

from desk.ui.intake.view import IntakeView

__all__ = ["IntakeView"]
