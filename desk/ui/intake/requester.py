"""Keys the clerk no longer presses when the citizen at the desk is one of the form's own
people (the mother registering her child's birth):

- the relation she gives («Mẹ», «Cha») names her block by the form's ``is_requester``
  rules, and that block takes the applicant's data while it is empty (what the button
  «Chép từ người nộp hồ sơ» does); should the relation change again, what was copied and
  left untouched goes again;
- her ID card scanned was in the clerk's hands: the papers only shown and handed back
  (the ID card) are ticked as seen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

from desk.forms import requester_role

if TYPE_CHECKING:
    from desk.ui.intake.documents import DocumentsModel
    from desk.ui.intake.entry import IntakeEntry


class RequesterFiller(QObject):
    def __init__(self, entry: IntakeEntry):
        super().__init__(entry)
        self.entry = entry
        self._view: object = None  # the form the copy was made in
        self._copied: tuple[str, dict[str, Any]] | None = None  # role, the values put there
        entry.changed.connect(self.follow)

    def follow(self) -> None:
        entry = self.entry
        form, view = entry.form, entry.form_view
        if form is None or view is None or view is not self._view or entry.applicant.is_empty():
            self._view, self._copied = view, None  # another form, another citizen
        if form is None or view is None:
            return
        role = requester_role(form, view.values()) or ""
        if self._copied is not None and self._copied[0] != role:
            gone, values = self._copied
            self._copied = None
            editor = view.people.get(gone)
            if editor is not None and editor.values() == values:
                editor.clear()  # copied for a relation she no longer gives
        editor = view.people.get(role)
        if editor is None or self._copied is not None or entry.applicant.is_empty():
            return
        if editor.is_empty():
            self._copied = (role, {})  # copying changes the form: not twice
            entry.copy_applicant(editor, focus=False)  # the clerk goes on where she is
            self._copied = (role, editor.values())


def see_shown_papers(model: DocumentsModel) -> None:
    """Tick the papers only shown to the clerk (the ID card) as seen."""
    for row, line in enumerate(model.lines):
        if line.shown and not line.seen:
            index = model.index(row, 0)
            model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
