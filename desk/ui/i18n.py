"""The desk's languages: Vietnamese in the source, English through Qt Linguist files.

``resources/i18n/desk_en.ts`` is the translators' file (``pyside6-lupdate``), and
``desk_en.qm`` its compiled form (``pyside6-lrelease``) loaded at start. Text that comes
from the services (status names, role names, form labels …) is Vietnamese in the domain:
``desk.ui.labels`` translates it when shown. Printed forms and slips stay Vietnamese:
they are the office's legal language.

Qt's own dialogs (the Yes/No buttons of a message box, the file and print dialogs) speak
English unless Qt's translation is installed. PySide6 ships no ``qtbase_vi.qm``, so the
desk carries its own, ``resources/i18n/qtbase_vi.ts`` (the strings of those dialogs),
compiled to ``qtbase_vi.qm``; a ``qtbase_vi.qm`` in Qt's own folder, should a later Qt
ship one, is loaded too, under the desk's.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from desk.resources import RESOURCES

I18N_DIR = RESOURCES / "i18n"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"

_installed: list[QTranslator] = []


def _files(language: str) -> list[str]:
    """The compiled translations for ``language``, the last one consulted first."""
    if language == "vi":
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        return [f"{qt_folder}/qtbase_vi.qm", str(I18N_DIR / "qtbase_vi.qm")]
    return [str(I18N_DIR / f"desk_{language}.qm")]


def install_translator(language: str) -> bool:
    """Use ``language`` for the widgets created from now on; True when it is in force."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    while _installed:
        app.removeTranslator(_installed.pop())
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
        wanted_found = False
    else:
        wanted_found = True
    loaded = False
    for path in _files(language):
        translator = QTranslator(app)
        if translator.load(path):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded = True
    if language == DEFAULT_LANGUAGE:
        return wanted_found  # Vietnamese is the source: in force even without Qt's file
    return loaded
