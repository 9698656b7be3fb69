"""Property tests: a formatted number, integer or date parses back to the same value."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from territoria.schemas import Field
from territoria.schemas.types import date as date_type
from territoria.schemas.types import integer, number

FRENCH = Field("montant", "number", decimal_char=",", group_char="\u00a0")
DECIMALS = st.decimals(
    allow_nan=False, allow_infinity=False, places=4, min_value=-(10**12), max_value=10**12
)


def french_text(value: Decimal) -> str:
    """``1234567.5`` written ``1 234 567,5`` (non-breaking spaces)."""
    return f"{value:,f}".replace(",", "\u00a0").replace(".", ",")


@given(DECIMALS)
def test_number_round_trip_plain(value: Decimal) -> None:
    assert number.parse(str(value), Field("n", "number")) == value


@given(DECIMALS)
def test_number_round_trip_french(value: Decimal) -> None:
    assert number.parse(french_text(value), FRENCH) == value


@given(st.integers(min_value=-(10**30), max_value=10**30), st.sampled_from(["", " ", "  "]))
def test_integer_round_trip(value: int, padding: str) -> None:
    assert integer.parse(f"{padding}{value}{padding}", Field("n", "integer")) == value


@given(
    st.integers(min_value=0, max_value=10**9),
    st.sampled_from(["€ ", "", "n° "]),
    st.sampled_from([" €", " habitants", ""]),
)
def test_integer_round_trip_with_noise(value: int, prefix: str, suffix: str) -> None:
    assert (
        integer.parse(f"{prefix}{value}{suffix}", Field("n", "integer", bare_number=False)) == value
    )


@given(
    st.dates(min_value=date(1000, 1, 1)),
    st.sampled_from(["default", "%d/%m/%Y", "%Y%m%d", "%d.%m.%Y"]),
)
def test_date_round_trip(value: date, form: str) -> None:
    pattern = "%Y-%m-%d" if form == "default" else form
    assert date_type.parse(value.strftime(pattern), Field("d", "date", format=form)) == value
