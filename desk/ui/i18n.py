"""The desk's languages: Vietnamese in the source, English through Qt Linguist files.

``resources/i18n/desk_en.ts`` is the translators' file (``pyside6-lupdate``), and
``desk_en.qm`` its compiled form (``pyside6-lrelease``) loaded at start. Text that comes
from the services (status names, error messages, printed forms) stays Vietnamese: it is
the office's legal language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from desk.resources import RESOURCES

I18N_DIR = RESOURCES / "i18n"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"

_installed: list[QTranslator] = []


def install_translator(language: str) -> bool:
    """Use ``language`` for the widgets created from now on; True when it is in force."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    while _installed:
        app.removeTranslator(_installed.pop())
    if language == DEFAULT_LANGUAGE or language not in LANGUAGES:
        return language == DEFAULT_LANGUAGE
    translator = QTranslator(app)
    if not translator.load(str(I18N_DIR / f"desk_{language}.qm")):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
