"""date_format() patterns and names, now() named parts: checked against Python's own dates."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from odsql_catalogue import Catalogue

from territoria.query.errors import ODSQLError
from territoria.query.request import RecordsRequest as R

FR_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
FR_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")  # fmt: skip


@pytest.mark.parametrize(
    ("pattern", "lang", "render"),
    [
        ("dd/MM/YYYY", None, lambda d: d.strftime("%d/%m/%Y")),
        ("'Le 'd MMMM yyyy", None, lambda d: f"Le {d.day} {FR_MONTHS[d.month - 1]} {d.year}"),
        ("EEEE", "fr", lambda d: FR_DAYS[d.weekday()]),
        ("EEEE d MMMM", "en", lambda d: d.strftime("%A ") + str(d.day) + d.strftime(" %B")),
        ("'''quoted'''' yy", "en", lambda d: f"'quoted'' {d.strftime('%y')}"),
        (
            "D DDD e w ww xxxx xx",
            "en",
            lambda d: (
                f"{d.timetuple().tm_yday} {d.timetuple().tm_yday:03d} {d.isoweekday()} "
                f"{d.isocalendar()[1]} {d.isocalendar()[1]:02d} "
                f"{d.isocalendar()[0]} {d.isocalendar()[0] % 100:02d}"
            ),
        ),
    ],
)
def test_date_format_follows_python(
    catalogue: Catalogue, pattern: str, lang: str | None, render
) -> None:  # type: ignore[no-untyped-def]
    quoted = pattern.replace("\\", "\\\\").replace('"', '\\"')
    got = catalogue.run(
        "subventions",
        R(select=f'dateconvention, date_format(dateconvention, "{quoted}")', lang=lang),
    )
    assert got and all(text == render(day) for day, text in got if day is not None)


def _now(catalogue: Catalogue, arguments: str, zone: str = "UTC") -> dt.datetime:
    rows = catalogue.run("subventions", R(select=f"now({arguments}) as n", limit=1, timezone=zone))
    value = rows[0][0]
    assert isinstance(value, dt.datetime)
    return value


def test_now_named_parts(catalogue: Catalogue) -> None:
    base = _now(catalogue, "")
    assert abs(base - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < dt.timedelta(seconds=5)
    assert _now(catalogue, "year=2000").year == 2000
    assert _now(catalogue, "day=31, month=2, year=2021").date() == dt.date(2021, 2, 28)
    shifted = _now(catalogue, "year=2001, months=-1")
    assert (shifted.year, shifted.month) == (
        (2000, 12) if base.month == 1 else (2001, base.month - 1)
    )
    assert abs(_now(catalogue, "days=-7") - (base - dt.timedelta(days=7))) < dt.timedelta(seconds=5)
    monday = _now(catalogue, "weekday=0")
    assert monday.weekday() == 0 and dt.timedelta(0) <= monday - base < dt.timedelta(days=7)
    previous = _now(catalogue, "mondays=-1")
    assert previous.weekday() == 0 and dt.timedelta(0) <= base - previous < dt.timedelta(days=7)
    assert _now(catalogue, "hour=0, minute=0, second=0").time() == dt.time(0, 0)
    paris = _now(catalogue, "", "Europe/Paris")
    expected = dt.datetime.now(ZoneInfo("Europe/Paris")).replace(tzinfo=None)
    assert abs(paris - expected) < dt.timedelta(seconds=5)


@pytest.mark.parametrize("arguments", ["fortnights=1", "month=13", "weekday=9", "days=x", "day<1"])
def test_now_refuses_unknown_or_impossible_parts(catalogue: Catalogue, arguments: str) -> None:
    with pytest.raises(ODSQLError):
        catalogue.compile("subventions", R(select=f"now({arguments})"))
