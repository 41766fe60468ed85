"""Code 128 module patterns ("1" a dark module, "0" a light one) for the dossier codes.

The code sets are chosen as python-barcode chooses them, so the bars are the ones the desk
has always printed: start in set C, pairs of digits in C, other characters in B (A for
control characters), back to C before a run of four digits or more, a lone digit left in
C written in the next set. Unlike python-barcode, a code starting with "99" keeps it
(python-barcode takes that pair for a change of set and drops it). Written here rather
than imported: python-barcode loads Pillow, which costs a printing process more than the
whole slip. Characters outside ASCII are left to python-barcode.
"""

from __future__ import annotations

# Bar and space widths of the symbol values 0…105 (ISO/IEC 15417, table 1).
# fmt: off
_WIDTHS = (
    212222, 222122, 222221, 121223, 121322, 131222, 122213, 122312, 132212, 221213,
    221312, 231212, 112232, 122132, 122231, 113222, 123122, 123221, 223211, 221132,
    221231, 213212, 223112, 312131, 311222, 321122, 321221, 312212, 322112, 322211,
    212123, 212321, 232121, 111323, 131123, 131321, 112313, 132113, 132311, 211313,
    231113, 231311, 112133, 112331, 132131, 113123, 113321, 133121, 313121, 211331,
    231131, 213113, 213311, 213131, 311123, 311321, 331121, 312113, 312311, 332111,
    314111, 221411, 431111, 111224, 111422, 121124, 121421, 141122, 141221, 112214,
    112412, 122114, 122411, 142112, 142211, 241211, 221114, 413111, 241112, 134111,
    111242, 121142, 121241, 114212, 124112, 124211, 411212, 421112, 421211, 212141,
    214121, 412121, 111143, 111341, 131141, 114113, 114311, 411113, 411311, 113141,
    114131, 311141, 411131, 211412, 211214, 211232,
)
# fmt: on
_STOP = 2331112
TO_C, TO_B, TO_A = 99, 100, 101
START = {"A": 103, "B": 104, "C": 105}


def _modules(widths: int) -> str:
    """Bars and spaces in turn, as many modules wide as the digits say."""
    return "".join(("1" if index % 2 == 0 else "0") * int(w) for index, w in enumerate(str(widths)))


PATTERNS = tuple(_modules(widths) for widths in _WIDTHS)
STOP = _modules(_STOP)


def _value(char: str, charset: str) -> int:
    code = ord(char)
    if charset == "B":
        return code - 32
    return code + 64 if code < 32 else code - 32  # set A: controls after the capitals


def _digits_ahead(data: str, position: int) -> int:
    count = 0
    for char in data[position : position + 10]:
        if not char.isdigit():
            break
        count += 1
    return count


def symbol_values(data: str) -> list[int]:
    """The start code and the data's symbol values (no check value, no stop)."""
    if not data.isascii():
        raise ValueError("Code 128 here takes ASCII only")
    charset = "C"
    values = [START["C"]]
    pending = ""  # a digit in set C waiting for its pair
    for position, char in enumerate(data):
        digit = "0" <= char <= "9"
        if charset == "C" and not digit:
            charset = "B" if ord(char) >= 32 else "A"
            values.append(TO_B if charset == "B" else TO_A)
            if pending:
                values.append(_value(pending, charset))
                pending = ""
        elif charset != "C" and _digits_ahead(data, position) > 3:
            charset = "C"
            values.append(TO_C)
        elif charset == "B" and ord(char) < 32:
            charset = "A"
            values.append(TO_A)
        elif charset == "A" and ord(char) >= 96:
            charset = "B"
            values.append(TO_B)
        if charset == "C":
            if pending:
                values.append(int(pending + char))
                pending = ""
            else:
                pending = char
        else:
            values.append(_value(char, charset))
    if pending:
        values += [TO_B, _value(pending, "B")]
    if len(values) > 1 and values[1] in (TO_B, TO_A):
        # Starting with a change of set: start in that set instead.
        values[:2] = [START["B" if values[1] == TO_B else "A"]]
    return values


def modules(data: str) -> str:
    """The bars of ``data`` with its check value and the stop, without quiet zones."""
    values = symbol_values(data)
    check = (values[0] + sum(index * value for index, value in enumerate(values) if index)) % 103
    return "".join(PATTERNS[value] for value in (*values, check)) + STOP
