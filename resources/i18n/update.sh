#!/usr/bin/env sh
# Refresh the translators' file from the Qt code (self.tr / QCoreApplication.translate),
# then compile it for the desk. Run from the repository root: sh resources/i18n/update.sh
set -e
BIN=${BIN:-.venv/bin}
SOURCES=$(ls desk/app.py desk/config.py desk/ui/*.py desk/ui/intake/*.py desk/ui/widgets/*.py 2>/dev/null)
"$BIN/pyside6-lupdate" $SOURCES -ts resources/i18n/desk_en.ts -source-language vi -target-language en
"$BIN/pyside6-lrelease" resources/i18n/desk_en.ts -qm resources/i18n/desk_en.qm
