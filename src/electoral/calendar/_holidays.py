"""Private: Libya's public holidays as published data, one row per day off.

Fixed holidays come from Law 5/2012 (8 January 2012), which lists the occasions;
each year the government of the day fixes the dates by a decision. The lunar
(Islamic) holidays are never computed: each is a row with its year, its authority
and the source of its date. Since 2014 two governments (west, in Tripoli; east)
have sometimes fixed different days; a row belongs to one authority or to both
(``NATIONAL``).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Final

import attrs
import pendulum

from electoral.law import Citation
from electoral.model import _validators as v

__all__ = [
    "BRIDGE_DAYS",
    "FIRST_YEAR",
    "FIXED_HOLIDAYS",
    "HOLIDAYS",
    "LAST_YEAR",
    "LUNAR_HOLIDAYS",
    "TABLES_VERSION",
    "Authority",
    "Holiday",
    "HolidayKind",
]


class Authority(enum.Enum):
    """Whose decision fixed a holiday.

    ``NATIONAL`` rows hold for every authority (the single government before 2014,
    and every later date on which both governments agreed, or for which only one
    source exists); ``WEST`` is the government in Tripoli (GNA, then GNU), ``EAST``
    the government in the east (the Interim Government, then the GNS).
    """

    NATIONAL = "national"
    WEST = "west"
    EAST = "east"


class HolidayKind(enum.Enum):
    """Why a day is off."""

    FIXED = "fixed"
    """A national or international day of Law 5/2012 (17 February, 1 May...)."""
    RELIGIOUS = "religious"
    """A lunar holiday of Law 5/2012, on the date fixed for that year."""
    BRIDGE = "bridge"
    """A working day between a weekend and a holiday, declared off and charged to
    annual leave."""
    ONE_OFF = "one_off"
    """A day declared off once (an occasion, a closure)."""


def _to_date(value: object) -> object:
    return v.to_date(value)


@attrs.frozen(kw_only=True)
class Holiday:
    """One day off, with who fixed it and where that is published.

    Attributes:
        day: the calendar day.
        name: the occasion, in English.
        name_ar: the occasion, in Arabic.
        kind: fixed, religious, bridge or one-off.
        authority: whose calendar the day belongs to.
        citation: the instrument and where its date was published.
        estimated: ``True`` for a date published only as an estimate before the
            announcement (a lunar date not yet declared).
        verified: ``False`` when it is not confirmed that offices close on that day.
    """

    day: pendulum.Date = attrs.field(converter=_to_date, validator=v.date)
    name: str = attrs.field(validator=v.text(max_length=200, blank=False))
    name_ar: str = attrs.field(validator=v.text(max_length=200, blank=False))
    kind: HolidayKind = attrs.field(validator=v.enum_member(HolidayKind))
    authority: Authority = attrs.field(validator=v.enum_member(Authority))
    citation: Citation = attrs.field(validator=v.instance(Citation))
    estimated: bool = attrs.field(default=False, validator=v.boolean)
    verified: bool = attrs.field(default=True, validator=v.boolean)


FIRST_YEAR: Final = 2012
"""The first year of the tables: Law 5/2012 took effect on 8 January 2012."""
LAST_YEAR: Final = 2026
"""The last year of the tables; 2026's lunar dates are estimates."""
TABLES_VERSION: Final = "2025-09"
"""The version of the tables: the month of the latest decision they include."""

LAW_5_2012: Final = Citation(
    instrument="Law 5/2012",
    article="Art. 1 and its table",
    source=(
        "https://web.archive.org/web/20250629084558/https://lawsociety.ly/legislation/"
        "القانون-رقم-5-لسنة-2012-م-بشأن-العطلات-الرسم/"
    ),
    primary=True,
    note="lawsociety.ly files the law as repealed; the decisions of 2020-2026 still "
    "cite it as their basis.",
)

_TIMEANDDATE: Final = "https://www.timeanddate.com/holidays/libya/"
_LUNAR_SOURCE: Final = {
    "fitr": _TIMEANDDATE + "eid-al-fitr",
    "adha": _TIMEANDDATE + "eid-al-adha",
    "new_year": _TIMEANDDATE + "muharram-new-year",
    "mawlid": _TIMEANDDATE + "prophet-birthday",
}

_FIXED: Final = (
    ((2, 17), "Anniversary of the 17 February Revolution", "ذكرى ثورة 17 فبراير"),
    ((5, 1), "Labour Day", "عيد العمال"),
    ((9, 16), "Martyrs' Day", "يوم الشهيد"),
    ((10, 23), "Liberation Day", "عيد التحرير"),
    ((12, 24), "Independence Day", "عيد الاستقلال"),
)

FIXED_HOLIDAYS: Final[tuple[Holiday, ...]] = tuple(
    Holiday(
        day=pendulum.date(year, month, day),
        name=name,
        name_ar=name_ar,
        kind=HolidayKind.FIXED,
        authority=Authority.NATIONAL,
        citation=LAW_5_2012,
    )
    for year in range(FIRST_YEAR, LAST_YEAR + 1)
    for (month, day), name, name_ar in _FIXED
)
"""The national and international days of Law 5/2012, on their fixed dates."""

_NAMES: Final = {
    "fitr": ("Eid al-Fitr", "عيد الفطر"),
    "arafah": ("Day of Arafah", "يوم عرفة"),
    "adha": ("Eid al-Adha", "عيد الأضحى"),
    "new_year": ("Hijri New Year", "رأس السنة الهجرية"),
    "mawlid": ("The Prophet's Birthday (Mawlid)", "ذكرى المولد النبوي الشريف"),
}

# Day 1 of each lunar holiday, per year, as published (see the module docstring of
# the package for the sources): Eid al-Fitr, Eid al-Adha, Hijri New Year, Mawlid.
_LUNAR_DAY_ONE: Final[dict[int, dict[str, tuple[tuple[int, int], ...]]]] = {
    2012: {"fitr": ((8, 19),), "adha": ((10, 26),), "new_year": ((11, 15),), "mawlid": ((2, 5),)},
    2013: {"fitr": ((8, 8),), "adha": ((10, 15),), "new_year": ((11, 5),), "mawlid": ((1, 24),)},
    2014: {"fitr": ((7, 29),), "adha": ((10, 5),), "new_year": ((10, 25),), "mawlid": ()},
    2015: {
        "fitr": ((7, 18),),
        "adha": ((9, 23),),
        "new_year": ((10, 15),),
        "mawlid": ((1, 3), (12, 23)),
    },
    2016: {"fitr": ((7, 7),), "adha": ((9, 11),), "new_year": ((10, 3),), "mawlid": ((12, 12),)},
    2017: {"fitr": ((6, 26),), "adha": ((9, 1),), "new_year": ((9, 22),), "mawlid": ((12, 1),)},
    2018: {"fitr": ((6, 15),), "adha": (), "new_year": (), "mawlid": ()},
    2019: {"fitr": ((6, 4),), "adha": ((8, 11),), "new_year": ((8, 31),), "mawlid": ((11, 9),)},
    2020: {"fitr": ((5, 24),), "adha": ((7, 31),), "new_year": ((8, 20),), "mawlid": ((10, 29),)},
    2021: {"fitr": ((5, 13),), "adha": ((7, 20),), "new_year": ((8, 10),), "mawlid": ((10, 19),)},
    2022: {"fitr": ((5, 2),), "adha": ((7, 9),), "new_year": ((7, 30),), "mawlid": ((10, 8),)},
    2023: {"fitr": (), "adha": (), "new_year": ((7, 19),), "mawlid": ()},
    2024: {"fitr": ((4, 10),), "adha": ((6, 16),), "new_year": ((7, 7),), "mawlid": ((9, 15),)},
    2025: {"fitr": ((3, 31),), "adha": ((6, 6),), "new_year": ((6, 26),), "mawlid": ()},
    2026: {"fitr": ((3, 20),), "adha": ((5, 27),), "new_year": ((6, 17),), "mawlid": ((8, 26),)},
}

_ESTIMATES_2026: Final = Citation(
    instrument="Estimated lunar dates for 2026",
    source="https://holidayssky.com/2025/02/21/public-holidays-in-libya-for-2026",
    note="Third-party estimates published before the announcements.",
)


# Rows of the table whose date a Libyan decision confirms.
_CONFIRMED: Final[dict[tuple[int, str], tuple[str, str]]] = {
    (2020, "mawlid"): ("GNA Decision 717/2020", _LUNAR_SOURCE["mawlid"]),
    (2022, "new_year"): ("GNU Decision 333/2022", _LUNAR_SOURCE["new_year"]),
    (2024, "new_year"): (
        "Eastern government Decision 130/2024",
        "https://dmpmedia.ly/2024/07/06/17438",
    ),
}


def _lunar_citation(year: int, occasion: str) -> Citation:
    if year == 2026:
        return _ESTIMATES_2026
    key = "adha" if occasion == "arafah" else occasion
    if (year, key) in _CONFIRMED:
        instrument, source = _CONFIRMED[year, key]
        return Citation(instrument=instrument, source=source)
    return Citation(
        instrument=f"Government decision fixing the {_NAMES[key][0]} holiday of {year}",
        source=_LUNAR_SOURCE[key],
        note="Date as listed by timeanddate.com for Libya; the decision itself was not found.",
    )


def _days(
    first: pendulum.Date,
    count: int,
    occasion: str,
    authority: Authority,
    citation: Citation,
    *,
    estimated: bool = False,
) -> list[Holiday]:
    name, name_ar = _NAMES[occasion]
    return [
        Holiday(
            day=first.add(days=offset),
            name=name if count == 1 else f"{name} holiday, day {offset + 1} of {count}",
            name_ar=name_ar,
            kind=HolidayKind.RELIGIOUS,
            authority=authority,
            citation=citation,
            estimated=estimated,
        )
        for offset in range(count)
    ]


def _table_rows() -> list[Holiday]:
    rows: list[Holiday] = []
    for year, occasions in _LUNAR_DAY_ONE.items():
        estimated = year == 2026
        for occasion, firsts in occasions.items():
            for month, day in firsts:
                first = pendulum.date(year, month, day)
                count = 3 if occasion in ("fitr", "adha") else 1
                citation = _lunar_citation(year, occasion)
                if occasion == "adha":
                    rows += _days(
                        first.subtract(days=1),
                        1,
                        "arafah",
                        Authority.NATIONAL,
                        _lunar_citation(year, "arafah"),
                        estimated=estimated,
                    )
                rows += _days(
                    first, count, occasion, Authority.NATIONAL, citation, estimated=estimated
                )
    return rows


def _decided(
    first: tuple[int, int, int],
    count: int,
    occasion: str,
    authority: Authority,
    instrument: str,
    source: str,
    note: str = "",
) -> list[Holiday]:
    citation = Citation(instrument=instrument, source=source, note=note)
    return _days(pendulum.date(*first), count, occasion, authority, citation)


# The days fixed by a decision that was found, where the two authorities differed or
# the decision differs from the astronomical listing.
_DECIDED: Final[tuple[Holiday, ...]] = tuple(
    _decided(
        (2014, 1, 13),
        1,
        "mawlid",
        Authority.NATIONAL,
        "Cabinet decision on the Mawlid holiday of 2014",
        "https://www.afrigatenews.net/article/في-ليبيا-يوم-الاثنين-عطلة-بمناسبة-ذكرى-مولد-الرسول-الكريم-1",
        "timeanddate.com lists 14 January 2014; the cabinet declared Monday 13 January.",
    )
    # 2018: the east and the GNA fixed different Eid al-Adha holidays (5 and 4 days).
    + _decided(
        (2018, 8, 19),
        5,
        "adha",
        Authority.EAST,
        "Interim Government decision on the Eid al-Adha holiday of 2018",
        "https://addresslibya.net/archives/31797",
        "Sunday to Thursday, Arafah included.",
    )
    + _decided(
        (2018, 8, 20),
        4,
        "adha",
        Authority.WEST,
        "GNA decision on the Eid al-Adha holiday of 2018",
        "https://addresslibya.net/archives/31797",
        "Monday to Thursday, Arafah included.",
    )
    + _decided(
        (2018, 9, 11),
        1,
        "new_year",
        Authority.EAST,
        "Interim Government decision on the Hijri New Year holiday of 2018",
        "https://addresslibya.net/archives/32328",
    )
    + _decided(
        (2018, 9, 12),
        1,
        "new_year",
        Authority.WEST,
        "GNA decision on the Hijri New Year holiday of 2018",
        _LUNAR_SOURCE["new_year"],
        "Date as listed by timeanddate.com.",
    )
    + _decided(
        (2018, 11, 20),
        1,
        "mawlid",
        Authority.EAST,
        "Interim Government decision on the Mawlid holiday of 2018",
        "https://www.afrigatenews.net/article/الحكومة-المؤقتة-تدعو-لرد-محاولات-التفرقة-بين-الليبيين",
    )
    + _decided(
        (2018, 11, 21),
        1,
        "mawlid",
        Authority.WEST,
        "GNA decision on the Mawlid holiday of 2018",
        _LUNAR_SOURCE["mawlid"],
        "Date as listed by timeanddate.com.",
    )
    # 2023: the east sighted the Shawwal moon a day before Tripoli.
    + _decided(
        (2023, 4, 21),
        3,
        "fitr",
        Authority.EAST,
        "Eastern General Authority of Awqaf: moon sighting for Shawwal 1444",
        "https://english.aawsat.com/home/article/4287876/libyans-divided-over-date-eid-al-fitr",
    )
    + _decided(
        (2023, 4, 22),
        3,
        "fitr",
        Authority.WEST,
        "Tripoli: no sighting of the Shawwal 1444 moon on 20 April",
        "https://english.aawsat.com/home/article/4287876/libyans-divided-over-date-eid-al-fitr",
    )
    + _decided(
        (2023, 6, 27),
        4,
        "adha",
        Authority.NATIONAL,
        "GNU and eastern government decisions on the Eid al-Adha holiday of 2023",
        "https://lywitness.com/?p=60310",
        "Tuesday (Arafah) to Friday under both governments.",
    )
    + _decided(
        (2023, 9, 27),
        1,
        "mawlid",
        Authority.NATIONAL,
        "GNU Decision 407/2023",
        "https://lana.gov.ly/post.php?lang=en&id=288952",
        "The eastern decision was not found; timeanddate.com gives the same day.",
    )
    + _decided(
        (2025, 9, 4),
        1,
        "mawlid",
        Authority.NATIONAL,
        "GNU decision on the Mawlid holiday of 2025",
        "https://arabsport.org/2025/09/03/%d8%a7%d9%84%d9%85%d9%88%d9%84%d8%af-%d8%a7%d9%84%d9%86"
        "%d8%a8%d9%88%d9%8a-%d9%8a%d9%85%d9%86%d8%ad-%d9%84%d9%8a%d8%a8%d9%8a%d8%a7-%d8%a5%d8%ac"
        "%d8%a7%d8%b2%d8%a9-%d8%b1%d8%b3%d9%85%d9%8a%d8%a9-%d8%a7",
        "12 Rabi' I 1447 fell on Friday 5 September; the GNU gave Thursday 4 September. "
        "The eastern decision was not found.",
    )
)

LUNAR_HOLIDAYS: Final[tuple[Holiday, ...]] = tuple(
    sorted(_table_rows() + list(_DECIDED), key=lambda h: (h.day, h.authority.value))
)
"""The lunar holidays, 2012 to 2026, each with its authority and source."""

BRIDGE_DAYS: Final[tuple[Holiday, ...]] = (
    Holiday(
        day=pendulum.date(2023, 4, 30),
        name="Bridge day before Labour Day",
        name_ar="يوم إجازة بين العطلة الأسبوعية وعيد العمال",
        kind=HolidayKind.BRIDGE,
        authority=Authority.EAST,
        citation=Citation(
            instrument="Eastern government Decision 75/2023",
            source="https://www.libyaakhbar.com/libya-news/2139344.html",
            note="Charged to annual leave.",
        ),
    ),
    Holiday(
        day=pendulum.date(2023, 9, 28),
        name="Bridge day after the Mawlid",
        name_ar="يوم إجازة بعد ذكرى المولد النبوي",
        kind=HolidayKind.BRIDGE,
        authority=Authority.WEST,
        citation=Citation(
            instrument="GNU Decision 407/2023",
            source="https://lana.gov.ly/post.php?lang=en&id=288952",
            note="Thursday after the Mawlid, charged to annual leave.",
        ),
    ),
    Holiday(
        day=pendulum.date(2023, 10, 22),
        name="Bridge day before Liberation Day",
        name_ar="يوم إجازة قبل عيد التحرير",
        kind=HolidayKind.BRIDGE,
        authority=Authority.EAST,
        citation=Citation(
            instrument="Eastern government Decision 110/2023",
            source="https://afrigatenews.net/article/الحكومة-الليبية-الأحد-والاثنين-عطلة-رسمية",
            note="Sunday before Liberation Day, charged to annual leave.",
        ),
    ),
)
"""Working days declared off between a weekend and a holiday, charged to leave."""

ONE_OFF_DAYS: Final[tuple[Holiday, ...]] = (
    Holiday(
        day=pendulum.date(2023, 12, 10),
        name="Public holiday",
        name_ar="عطلة رسمية",
        kind=HolidayKind.ONE_OFF,
        authority=Authority.WEST,
        citation=Citation(
            instrument="GNU Decision 555/2023",
            source=(
                "https://web.archive.org/web/20250629084721/https://lawsociety.ly/legislation/"
                "قرار-رقم-555-لسنة-2023-م-بمنح-إجازة-رسمية/"
            ),
            primary=True,
        ),
    ),
)

UNVERIFIED_DAYS: Final[tuple[Holiday, ...]] = tuple(
    Holiday(
        day=pendulum.date(year, 8, 14),
        name="National Environmental Sanitation Day",
        name_ar="اليوم الوطني للإصحاح البيئي",
        kind=HolidayKind.ONE_OFF,
        authority=Authority.WEST,
        citation=Citation(
            instrument="GNU Decision 414/2021",
            source=(
                "https://web.archive.org/web/20250629084547/https://lawsociety.ly/legislation/"
                "قرار-رقم-414-لسنة-2021-م-باعتبار-يوم-14-أغسطس-يو/"
            ),
            primary=True,
            note="Whether offices close on the day is not confirmed.",
        ),
        verified=False,
    )
    for year in range(2022, LAST_YEAR + 1)
)

HOLIDAYS: Final[tuple[Holiday, ...]] = tuple(
    sorted(
        FIXED_HOLIDAYS + LUNAR_HOLIDAYS + BRIDGE_DAYS + ONE_OFF_DAYS + UNVERIFIED_DAYS,
        key=lambda h: (h.day, h.authority.value, h.name),
    )
)
"""Every day off in the tables, sorted by day."""


def in_tables(day: dt.date) -> bool:
    """Whether ``day``'s year is covered by the tables."""
    return FIRST_YEAR <= day.year <= LAST_YEAR
