"""How the holidays library's Vietnam is loaded (``desk.domain.calendar`` asks it for the
days off): without the library's other countries."""

from __future__ import annotations

import importlib.util
import sys
import threading
from pathlib import Path

_VIETNAM = "holidays.countries.vietnam"
_vietnam_loading = threading.Lock()


def load_vietnam() -> None:
    """The holidays library's Vietnam module alone. Its package ``holidays.countries``
    imports all of the library's ~250 countries first (0.15–0.2 s of a cold start); the
    module is registered under its own name, so the library's ``country_holidays`` and any
    later import of the package find it and use it as theirs. Anything unexpected (another
    layout of the library) leaves it to the library's own import."""
    with _vietnam_loading:
        if _VIETNAM in sys.modules or "holidays.countries" in sys.modules:
            return
        import holidays  # the library's base: its countries are loaded lazily

        module_file = Path(holidays.__file__).parent / "countries" / "vietnam.py"
        spec = importlib.util.spec_from_file_location(_VIETNAM, module_file)
        if not module_file.is_file() or spec is None or spec.loader is None:
            return
        module = importlib.util.module_from_spec(spec)
        sys.modules[_VIETNAM] = module
        try:
            spec.loader.exec_module(module)
        except Exception:
            del sys.modules[_VIETNAM]
