"""Numbers as French and English readers write them: ``12 345,6`` and ``12,345.6``."""

from __future__ import annotations

GROUP_FR = "\u202f"  # espace fine insécable, CLDR's French grouping separator


def auto_decimals(value: float) -> int:
    """Decimals worth showing when a spec says none: 0 from 100, 1 from 10, else 2."""
    size = abs(value)
    return 0 if size >= 100 else 1 if size >= 10 else 2


def format_number(value: float, lang: str = "fr", decimals: int | None = None) -> str:
    """``value`` rounded to ``decimals`` (else :func:`auto_decimals`), grouped by thousands:
    ``12 345,6`` in French (narrow no-break space, decimal comma), ``12,345.6`` in English."""
    places = auto_decimals(value) if decimals is None else decimals
    text = f"{value:,.{places}f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]  # −0,0 reads as 0,0
    if lang == "fr":
        return text.replace(",", GROUP_FR).replace(".", ",")
    return text
