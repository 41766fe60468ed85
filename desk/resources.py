"""Where the files shipped with the desk live (catalogue, fonts, form definitions …)."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
CATALOGUE_FILE = RESOURCES / "catalogue" / "procedures.json"
ID_PROVINCE_CODES_FILE = RESOURCES / "identity" / "province_codes.json"
