"""Replacing a small file so that a crash or a power cut leaves either the old file or the
new one, never half of each: desk.toml and the intake drafts both write through here.

And keeping the desk's files to its OS user (POSIX): the data folder holds citizens'
personal data, so folders are 0700 and files 0600 (``restrict_new_files`` at start-up,
``keep_private`` on the folders that already exist). Windows keeps a user's profile
folders private by its own access lists; there these calls do nothing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path


def fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable (POSIX); Windows has no directory handle."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``path`` (readable by this OS user only,
    or with the mode ``path`` already has unless ``private``), flush it to disk, then
    rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists() and not private:
            os.chmod(name, stat.S_IMODE(path.stat().st_mode))
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    fsync_dir(path.parent)


# --- files the user names (--out) ------------------------------------------------------------


def check_output_path(path: Path, suffix: str) -> list[str]:
    """Whether the desk may write the file the user named (``--out``): refused (DeskError)
    unless it is a new file or an existing regular file, in a folder that exists. Never a
    device (``--out /dev/full`` run as root once replaced the device node with a PDF: the
    atomic write renames over whatever is there), a FIFO or a folder; never a symbolic
    link (its target is not what the user named). Returns the warnings to show (the file
    is still written): the name does not end in ``suffix`` (".pdf", ".jsonl")."""
    from desk.domain.text import terminal_safe
    from desk.errors import DeskError

    shown = terminal_safe(str(path))
    try:
        status: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        status = None
    except OSError as exc:
        if exc.errno == errno.ENOTDIR:  # a part of the path is a file
            raise DeskError(
                f"Không ghi được tệp {shown}: {terminal_safe(str(path.parent))} không phải là "
                "thư mục.",
                code="out.folder",
            ) from None
        raise DeskError(f"Không ghi được tệp {shown}: {exc.strerror}.", code="out.access") from None
    if status is not None:
        if stat.S_ISLNK(status.st_mode):
            raise DeskError(
                f"{shown} là một liên kết (symlink): phần mềm không ghi qua liên kết. Hãy chọn "
                "tên tệp khác.",
                code="out.symlink",
            )
        if stat.S_ISDIR(status.st_mode):
            raise DeskError(
                f"{shown} là một thư mục: hãy ghi cả tên tệp, ví dụ {shown}/tep{suffix}.",
                code="out.directory",
            )
        if not stat.S_ISREG(status.st_mode):
            raise DeskError(
                f"{shown} không phải một tệp thông thường (là thiết bị, đường ống hoặc socket): "
                "phần mềm chỉ ghi ra tệp. Hãy chọn tên tệp khác.",
                code="out.not_a_file",
            )
    parent = path.parent
    if not parent.exists():
        raise DeskError(
            f"Thư mục {terminal_safe(str(parent))} không tồn tại: hãy tạo thư mục trước hoặc chọn "
            "nơi lưu khác.",
            code="out.folder",
        )
    if not parent.is_dir():
        raise DeskError(
            f"Không ghi được tệp {shown}: {terminal_safe(str(parent))} không phải là thư mục.",
            code="out.folder",
        )
    if path.suffix.lower() != suffix.lower():
        return [f"Cảnh báo: tệp {shown} không có đuôi {suffix} (nội dung vẫn là tệp {suffix})."]
    return []


def write_output(path: Path, data: bytes, *, suffix: str) -> list[str]:
    """Write ``data`` to the file the user named, atomically (a temporary file created new
    beside it, then renamed over it), after :func:`check_output_path`; returns its
    warnings. A fault of the disk (full, read-only, no permission) is a DeskError naming
    the file."""
    warnings = check_output_path(path, suffix)
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise write_failure(exc, path, code="out.write") from None
    return warnings


def write_failure(error: OSError, path: Path, *, code: str) -> Exception:
    """What the user is told when writing the file she named failed: a full disk in the
    words of every full disk, anything else naming the file and the system's reason."""
    from desk.domain.text import terminal_safe
    from desk.errors import DeskError, DiskFull

    shown = terminal_safe(str(path))
    if error.errno in DiskFull.ERRNOS:
        return DiskFull.explain(f"tệp {shown}")
    return DeskError(f"Không ghi được tệp {shown}: {error.strerror or error}.", code=code)


# --- private files --------------------------------------------------------------------------

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def restrict_new_files() -> None:
    """From now on this process creates files 0600 and folders 0700 (POSIX): called once at
    start-up, by the command line and the window."""
    if os.name == "posix":
        os.umask(0o077)


def private_directory(directory: Path) -> Path:
    """``directory``, created if missing, readable by this OS user only."""
    directory.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    _restrict(directory, PRIVATE_DIR_MODE)
    return directory


def create_private_file(path: Path) -> int:
    """A new file at ``path`` (never an existing one: O_EXCL), 0600 from its first byte;
    returns its descriptor, open for writing."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)


def keep_private(directory: Path, *, folders: tuple[str, ...], files: tuple[Path, ...]) -> None:
    """Make ``directory`` 0700, and each of its sub-folders named in ``folders`` (all they
    hold: 0700 folders, 0600 files) and each of ``files`` that exists, 0600. A sub-folder
    already 0700 is not walked again. Only what is more open is changed; a file another
    OS user owns is left as it is (the desk may not change it)."""
    if os.name != "posix" or not directory.is_dir():
        return
    _restrict(directory, PRIVATE_DIR_MODE)
    for path in files:
        _restrict(path, PRIVATE_FILE_MODE)
    for name in folders:
        top = directory / name
        try:
            if stat.S_IMODE(top.stat().st_mode) & 0o077 == 0 or not top.is_dir():
                # Closed already (no one else can reach what it holds): the walk was done,
                # and the office's scans may be many thousands of files.
                continue
        except FileNotFoundError:
            continue
        for root, dirs, names in os.walk(top):
            for child in dirs:
                _restrict(Path(root, child), PRIVATE_DIR_MODE)
            for child in names:
                _restrict(Path(root, child), PRIVATE_FILE_MODE)
        _restrict(top, PRIVATE_DIR_MODE)  # last: an interrupted walk is taken up again


def _restrict(path: Path, mode: int) -> None:
    if os.name != "posix":
        return
    try:
        current = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(current.st_mode):
        return  # a link's own mode means nothing; its target is not the desk's to change
    if stat.S_IMODE(current.st_mode) & ~mode:
        with contextlib.suppress(PermissionError):
            os.chmod(path, stat.S_IMODE(current.st_mode) & mode)
