"""The desk's garbage-collector policy (desk.ui.collector): what the start loaded is
frozen once, and only once; the collector still frees what comes after."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_start_is_frozen_once_and_later_garbage_is_still_collected() -> None:
    # In a fresh interpreter: freezing is for the whole process, not for a test.
    script = textwrap.dedent(
        """
        import gc, weakref
        from desk.ui import collector

        class Node:
            pass

        loaded_at_start = [Node() for _ in range(1000)]
        collector.settle_after_start()
        frozen = gc.get_freeze_count()
        assert frozen >= 1000, frozen

        later = [Node() for _ in range(1000)]
        collector.settle_after_start()  # a second window: nothing more is frozen
        assert gc.get_freeze_count() == frozen, (gc.get_freeze_count(), frozen)

        cycle = Node()
        cycle.me = cycle
        gone = weakref.ref(cycle)
        del cycle
        gc.collect()
        assert gone() is None  # garbage made after the start is still freed
        print("ok")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
