"""Traces a Vietnamese input method (Telex) leaves in text it should not have touched.

A keyboard-wedge scanner types the ID card's QR text; Unikey/EVKey in Telex mode may
rewrite it, or a scanner may type Telex keystrokes that nothing composes. Either way
words arrive like "Thoon DDoong" for "Thôn Đông" (DOMAIN §7).

The test for a word is deliberately narrow, so that real names and addresses pass:
a word is damaged when it is *not* a Vietnamese syllable as it stands but *becomes* one
once its Telex keys are read as Telex ("thoon" → "thôn", "vawn" → "văn", "bìnhf" →
"bình"). Minority names, abbreviations and foreign words ("Ksor", "Ea Kar", "Green Bay",
"KP") are not syllables before or after, so they are left alone; "xoong", "Khoa", "Quảng"
are syllables as they stand. Beyond that, "dd" (no word has it: Telex for "đ"), two tone
marks on one word, and marks that do not compose are damage wherever they appear.
"""

from __future__ import annotations

import re
import unicodedata

# Combining marks after NFD: the five tones (huyền sắc ngã hỏi nặng) …
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")

_VOWELS = frozenset("aăâeêioôơuưy")

# Initial consonants, longest first so "ngh" wins over "ng" and "n".
_INITIALS = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)  # fmt: skip

# Every rhyme (vowel nucleus with its glide and final), tone marks left out.
_RHYME_LIST = """
    a ac ach ai am an ang anh ao ap at au ay
    ăc ăm ăn ăng ăp ăt
    âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et
    ê êch êm ên ênh êp êt êu
    i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
    o oc oi om on ong op ot oong ooc
    oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt
    oe oem oen oeo oet
    ô ôc ôi ôm ôn ông ôp ôt
    ơ ơi ơm ơn ơp ơt
    u uc ui um un ung up ut ua uân uâng uât uây uê uêch uênh uơ
    uôc uôi uôm uôn uông uôt
    uy uya uych uyên uyêt uynh uyt uyu
    ư ưc ưi ưm ưn ưng ưt ưu ưa ươc ươi ươm ươn ương ươp ươt ươu
    y yêm yên yêt yêu
"""
_RHYMES = frozenset(_RHYME_LIST.split())
# After "qu" the "u" is the glide already: "qua", "quân", "quyên", "quỳnh", "quốc".
_QU_RHYMES = frozenset(r for r in _RHYMES if r[0] not in "uưo") | {"ynh", "yt", "ych"}
_FRONT = ("e", "ê", "i", "y")  # k, gh, ngh go before these only; c, ng never do

# A word: a run of letters, apostrophes (H'Hen, M'gar) and combining marks.
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['\u2019]|[\u0300-\u036f])*")

# Telex vowel keys, longest first: "uwow"/"uow" → "ươ" before "ow" → "ơ".
_TELEX_VOWELS = (
    ("uwow", "ươ"), ("uow", "ươ"), ("aa", "â"), ("aw", "ă"), ("ee", "ê"),
    ("oo", "ô"), ("ow", "ơ"), ("uw", "ư"), ("w", "ư"),
)  # fmt: skip
_TONE_KEYS = frozenset("sfrxjz")


def _strip_tones(word: str) -> tuple[str, int]:
    """The word in lower case without its tone marks, and how many it had."""
    letters = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for ch in letters if ch in TONE_MARKS)
    bare = "".join(ch for ch in letters if ch not in TONE_MARKS)
    return unicodedata.normalize("NFC", bare), tones


def _spelled_right(initial: str, rhyme: str) -> bool:
    if initial == "qu":
        return rhyme in _QU_RHYMES
    if rhyme not in _RHYMES:
        return False
    front = rhyme.startswith(_FRONT)
    if initial in ("k", "gh", "ngh"):
        return front
    if initial in ("c", "ng"):
        return not front
    if initial == "g":
        return not rhyme.startswith(("e", "ê"))
    return True


def is_vietnamese_syllable(word: str) -> bool:
    """Is ``word`` (one tone mark at most) spelled as a Vietnamese syllable can be?"""
    bare, tones = _strip_tones(word)
    if tones > 1:
        return False
    return any(
        bare.startswith(initial) and _spelled_right(initial, bare[len(initial) :])
        for initial in _INITIALS
    )


def telex_read(word: str) -> str:
    """``word`` (lower case, tones stripped) with its Telex keys read as Telex: vowel keys
    composed, tone keys after the last vowel dropped (the tone itself is not needed)."""
    text = word.replace("dd", "đ")
    for keys, letter in _TELEX_VOWELS:
        text = text.replace(keys, letter)
    last_vowel = max((i for i, ch in enumerate(text) if ch in _VOWELS), default=-1)
    if last_vowel < 0:
        return text
    tail = "".join(ch for ch in text[last_vowel + 1 :] if ch not in _TONE_KEYS)
    return text[: last_vowel + 1] + tail


def is_telex_damaged(word: str) -> bool:
    composed = unicodedata.normalize("NFC", word)
    if any(unicodedata.combining(ch) for ch in composed):
        return True  # marks that compose with nothing: "Bình\u0302\u0301"
    bare, tones = _strip_tones(composed)
    if tones > 1 or "dd" in bare:
        return True
    if is_vietnamese_syllable(composed):
        return False
    read = telex_read(bare)
    return read != bare and is_vietnamese_syllable(read)


def telex_traces(text: str) -> list[str]:
    """The words of ``text`` that a Telex input method has probably left or rewritten,
    in the order they appear (see the module docstring)."""
    return [m.group() for m in _WORD.finditer(text) if is_telex_damaged(m.group())]
