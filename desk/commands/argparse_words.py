"""argparse's own words (headings, "usage:", its error messages) in Vietnamese, for
``desk.commands.base`` to give argparse.

argparse looks its module globals ``_`` and ``ngettext`` up at each call (3.11 to 3.13
alike), so replacing them is a gettext translator for argparse alone: the keys are
argparse's msgids, the values keep their %-placeholders (a %r may become %s: « » quote
instead). A msgid missing here (a later Python's new message) stays English, never breaks.
"""

from __future__ import annotations

WORDS = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "hiện phiên bản rồi thoát",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "not allowed with argument %s": "không dùng được cùng với %s",
    "ignored explicit argument %r": "giá trị thừa «%s»",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tùy chọn «%(option)s» chưa rõ: có thể là %(matches)s"
    ),
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "«%(value)s» không phải lựa chọn hợp lệ (chọn một trong: %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "giá trị «%(value)s» không hợp lệ (%(type)s)",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "không có lệnh «%(parser_name)s» (các lệnh: %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "không mở được «%(filename)s»: %(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
}
PLURALS = {
    "expected %s argument": "cần %s giá trị",
}


def gettext(message: str) -> str:
    return WORDS.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    if singular in PLURALS:
        return PLURALS[singular]
    return singular if n == 1 else plural
