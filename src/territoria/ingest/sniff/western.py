"""Tell which Western single-byte codec makes a non-UTF-8 byte sample read as French text.

charset-normalizer often names cp1250 or mac_latin2 for French Windows files (their bytes
decode to letters either way); French text has a signature it ignores: a few accented letters
(mostly lower case é è à ç, and ’ € «») among plain ASCII letters.
"""

from __future__ import annotations

import re

# Order of preference on a tie: Windows (Excel "CSV"), ISO-8859-1 (old Unix exports), then Mac
# and DOS exports. cp1252 and latin-1 agree on every byte but 0x80-0x9F.
WESTERN = ("cp1252", "latin-1", "mac_roman", "cp850")

_COMMON = frozenset("éèêëàâäîïôöùûüçœæÿÉÈÊÀÂÇÔÎÛŒ€’‘“”«»–—…°²\u00a0\u202f·")
_RARE = frozenset("áíóúñãõåøßÁÍÓÚÑÃÕÅØËÏÖÜÄŸÆ£§µ³•±×")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_LETTER = re.compile(r"[^\W\d_]")

MIN_SCORE = 0.7  # weighted share of decoded non-ASCII characters French text uses
MAX_ACCENTED = 0.3  # share of letters that are non-ASCII: ~3 % in French, ~100 % in Cyrillic
FEW = 20


def french_score(text: str) -> float:
    """How French the non-ASCII characters of ``text`` look: 1 for common French characters,
    0.5 for other Western ones, 0 for symbols and controls a wrong codec produces."""
    foreign = _NON_ASCII.findall(text)
    if not foreign:
        return 1.0
    common = sum(char in _COMMON for char in foreign)
    rare = sum(char in _RARE for char in foreign)
    return (common + rare / 2) / len(foreign)


def reads_as_french_letters(text: str) -> bool:
    """Accented letters are few among letters, as in French (not Cyrillic or Greek read with a
    Western codec); fewer than ``FEW`` accented letters are too little evidence either way."""
    letters = _LETTER.findall(text)
    accented = sum(not letter.isascii() for letter in letters)
    return accented < FEW or accented <= MAX_ACCENTED * len(letters)


def western_codec(sample: bytes) -> str | None:
    """The Western codec under which ``sample`` reads most like French, or None if none does."""
    best, best_score = None, 0.0
    for codec in WESTERN:
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        score = french_score(text)
        if score > best_score and reads_as_french_letters(text):
            best, best_score = codec, score
    return best if best_score >= MIN_SCORE else None
