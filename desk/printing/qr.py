"""QR codes (ISO/IEC 18004) as rows of "1" (dark) and "0" (light), without the quiet zone.

The data is one segment in the mode segno would choose for it (numeric, alphanumeric,
kanji or bytes: ISO 8859-1 when it can be, else Shift JIS, else UTF-8, with no ECI), in the
smallest version that holds it, with the mask asked for: the same modules as
``segno.make_qr(data, error=…, mask=…, boost_error=False)``. Written here rather than
imported: segno chooses the best of eight masks and builds a matrix of Python objects,
which cost a slip more than the rest of its page; the desk prints one mask.
"""

from __future__ import annotations

import functools
import re

_ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_ALPHANUMERIC_BYTES = re.compile(b"[" + re.escape(_ALPHANUMERIC.encode()) + b"]+\\Z")
NUMERIC, ALPHANUMERIC, BYTE, KANJI = 1, 2, 4, 8
LEVELS = "LMQH"
_FORMAT_LEVEL = {"L": 1, "M": 0, "Q": 3, "H": 2}

# Error correction codewords per block / number of blocks, by level and version 1…40
# (ISO/IEC 18004:2015, table 9).
_EC_TABLE = {
    "L": "7/1 10/1 15/1 20/1 26/1 18/2 20/2 24/2 30/2 18/4 20/4 24/4 26/4 30/4 "
    "22/6 24/6 28/6 30/6 28/7 28/8 28/8 28/9 30/9 30/10 26/12 28/12 30/12 30/13 "
    "30/14 30/15 30/16 30/17 30/18 30/19 30/19 30/20 30/21 30/22 30/24 30/25",
    "M": "10/1 16/1 26/1 18/2 24/2 16/4 18/4 22/4 22/5 26/5 30/5 22/8 22/9 24/9 "
    "24/10 28/10 28/11 26/13 26/14 26/16 26/17 28/17 28/18 28/20 28/21 28/23 28/25 28/26 "
    "28/28 28/29 28/31 28/33 28/35 28/37 28/38 28/40 28/43 28/45 28/47 28/49",
    "Q": "13/1 22/1 18/2 26/2 18/4 24/4 18/6 22/6 20/8 24/8 28/8 26/10 24/12 20/16 "
    "30/12 24/17 28/16 28/18 26/21 30/20 28/23 30/23 30/25 30/27 30/29 28/34 30/34 30/35 "
    "30/38 30/40 30/43 30/45 30/48 30/51 30/53 30/56 30/59 30/62 30/65 30/68",
    "H": "17/1 28/1 22/2 16/4 22/4 28/4 26/5 26/6 24/8 28/8 24/11 28/11 22/16 24/16 "
    "24/18 30/16 28/19 28/21 26/25 28/25 30/25 24/34 30/30 30/32 30/35 30/37 30/40 30/42 "
    "30/45 30/48 30/51 30/54 30/57 30/60 30/63 30/66 30/70 30/74 30/77 30/81",
}
_EC = {
    level: tuple(tuple(map(int, pair.split("/"))) for pair in row.split())
    for level, row in _EC_TABLE.items()
}
# Bits of the character count, by mode, for versions 1–9, 10–26 and 27–40.
_COUNT_BITS = {NUMERIC: (10, 12, 14), ALPHANUMERIC: (9, 11, 13), BYTE: (8, 16, 16),
               KANJI: (8, 10, 12)}  # fmt: skip

# GF(256) with the polynomial x⁸ + x⁴ + x³ + x² + 1.
_EXP = [0] * 512
_LOG = [0] * 256
_value = 1
for _power in range(255):
    _EXP[_power] = _value
    _LOG[_value] = _power
    _value <<= 1
    if _value & 0x100:
        _value ^= 0x11D
for _power in range(255, 512):
    _EXP[_power] = _EXP[_power - 255]


class Overflow(ValueError):
    """The data does not fit the version asked for, or any version."""


def _raw_codewords(version: int) -> int:
    """Codewords a version holds, data and error correction together."""
    modules = (16 * version + 128) * version + 64
    if version >= 2:
        count = version // 7 + 2
        modules -= (25 * count - 10) * count - 55
        if version >= 7:
            modules -= 36
    return modules // 8


def _data_codewords(version: int, level: str) -> int:
    index = version - 1
    degree, blocks = _EC[level][index]
    return _raw_codewords(version) - degree * blocks


def _segment(data: str) -> tuple[int, int, list[tuple[int, int]]]:
    """The mode, the character count and the data bits as (value, length) pairs."""
    for encoding in ("iso-8859-1", "shift_jis", "utf-8"):
        try:
            raw = data.encode(encoding)
            break
        except UnicodeError:
            continue
    if raw.isdigit():
        bits = [(int(raw[i : i + 3]), len(raw[i : i + 3]) * 3 + 1) for i in range(0, len(raw), 3)]
        return NUMERIC, len(raw), bits
    if _ALPHANUMERIC_BYTES.match(raw):
        text = raw.decode("ascii")
        value = _ALPHANUMERIC.index
        bits = [
            (value(text[i]) * 45 + value(text[i + 1]), 11)
            if i + 1 < len(text)
            else (value(text[i]), 6)
            for i in range(0, len(text), 2)
        ]
        return ALPHANUMERIC, len(raw), bits
    if _is_kanji(raw):
        bits = []
        for i in range(0, len(raw), 2):
            code = raw[i] << 8 | raw[i + 1]
            code -= 0x8140 if code <= 0x9FFC else 0xC140
            bits.append(((code >> 8) * 0xC0 + (code & 0xFF), 13))
        return KANJI, len(raw) // 2, bits
    return BYTE, len(raw), [(byte, 8) for byte in raw]


def _is_kanji(raw: bytes) -> bool:
    if not raw or len(raw) % 2:
        return False
    for i in range(0, len(raw), 2):
        code = raw[i] << 8 | raw[i + 1]
        if not (0x8140 <= code <= 0x9FFC or 0xE040 <= code <= 0xEBBF):
            return False
    return True


def _count_bits(mode: int, version: int) -> int:
    return _COUNT_BITS[mode][0 if version < 10 else 1 if version < 27 else 2]


def _codewords(data: str, level: str, version: int | None) -> tuple[int, bytes]:
    """The version and the data codewords, terminated and padded."""
    mode, count, bits = _segment(data)
    data_bits = sum(length for _, length in bits)
    versions = range(1, 41) if version is None else (version,)
    for candidate in versions:
        needed = 4 + _count_bits(mode, candidate) + data_bits
        capacity = _data_codewords(candidate, level) * 8
        if needed <= capacity and count < 1 << _count_bits(mode, candidate):
            break
    else:
        raise Overflow("Dữ liệu quá dài cho mã QR.")
    value, length = mode, 4
    for part, size in ((count, _count_bits(mode, candidate)), *bits):
        value = value << size | part
        length += size
    terminator = min(4, capacity - length)
    value <<= terminator
    length += terminator
    # Zeros to the next whole codeword, as segno writes them: a whole zero codeword when
    # the bits already end on one (the pad codewords then start a codeword later).
    pad = 8 - length % 8
    value <<= pad
    length += pad
    words = bytearray(value.to_bytes(length // 8, "big")[: capacity // 8])
    filler = (0xEC, 0x11)
    words += bytes(filler[i % 2] for i in range(capacity // 8 - len(words)))
    return candidate, bytes(words)


@functools.lru_cache(maxsize=32)
def _generator(degree: int) -> list[int]:
    """The Reed-Solomon generator polynomial's coefficients, highest first (the leading
    1 left out)."""
    poly = [1]
    for root in range(degree):
        out = [0] * (len(poly) + 1)
        for index, coefficient in enumerate(poly):
            out[index] ^= coefficient
            if coefficient:
                out[index + 1] ^= _EXP[_LOG[coefficient] + root]
        poly = out
    return poly[1:]


@functools.lru_cache(maxsize=32)
def _products(degree: int) -> tuple[int, ...]:
    """The generator times each byte value, as one integer of ``degree`` bytes each."""
    generator = [_LOG[c] for c in _generator(degree)]
    return (
        0,
        *(
            int.from_bytes(bytes(_EXP[power + _LOG[factor]] for power in generator))
            for factor in range(1, 256)
        ),
    )


def _error_correction(block: bytes, degree: int) -> bytes:
    """The remainder of the block divided by the generator (a shift register, the
    register one integer)."""
    products = _products(degree)
    top = 8 * (degree - 1)
    keep = (1 << 8 * degree) - 1
    remainder = 0
    for byte in block:
        remainder = (remainder << 8 & keep) ^ products[byte ^ remainder >> top]
    return remainder.to_bytes(degree)


def _final_message(words: bytes, version: int, level: str) -> bytes:
    """Data and error correction codewords, the blocks interleaved."""
    degree, blocks_count = _EC[level][version - 1]
    short = _raw_codewords(version) // blocks_count - degree  # data in a short block
    longs = _raw_codewords(version) % blocks_count
    blocks, start = [], 0
    for index in range(blocks_count):
        size = short + (index >= blocks_count - longs)
        blocks.append(words[start : start + size])
        start += size
    corrections = [_error_correction(block, degree) for block in blocks]
    message = bytes(block[i] for i in range(short + 1) for block in blocks if i < len(block))
    return message + bytes(ec[i] for i in range(degree) for ec in corrections)


def _alignment_positions(version: int) -> list[int]:
    if version == 1:
        return []
    count = version // 7 + 2
    size = version * 4 + 17
    step = 26 if version == 32 else (version * 4 + count * 2 + 1) // (count * 2 - 2) * 2
    return [6] + [size - 7 - i * step for i in reversed(range(count - 1))]


def _bch(value: int, generator: int, degree: int) -> int:
    remainder = value << degree
    top = generator.bit_length() - 1
    for shift in range(remainder.bit_length() - 1, top - 1, -1):
        if remainder >> shift & 1:
            remainder ^= generator << (shift - top)
    return value << degree | remainder


@functools.lru_cache(maxsize=16)
def _function_modules(version: int) -> tuple[tuple[bytearray, ...], tuple[bytearray, ...]]:
    """The finder, timing and alignment patterns drawn (dark 1), and which modules they and
    the format and version information take (1)."""
    size = version * 4 + 17
    dark = tuple(bytearray(size) for _ in range(size))
    taken = tuple(bytearray(size) for _ in range(size))

    def put(row: int, column: int, value: int) -> None:
        dark[row][column] = value
        taken[row][column] = 1

    for index in range(size):
        put(6, index, index % 2 == 0)
        put(index, 6, index % 2 == 0)
    for top, left in ((0, 0), (0, size - 7), (size - 7, 0)):
        for dy in range(-1, 8):
            for dx in range(-1, 8):
                row, column = top + dy, left + dx
                if 0 <= row < size and 0 <= column < size:
                    ring = max(abs(dy - 3), abs(dx - 3))
                    put(row, column, ring != 2 and ring != 4)
    positions = _alignment_positions(version)
    last = len(positions) - 1
    for i, row in enumerate(positions):
        for j, column in enumerate(positions):
            if (i, j) in ((0, 0), (0, last), (last, 0)):
                continue  # under a finder pattern
            for dy in range(-2, 3):
                for dx in range(-2, 3):
                    put(row + dy, column + dx, max(abs(dy), abs(dx)) != 1)
    # Reserved for the format information (written once the mask is known), the dark
    # module, and the version information.
    for index in range(9):
        taken[8][index] = taken[index][8] = 1
    for index in range(8):
        taken[8][size - 1 - index] = taken[size - 1 - index][8] = 1
    put(size - 8, 8, 1)
    if version >= 7:
        bits = _bch(version, 0x1F25, 12)
        for index in range(18):
            bit = bits >> index & 1
            a, b = size - 11 + index % 3, index // 3
            put(b, a, bit)
            put(a, b, bit)
    return dark, taken


@functools.lru_cache(maxsize=16)
def _layout(version: int) -> tuple[bytes, list[int], list[list[int]]]:
    """The function patterns as one flat row after another; where the codewords' bits go,
    in order (two-module columns, upwards then downwards, right to left); where each of
    the 15 format bits goes."""
    dark, taken = _function_modules(version)
    size = version * 4 + 17
    places = []
    upwards = True
    right = size - 1
    while right > 0:
        if right == 6:
            right = 5  # the vertical timing pattern
        for row in range(size - 1, -1, -1) if upwards else range(size):
            places += [row * size + c for c in (right, right - 1) if not taken[row][c]]
        upwards = not upwards
        right -= 2
    formats = []
    for index in range(15):
        if index < 6:
            first = (index, 8)
        elif index < 8:
            first = (index + 1, 8)
        elif index == 8:
            first = (8, 7)
        else:
            first = (8, 14 - index)
        second = (8, size - 1 - index) if index < 8 else (size - 15 + index, 8)
        formats.append([row * size + column for row, column in (first, second)])
    return b"".join(dark), places, formats


@functools.lru_cache(maxsize=16)
def _mask_bits(version: int, mask: int) -> int:
    """The modules a mask turns over, as one integer over the flat rows."""
    size = version * 4 + 17
    _, places, _ = _layout(version)
    test = _MASKS[mask]
    flat = bytearray(size * size)
    for place in places:
        if test(*divmod(place, size)):
            flat[place] = 1
    return int.from_bytes(flat)


def matrix(
    data: str, *, error: str = "M", mask: int = 2, version: int | None = None
) -> tuple[str, ...]:
    """The QR code of ``data`` as rows of "0" and "1", quiet zone left out."""
    level = error.upper()
    used, words = _codewords(data, level, version)
    message = _final_message(words, used, level)
    size = used * 4 + 17
    patterns, places, formats = _layout(used)
    flat = bytearray(patterns)
    bits = format(int.from_bytes(message), f"0{len(message) * 8}b").encode().translate(_BITS)
    for place, bit in zip(places, bits, strict=False):  # the remainder bits stay light
        flat[place] = bit
    flat = bytearray((int.from_bytes(flat) ^ _mask_bits(used, mask)).to_bytes(size * size))
    format_bits = _bch(_FORMAT_LEVEL[level] << 3 | mask, 0x537, 10) ^ 0x5412
    for index, (first, second) in enumerate(formats):
        flat[first] = flat[second] = format_bits >> index & 1
    text = flat.translate(_DIGITS).decode("ascii")
    return tuple(text[start : start + size] for start in range(0, size * size, size))


_BITS = bytes.maketrans(b"01", b"\x00\x01")
_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_MASKS = (
    lambda i, j: (i + j) % 2 == 0,
    lambda i, j: i % 2 == 0,
    lambda i, j: j % 3 == 0,
    lambda i, j: (i + j) % 3 == 0,
    lambda i, j: (i // 2 + j // 3) % 2 == 0,
    lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    lambda i, j: ((i + j) % 2 + (i * j) % 3) % 2 == 0,
)
