"""``desk check``: check the office's database (see ``desk.services.check``).

Exits 0 when every check holds, 3 when one finds a problem (as ``desk audit verify``), and
2 with the corrupt-database message, naming the latest backup, when the file is damaged.
"""

from __future__ import annotations

import argparse

from desk.commands.base import EXIT_OK, Commands, command, open_office, say

EXIT_PROBLEMS = 3  # a check found something that does not hold


def cmd_check(args: argparse.Namespace) -> int:
    from desk.services.check import iter_lines, run_check

    with open_office(args) as ctx:
        report = run_check(ctx)
    for line in iter_lines(report):
        say(line)
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def add_commands(commands: Commands) -> None:
    command(
        commands,
        "check",
        cmd_check,
        "kiểm tra cơ sở dữ liệu: tệp nguyên vẹn, chỉ mục tìm kiếm, số hồ sơ từng ngày liên "
        "tục, sự kiện tiếp nhận và trạng thái đồng bộ của từng hồ sơ, nhật ký (thoát 3 nếu "
        "có chỗ không đạt)",
    )
