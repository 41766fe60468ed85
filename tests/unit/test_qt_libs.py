"""``make run`` on a fresh Linux machine: the X11 libraries Qt lacks, named as packages."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from desk import qt_libs
from desk.qt_libs import SONAME_PACKAGES, missing_sonames, packages_for

ROOT = Path(__file__).resolve().parents[2]

# What ldd said on the machine of the issue: two xcb libraries missing, the rest found.
LDD_FRESH_MACHINE = """\
\tlinux-vdso.so.1 (0x00007ffd5a3f2000)
\tlibQt6XcbQpa.so.6 => /opt/venv/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x1)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f3c1f7e5000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-util.so.1 => /lib/x86_64-linux-gnu/libxcb-util.so.1 (0x00007f3c1f7d6000)
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f3c1da1e000)
\t/lib64/ld-linux-x86-64.so.2 (0x00007f3c1f99f000)
"""


def test_the_missing_libraries_are_read_from_ldd() -> None:
    assert missing_sonames(LDD_FRESH_MACHINE) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


def test_missing_libraries_become_the_debian_packages_to_install() -> None:
    lacking = packages_for(missing_sonames(LDD_FRESH_MACHINE))
    assert lacking.packages == ("libxcb-icccm4", "libxcb-keysyms1")
    assert lacking.unknown == ()
    assert qt_libs.apt_command(lacking.packages, sudo=True) == (
        "sudo apt-get install -y --no-install-recommends libxcb-icccm4 libxcb-keysyms1"
    )


def test_a_library_the_table_does_not_know_is_named_as_such() -> None:
    lacking = packages_for(["libxcb-cursor.so.0", "libfoo-x.so.3"])
    assert lacking.packages == ("libxcb-cursor0",)
    assert lacking.unknown == ("libfoo-x.so.3",)
    text = qt_libs.report(lacking, root=False, apt=True)
    assert "sudo apt-get install -y --no-install-recommends libxcb-cursor0" in text
    assert "libfoo-x.so.3" in text


def test_nothing_missing_is_nothing_to_do() -> None:
    assert not packages_for(missing_sonames("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n"))


def test_every_package_name_is_a_debian_name() -> None:
    for soname, package in SONAME_PACKAGES.items():
        assert re.fullmatch(r"[a-z0-9][a-z0-9.+-]+", package), soname
        assert ".so." in soname


_LINKED = re.compile(r"^\s*(\S+)\s*=>\s*(/\S+)", re.MULTILINE)
_X11 = re.compile(r"lib(xcb|X|xkb|GL|EGL|OpenGL)")


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not qt_libs.xcb_files(),
    reason="the xcb plugin is PySide6's on Linux",
)
def test_the_table_knows_every_x11_library_the_installed_plugin_links() -> None:
    """A PySide6 upgrade that links one more X11 library fails here, not on a fresh machine.
    (The X11, xcb, xkb and GL libraries are what a server or minimal install lacks; the rest
    come with them as their packages' dependencies.)"""
    import subprocess

    for path in qt_libs.xcb_files():
        output = subprocess.run(["ldd", str(path)], capture_output=True, text=True).stdout
        system = [name for name, where in _LINKED.findall(output) if "PySide6" not in where]
        x11 = [name for name in system if _X11.match(name)]
        assert "libxcb.so.1" in x11, output
        assert [name for name in x11 if name not in SONAME_PACKAGES] == []


@pytest.fixture
def fake_ldd(tmp_path, monkeypatch):
    """An ``ldd`` that reports the fresh machine's two missing libraries, on Linux, xcb."""
    script = tmp_path / "ldd"
    out = tmp_path / "ldd.out"
    out.write_text(LDD_FRESH_MACHINE, encoding="utf-8")
    script.write_text(f"#!/bin/sh\ncat '{out}'\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(qt_libs, "xcb_files", lambda: [tmp_path / "libqxcb.so"])
    return script


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands for ldd")
def test_the_check_says_exactly_what_to_install(fake_ldd, monkeypatch, capsys) -> None:
    monkeypatch.setattr(qt_libs.os, "geteuid", lambda: 1000, raising=False)
    monkeypatch.setattr(qt_libs.shutil, "which", lambda name: name)
    assert qt_libs.main(["--install", "--ldd", str(fake_ldd)]) == 1
    err = capsys.readouterr().err
    assert "sudo apt-get install -y --no-install-recommends libxcb-icccm4 libxcb-keysyms1" in err
    assert "xcb" in err


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands for ldd")
def test_in_a_wayland_session_the_check_only_warns(fake_ldd, monkeypatch, capsys) -> None:
    monkeypatch.setattr(qt_libs.os, "geteuid", lambda: 1000, raising=False)
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert qt_libs.main(["--install", "--ldd", str(fake_ldd)]) == 0
    assert "libxcb-icccm4 libxcb-keysyms1" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands for ldd")
def test_as_root_with_apt_the_check_installs_and_checks_again(fake_ldd, monkeypatch) -> None:
    ran: list[list[str]] = []
    monkeypatch.setattr(qt_libs.os, "geteuid", lambda: 0, raising=False)
    monkeypatch.setattr(qt_libs.shutil, "which", lambda name: name)
    monkeypatch.setattr(qt_libs.subprocess, "run", lambda args, **_: ran.append(list(args)))
    answers = iter([LDD_FRESH_MACHINE, ""])  # missing before apt-get, present after
    monkeypatch.setattr(qt_libs, "_run_ldd", lambda args: next(answers))
    assert qt_libs.main(["--install", "--ldd", str(fake_ldd)]) == 0
    assert ran[0] == ["apt-get", "update", "-q"]
    assert ran[1][-2:] == ["libxcb-icccm4", "libxcb-keysyms1"]
    assert ran[1][:2] == ["apt-get", "install"]


def test_other_platforms_are_not_checked(monkeypatch) -> None:
    monkeypatch.setattr(qt_libs, "needs", lambda *a, **k: pytest.fail("ldd ran"))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert qt_libs.main([]) == 0
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setattr(sys, "platform", "win32")
    assert qt_libs.main([]) == 0


def test_make_run_checks_before_the_window_opens() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    check = recipe.index("-m desk.qt_libs --install")
    assert check < recipe.index("$(BIN)/desk")
