"""Before the window opens on Linux: the system libraries Qt's X11 platform plugin needs.

PySide6 brings Qt itself, but its ``xcb`` platform plugin (``libqxcb.so`` and the
``libQt6XcbQpa`` library behind it) links to X11/xcb libraries of the system. When one is
missing, Qt stops with "xcb-cursor0 or libxcb-cursor0 is needed", whichever it is. This
module runs ``ldd`` on both files, keeps the libraries it reports "not found", and names
the Debian/Ubuntu packages that carry them (``SONAME_PACKAGES``, a declared table).

``python -m desk.qt_libs`` (run by ``make run``) prints exactly what to install and exits
1 (in a Wayland session, where Qt may not need xcb, it only warns); with ``--install``, as
root on a machine with apt-get, it installs them (as ``.ci/run`` does for its own
packages) and checks again. Elsewhere (not Linux, another platform chosen
with ``QT_QPA_PLATFORM``, no ``ldd``) it says nothing and exits 0. Standard library only:
it must run before Qt can even load.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

# The shared libraries ``libqxcb.so`` needs outside PySide6 (PySide6 6.12), by soname, and
# the Debian/Ubuntu package that carries each. Since the 64-bit time_t transition (Debian
# 13, Ubuntu 24.04) a few are named …t64 (libglib2.0-0t64, libpng16-16t64); those provide
# the old name, so apt-get accepts the names below on every release.
SONAME_PACKAGES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libpng16.so.16": "libpng16-16",
    "libbrotlidec.so.1": "libbrotli1",
    "libexpat.so.1": "libexpat1",
    "libpcre2-8.so.0": "libpcre2-8-0",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
    # What those pull in themselves (apt installs these with them).
    "libbrotlicommon.so.1": "libbrotli1",
    "libbsd.so.0": "libbsd0",
    "libmd.so.0": "libmd0",
    "libsystemd.so.0": "libsystemd0",
    "libcap.so.2": "libcap2",
    "libgcrypt.so.20": "libgcrypt20",
    "libgpg-error.so.0": "libgpg-error0",
    "liblzma.so.5": "liblzma5",
    "liblz4.so.1": "liblz4-1",
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
    "libc.so.6": "libc6",
    "libm.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found\s*$")


def missing_sonames(ldd_output: str) -> list[str]:
    """The libraries ``ldd`` could not find, in the order it lists them, each once."""
    found: list[str] = []
    for line in ldd_output.splitlines():
        match = _NOT_FOUND.match(line)
        if match and match.group(1) not in found:
            found.append(match.group(1))
    return found


@dataclass(frozen=True, slots=True)
class Needs:
    """What the machine lacks: the packages to install, and libraries no package names."""

    packages: tuple[str, ...]
    unknown: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.packages or self.unknown)


def packages_for(sonames: Iterable[str]) -> Needs:
    packages: list[str] = []
    unknown: list[str] = []
    for soname in sonames:
        package = SONAME_PACKAGES.get(soname)
        if package is None:
            unknown.append(soname)
        elif package not in packages:
            packages.append(package)
    return Needs(tuple(sorted(packages)), tuple(unknown))


def apt_command(packages: Sequence[str], *, sudo: bool) -> str:
    prefix = "sudo " if sudo else ""
    return f"{prefix}apt-get install -y --no-install-recommends {' '.join(packages)}"


def xcb_files() -> list[Path]:
    """The xcb platform plugin of the installed PySide6 and the library behind it."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    qt = Path(next(iter(spec.submodule_search_locations))) / "Qt"
    candidates = [qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6"]
    return [path for path in candidates if path.exists()]


Runner = Callable[[Sequence[str]], str]


def _run_ldd(args: Sequence[str]) -> str:
    done = subprocess.run(list(args), capture_output=True, text=True, check=False)
    return done.stdout


def needs(files: Sequence[Path], *, ldd: str = "ldd", run: Runner | None = None) -> Needs:
    """What ``ldd`` finds missing behind ``files``, as packages."""
    sonames: list[str] = []
    for path in files:
        output = (run or _run_ldd)([ldd, str(path)])
        for soname in missing_sonames(output):
            if soname not in sonames:
                sonames.append(soname)
    return packages_for(sonames)


def report(lacking: Needs, *, root: bool, apt: bool) -> str:
    lines = ["Qt (PySide6) cần các thư viện hệ thống sau để mở cửa sổ trên X11 (xcb):"]
    if lacking.packages:
        if apt:
            lines.append("Cài bằng lệnh:")
            lines.append("    " + apt_command(lacking.packages, sudo=not root))
        else:
            lines.append("Cài các gói (tên gói trên Debian/Ubuntu): " + ", ".join(lacking.packages))
    if lacking.unknown:
        lines.append(
            "Thiếu thêm (hãy cài gói chứa các tệp này, ví dụ tìm bằng apt-file search): "
            + ", ".join(lacking.unknown)
        )
    return "\n".join(lines)


def _applies(platform: str, environ: Mapping[str, str]) -> bool:
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    return not chosen or chosen.split(":")[0].split(";")[0] == "xcb"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m desk.qt_libs",
        description="Kiểm tra các thư viện hệ thống mà Qt cần để mở cửa sổ trên Linux (X11).",
    )
    parser.add_argument(
        "--install",
        action="store_true",
        help="khi chạy với quyền root và có apt-get: cài các gói còn thiếu",
    )
    parser.add_argument("--ldd", default="ldd", help="chương trình ldd dùng để kiểm tra")
    options = parser.parse_args(argv)
    if not _applies(sys.platform, os.environ) or shutil.which(options.ldd) is None:
        return 0
    files = xcb_files()
    lacking = needs(files, ldd=options.ldd)
    if not lacking:
        return 0
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    apt = shutil.which("apt-get") is not None
    if options.install and root and apt and lacking.packages:
        print(report(lacking, root=True, apt=True), file=sys.stderr)
        print("Đang cài…", file=sys.stderr)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=False, env=env)
        install = ["apt-get", "install", "-y", "-q", "--no-install-recommends"]
        subprocess.run([*install, *lacking.packages], check=False, env=env)
        lacking = needs(files, ldd=options.ldd)
        if not lacking:
            return 0
    print(report(lacking, root=root, apt=apt), file=sys.stderr)
    if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
        print("(Phiên Wayland: Qt sẽ thử Wayland trước, nên vẫn mở cửa sổ.)", file=sys.stderr)
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
