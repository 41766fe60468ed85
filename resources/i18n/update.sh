#!/usr/bin/env sh
# Refresh the translators' file from the Qt code (self.tr / QCoreApplication.translate) and
# from the domain's words and data files (desk/ui/label_texts.py, written first), then
# compile it and Qt's own Vietnamese for the desk. Run from the repository root:
# sh resources/i18n/update.sh
set -e
BIN=${BIN:-.venv/bin}
"$BIN/python" resources/i18n/write_label_texts.py
SOURCES=$(ls desk/app.py desk/config.py desk/ui/*.py desk/ui/*/*.py 2>/dev/null)
"$BIN/pyside6-lupdate" $SOURCES -ts resources/i18n/desk_en.ts -source-language vi -target-language en
"$BIN/pyside6-lrelease" resources/i18n/desk_en.ts -qm resources/i18n/desk_en.qm
"$BIN/pyside6-lrelease" resources/i18n/qtbase_vi.ts -qm resources/i18n/qtbase_vi.qm
