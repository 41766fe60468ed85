"""The intake screen's draft keeper: writes in the pool never lose the newest input, and
never bring back the draft of a dossier already recorded."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from desk.domain.calendar import OFFICE_TZ
from desk.services.drafts import DraftStore
from desk.ui.intake.drafts import DraftKeeper, Snapshot

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=OFFICE_TZ)


class Screen:
    """What the keeper snapshots: a value the test changes as the clerk would type."""

    def __init__(self) -> None:
        self.typed: str = ""

    def snapshot(self) -> Snapshot | None:
        if not self.typed:
            return None
        return Snapshot({"applicant": {"full_name": self.typed}}, f"Khai sinh — {self.typed}")


def keeper_for(store: DraftStore, screen: Screen) -> DraftKeeper:
    return DraftKeeper(store, 7, "Nguyễn Thị Hương", screen.snapshot, lambda: NOW)


def on_disk(store: DraftStore, draft_id: str) -> Any:
    return store.load(draft_id).payload["applicant"]["full_name"]


def test_a_background_save_reports_when_it_is_on_disk(qtbot: Any, tmp_path: Path) -> None:
    store, screen = DraftStore(tmp_path), Screen()
    keeper = keeper_for(store, screen)
    assert not keeper.save()  # nothing typed, nothing kept
    screen.typed = "Lê Văn Tám"
    with qtbot.waitSignal(keeper.saved, timeout=3000) as saved:
        assert keeper.save()
    assert saved.args == [keeper.draft_id]
    draft = store.load(keeper.draft_id)
    assert draft.title == "Khai sinh — Lê Văn Tám" and draft.user_name == "Nguyễn Thị Hương"


def test_the_newest_input_wins_whatever_order_the_writes_finish_in(
    qtbot: Any, tmp_path: Path
) -> None:
    store, screen = DraftStore(tmp_path), Screen()
    keeper = keeper_for(store, screen)
    for round_ in range(5):
        screen.typed = f"Lê Văn {round_}"
        keeper.save()  # in the pool, maybe still running …
        screen.typed = f"Lê Văn Tám {round_}"
        assert keeper.flush()  # … while the screen goes away and writes on the spot
        assert on_disk(store, keeper.draft_id) == f"Lê Văn Tám {round_}"
        qtbot.waitUntil(lambda: not keeper.busy)
        assert on_disk(store, keeper.draft_id) == f"Lê Văn Tám {round_}"


def test_a_recorded_dossier_s_draft_never_comes_back(qtbot: Any, tmp_path: Path) -> None:
    store, screen = DraftStore(tmp_path), Screen()
    keeper = keeper_for(store, screen)
    screen.typed = "Phạm Thị Mai"
    keeper.save()  # autosave just before Ctrl+Enter
    remove = keeper.removal()  # runs after the dossier is recorded
    keeper.flush()  # the clerk switches screens while recording
    remove()
    qtbot.waitUntil(lambda: not keeper.busy)
    assert not store.path_of(keeper.draft_id).exists()
    assert not keeper.flush()  # a removed draft is never written again
    assert not store.path_of(keeper.draft_id).exists()


def test_removing_a_draft_hides_it_from_the_offer_at_once(qtbot: Any, tmp_path: Path) -> None:
    store, screen = DraftStore(tmp_path), Screen()
    other = DraftStore(tmp_path)
    other.save("a" * 32, {"applicant": {}}, title="Hồ sơ cũ", now=NOW)
    keeper = keeper_for(store, screen)
    assert [d.id for d in keeper.others()] == ["a" * 32]
    keeper.remove("a" * 32)
    assert keeper.others() == []  # even before the pool got to it
    qtbot.waitUntil(lambda: not keeper.busy)
    assert store.drafts() == []


def test_a_write_the_disk_refuses_is_reported(qtbot: Any, tmp_path: Path) -> None:
    blocked = tmp_path / "drafts"
    blocked.write_text("not a folder", encoding="utf-8")
    screen = Screen()
    keeper = keeper_for(DraftStore(blocked), screen)
    screen.typed = "Vũ Thị Lan"
    with qtbot.waitSignal(keeper.failed, timeout=3000) as failed:
        keeper.save()
    assert "vẫn còn trên màn hình" in failed.args[0]
    with qtbot.waitSignal(keeper.failed, timeout=1000):
        assert not keeper.flush()
