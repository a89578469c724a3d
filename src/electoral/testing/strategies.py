"""Hypothesis strategies for every noun and identifier of ``electoral``.

Requires the ``hypothesis`` package: ``pip install "electoral[testing]"``.

The strategies are **sound**: a strategy for valid values never yields a value the
library refuses, and an ``invalid_*`` strategy never yields a value it accepts
(each is filtered through the validator as a final guard). They are not complete:
they favour realistic values over every corner of the value space.

Identifier strategies yield the compact text form (``"119690261935"``); wrap one in
:func:`as_typed` to get the same identifier as a person might type it (Arabic-Indic
or Persian digits, spaces, dashes). Noun strategies take keyword-only arguments to
pin a field (``centers(center_type=CenterType.COPY)``); pass plain values, or a
strategy for the field.

>>> from hypothesis import given
>>> @given(national_ids(gender=Gender.FEMALE))
... def test_female(nid):
...     assert nid.startswith("2")
>>> test_female()
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final, TypeVar

from electoral._guard import guarded

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        'electoral.testing.strategies needs Hypothesis: pip install "electoral[testing]"'
    ) from error

import attrs
import pendulum

from electoral.ids import barcode, center_id, fbr, national_id, phone, station_number
from electoral.model import (
    NOUNS,
    TRIPOLI,
    Ballot,
    Candidate,
    Center,
    CenterType,
    Citizen,
    Constituency,
    Election,
    FormState,
    Gender,
    Office,
    Period,
    Race,
    RaceType,
    ReconciliationForm,
    ReconciliationForm2014,
    Region,
    RegistrationPeriod,
    ResultForm,
    Station,
    SubConstituency,
)
from electoral.model.geography import NO_NAMED_THING, SPLIT_SUBCONSTITUENCY_ID
from electoral.registration import (
    PhoneListEntry,
    Registration,
    RegistryRecord,
    validate_registry_row,
)

__all__ = [
    "arabic_names",
    "as_typed",
    "ballots",
    "barcodes",
    "candidates",
    "center_ids",
    "centers",
    "citizens",
    "constituencies",
    "elections",
    "fbr_numbers",
    "invalid_barcodes",
    "invalid_center_ids",
    "invalid_fbr_numbers",
    "invalid_national_ids",
    "invalid_phone_numbers",
    "invalid_station_numbers",
    "moments",
    "national_ids",
    "offices",
    "periods",
    "phone_list_entries",
    "phone_numbers",
    "races",
    "reconciliation_forms",
    "reconciliation_forms_2014",
    "register_type_strategies",
    "registration_periods",
    "registrations",
    "registry_records",
    "result_forms",
    "station_numbers",
    "stations",
    "strategy_for",
    "subconstituencies",
]

T = TypeVar("T")
_DIGITS: Final = "0123456789"
_SCRIPTS: Final = (
    _DIGITS,
    "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic
    "۰۱۲۳۴۵۶۷۸۹",  # Extended Arabic-Indic (Persian)
)
_SEPARATORS: Final = ("", " ", "-", "\u00a0", "\u2013")
_FIRST_NAMES: Final = (
    "محمد", "أحمد", "علي", "عبدالله", "سالم", "خالد", "عمر", "مصطفى", "إبراهيم", "يوسف",
    "فاطمة", "عائشة", "مريم", "خديجة", "سعاد", "نورية", "آمنة", "حليمة", "زينب", "سارة",
)  # fmt: skip
_FAMILY_NAMES: Final = (
    "الورفلي", "المصراتي", "الزوي", "الترهوني", "البرعصي", "العبيدي", "الفيتوري", "القذافي",
    "المقريف", "الشريف", "السنوسي", "الككلي", "الطرابلسي", "الغرياني", "البوسيفي",
)  # fmt: skip


def _field(value: Any, default: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    if value is None:
        return default
    if isinstance(value, st.SearchStrategy):
        return value
    return st.just(value)


def _digits(count: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=_DIGITS, min_size=count, max_size=count)


# --- identifiers ---------------------------------------------------------------------------


@guarded
def national_ids(*, gender: Gender | None = None) -> st.SearchStrategy[str]:
    """Valid national ids, optionally of one gender (first digit 1 male, 2 female)."""
    if gender is Gender.UNISEX:
        raise ValueError("a national id is male or female")
    first = {Gender.MALE: "1", Gender.FEMALE: "2", None: "12"}[gender]
    return st.builds(
        lambda head, year, rest: head + year + rest,
        st.sampled_from(first),
        st.integers(1920, 2010).map(str),
        _digits(7),
    )


@guarded
def invalid_national_ids() -> st.SearchStrategy[str]:
    """Text that :func:`electoral.ids.national_id.validate` refuses."""
    return st.one_of(
        st.builds(lambda h, r: h + r, st.sampled_from("03456789"), _digits(11)),
        st.integers(0, 11).flatmap(_digits),
        st.integers(13, 20).flatmap(_digits),
        st.text(max_size=14),
    ).filter(lambda text: not national_id.is_valid(text))


@guarded
def fbr_numbers() -> st.SearchStrategy[str]:
    """Valid family book numbers: digits, sometimes after a letter prefix."""
    return st.builds(
        lambda prefix, digits: prefix + digits,
        st.sampled_from(("", "", "", "r", "f", "se", "te")),
        st.integers(1, 12).flatmap(_digits),
    )


@guarded
def invalid_fbr_numbers() -> st.SearchStrategy[str]:
    """Text that :func:`electoral.ids.fbr.validate` refuses."""
    return st.one_of(
        st.just(""),
        st.builds(lambda d, s: d + s, _digits(2), st.sampled_from(("a", "r1x", "/"))),
        st.integers(21, 30).flatmap(_digits),
        st.text(max_size=22),
    ).filter(lambda text: not fbr.is_valid(text))


@guarded
def center_ids() -> st.SearchStrategy[str]:
    """Valid centre ids, as text (``int(...)`` gives the model's value)."""
    return st.integers(center_id.MIN_VALUE, center_id.MAX_VALUE).map(str)


@guarded
def invalid_center_ids() -> st.SearchStrategy[str]:
    """Text that :func:`electoral.ids.center_id.validate` refuses."""
    return st.one_of(
        st.integers(0, 9_999).map(str),
        st.integers(100_000, 10**9).map(str),
        _digits(4).map(lambda d: "0" + d),
        st.text(max_size=7),
    ).filter(lambda text: not center_id.is_valid(text))


@guarded
def station_numbers() -> st.SearchStrategy[str]:
    """Valid station numbers, as canonical text."""
    return st.integers(station_number.MIN_VALUE, station_number.MAX_VALUE).map(str)


@guarded
def invalid_station_numbers() -> st.SearchStrategy[str]:
    """Text that :func:`electoral.ids.station_number.validate` refuses."""
    return st.one_of(
        st.just("0"),
        st.integers(station_number.MAX_VALUE + 1, 10**6).map(str),
        st.text(max_size=5),
    ).filter(lambda text: not station_number.is_valid(text))


@guarded
def barcodes(*, layout: bool = False) -> st.SearchStrategy[str]:
    """Valid barcodes; with ``layout=True`` only 11-digit CCCCC SSS BBB ones."""
    if layout:
        return st.builds(
            lambda c, s, b: f"{c}{s:03d}{b:03d}",
            st.integers(center_id.MIN_VALUE, center_id.MAX_VALUE),
            st.integers(station_number.MIN_VALUE, station_number.MAX_VALUE),
            st.integers(0, 999),
        )
    return st.one_of(st.integers(1, 14).flatmap(_digits), barcodes(layout=True))


@guarded
def invalid_barcodes() -> st.SearchStrategy[str]:
    """Text that :func:`electoral.ids.barcode.validate` refuses."""
    return st.one_of(
        st.just(""),
        st.builds(lambda d, s: d + s, _digits(5), st.sampled_from(("a", ".", "x1"))),
        st.just("1" * (barcode.MAX_LENGTH + 1)),
        st.text(max_size=12),
    ).filter(lambda text: not barcode.is_valid(text))


@guarded
def phone_numbers() -> st.SearchStrategy[str]:
    """Valid canonical phone numbers (Libyana, Al Madar, Thuraya and other 2189x)."""
    return st.builds(
        lambda prefix, rest: prefix + rest,
        st.sampled_from(("21891", "21892", "21894", "21895")),
        _digits(7),
    ) | _digits(8).map(lambda rest: "88216" + rest)


@guarded
def invalid_phone_numbers() -> st.SearchStrategy[str]:
    """Text that :func:`electoral.ids.phone.validate` refuses."""
    return st.one_of(
        _digits(8).map(lambda rest: "2180" + rest),
        _digits(9).map(lambda rest: "00218" + rest),
        st.integers(1, 11).flatmap(_digits),
        st.text(max_size=16),
    ).filter(lambda text: not phone.is_valid(text))


@guarded
def as_typed(identifiers: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """The same identifiers as people type them: other digit scripts, separators, spaces.

    ``compact()`` of a typed value equals the original value.
    """

    @st.composite
    def typed(draw: st.DrawFn) -> str:
        text = draw(identifiers)
        script = draw(st.sampled_from(_SCRIPTS))
        out = []
        for char in text:
            out.append(script[int(char)] if char in _DIGITS else char)
            out.append(draw(st.sampled_from(_SEPARATORS)))
        padding = draw(st.sampled_from(("", " ", "  ")))
        return padding + "".join(out) + padding

    return typed()


# --- names and times -----------------------------------------------------------------------


@guarded
def arabic_names(*, blank: bool = False) -> st.SearchStrategy[str]:
    """Arabic name parts: common names, and generated Arabic letters; may be blank."""
    generated = st.text(
        alphabet=st.characters(min_codepoint=0x0621, max_codepoint=0x064A),
        min_size=2,
        max_size=12,
    )
    names = st.sampled_from(_FIRST_NAMES + _FAMILY_NAMES) | generated
    return (names | st.just("")) if blank else names


@guarded
def moments(
    *, min_value: dt.datetime | None = None, max_value: dt.datetime | None = None
) -> st.SearchStrategy[pendulum.DateTime]:
    """Aware instants in Africa/Tripoli, to the second, between 2012 and 2040."""
    low = min_value or pendulum.datetime(2012, 1, 1, tz=TRIPOLI)
    high = max_value or pendulum.datetime(2040, 1, 1, tz=TRIPOLI)
    return st.integers(int(low.timestamp()), int(high.timestamp())).map(
        lambda seconds: pendulum.from_timestamp(seconds, tz=TRIPOLI)
    )


# --- nouns ---------------------------------------------------------------------------------

_GEO_IDS: Final = st.integers(1, 200) | st.just(NO_NAMED_THING)


@guarded
def offices(*, id: Any = None, region: Any = None) -> st.SearchStrategy[Office]:  # noqa: A002
    """Valid :class:`~electoral.model.Office` values."""
    return st.builds(
        Office,
        id=_field(id, _GEO_IDS),
        name_en=st.sampled_from(("Tripoli", "Benghazi", "Sabha", "Misrata", "Zawiya")),
        name_ar=arabic_names(),
        region=_field(region, st.sampled_from(Region)),
    )


@guarded
def constituencies(*, id: Any = None) -> st.SearchStrategy[Constituency]:  # noqa: A002
    """Valid :class:`~electoral.model.Constituency` values."""
    return st.builds(
        Constituency,
        id=_field(id, _GEO_IDS),
        name_en=st.from_regex(r"Constituency [0-9]{1,2}", fullmatch=True),
        name_ar=arabic_names(),
    )


@guarded
def subconstituencies(*, id: Any = None) -> st.SearchStrategy[SubConstituency]:  # noqa: A002
    """Valid :class:`~electoral.model.SubConstituency` values."""
    return st.builds(
        SubConstituency,
        id=_field(id, _GEO_IDS),
        name_en=st.from_regex(r"Subconstituency [0-9]{1,3}", fullmatch=True),
        name_ar=arabic_names(),
        constituency_id=st.none() | st.integers(1, 13),
    )


@st.composite
def _centers(draw: st.DrawFn, center_type: Any, copy_of: Any) -> Center:
    kind = draw(_field(center_type, st.sampled_from(CenterType)))
    identifier = draw(st.integers(center_id.MIN_VALUE, center_id.MAX_VALUE))
    original = None
    if kind is CenterType.COPY:
        original = draw(
            _field(
                copy_of,
                st.integers(center_id.MIN_VALUE, center_id.MAX_VALUE).filter(
                    lambda other: other != identifier
                ),
            )
        )
    subconstituency = SPLIT_SUBCONSTITUENCY_ID if kind is CenterType.SPLIT else draw(_GEO_IDS)
    located = draw(st.booleans())
    coordinate = st.decimals(places=8, allow_nan=False, allow_infinity=False)
    return Center(
        center_id=identifier,
        name_ar=draw(arabic_names()),
        name_en=draw(st.sampled_from(("", "Al Fateh School", "Martyrs School"))),
        office_id=draw(_GEO_IDS),
        constituency_id=draw(_GEO_IDS),
        subconstituency_id=subconstituency,
        center_type=kind,
        copy_of=original,
        lat=draw(coordinate.filter(lambda d: -90 <= d <= 90)) if located else None,
        lon=draw(coordinate.filter(lambda d: -180 <= d <= 180)) if located else None,
        reg_open=draw(st.booleans()),
        active=draw(st.booleans()),
    )


@guarded
def centers(*, center_type: Any = None, copy_of: Any = None) -> st.SearchStrategy[Center]:
    """Valid :class:`~electoral.model.Center` values of every type (copy, split...)."""
    return _centers(center_type, copy_of)


@guarded
def stations(
    *, center_id: Any = None, gender: Any = None, registrants: Any = None
) -> st.SearchStrategy[Station]:
    """Valid :class:`~electoral.model.Station` values."""
    return st.builds(
        Station,
        center_id=_field(center_id, center_ids().map(int)),
        number=st.integers(station_number.MIN_VALUE, station_number.MAX_VALUE),
        gender=_field(gender, st.sampled_from(Gender)),
        registrants=_field(registrants, st.none() | st.integers(0, 1_200)),
        subconstituency_id=st.none() | _GEO_IDS,
        active=st.booleans(),
    )


@st.composite
def _citizens(draw: st.DrawFn, gender: Any, blocked: Any) -> Citizen:
    person = draw(_field(gender, st.sampled_from((Gender.MALE, Gender.FEMALE))))
    born = draw(st.dates(dt.date(1910, 1, 1), dt.date(2015, 12, 31)))
    return Citizen(
        civil_registry_id=draw(st.integers(1, 10**10)),
        national_id=draw(national_ids(gender=person)),
        fbr_number=draw(fbr_numbers()),
        first_name=draw(arabic_names()),
        father_name=draw(arabic_names(blank=True)),
        grandfather_name=draw(arabic_names(blank=True)),
        family_name=draw(arabic_names()),
        mother_name=draw(arabic_names(blank=True)),
        birth_date=pendulum.Date(born.year, born.month, born.day),
        gender=person,
        blocked=draw(_field(blocked, st.booleans())),
    )


@guarded
def citizens(*, gender: Any = None, blocked: Any = None) -> st.SearchStrategy[Citizen]:
    """Valid :class:`~electoral.model.Citizen` values; the id agrees with the gender."""
    return _citizens(gender, blocked)


@st.composite
def _periods(draw: st.DrawFn, cls: type[Period]) -> Period:
    start = draw(moments())
    length = draw(st.integers(0, 90 * 24 * 3600))
    return cls(start=start, end=start.add(seconds=length))


@guarded
def periods() -> st.SearchStrategy[Period]:
    """Valid half-open periods (possibly empty)."""
    return _periods(Period)


@guarded
def registration_periods() -> st.SearchStrategy[RegistrationPeriod]:
    """Valid registration periods (possibly empty)."""
    return _periods(RegistrationPeriod)  # type: ignore[return-value]


@st.composite
def _elections(draw: st.DrawFn) -> Election:
    start = draw(moments())
    return Election(
        name_en=draw(st.sampled_from(("General National Congress", "House of Representatives"))),
        name_ar=draw(st.sampled_from(("المؤتمر الوطني العام", "مجلس النواب"))),
        polling_start=start,
        polling_end=start.add(hours=draw(st.integers(0, 48))),
    )


@guarded
def elections() -> st.SearchStrategy[Election]:
    """Valid :class:`~electoral.model.Election` values."""
    return _elections()


@guarded
def races(*, race_type: Any = None) -> st.SearchStrategy[Race]:
    """Valid :class:`~electoral.model.Race` values."""
    return st.builds(
        Race,
        election_level=st.sampled_from(("HoR", "Senate", "Presidential", "Municipal")),
        name=st.from_regex(r"ballot_number_[a-z_]{3,12}", fullmatch=True),
        race_type=_field(race_type, st.none() | st.sampled_from(RaceType)),
        active=st.booleans(),
    )


@guarded
def ballots(*, number: Any = None) -> st.SearchStrategy[Ballot]:
    """Valid :class:`~electoral.model.Ballot` values."""
    return st.builds(
        Ballot,
        number=_field(number, st.integers(0, 999)),
        race=races(),
        seats=st.integers(1, 20),
        subconstituency_ids=st.frozensets(st.integers(1, 200), max_size=5),
        active=st.booleans(),
        available_for_release=st.booleans(),
    )


@guarded
def candidates(*, ballot_number: Any = None) -> st.SearchStrategy[Candidate]:
    """Valid :class:`~electoral.model.Candidate` values."""
    return st.builds(
        Candidate,
        ballot_number=_field(ballot_number, st.integers(0, 999)),
        candidate_id=st.integers(1, 10**6),
        name_ar=arabic_names(),
        order=st.integers(1, 300),
        gender=st.none() | st.sampled_from((Gender.MALE, Gender.FEMALE)),
        active=st.booleans(),
    )


@st.composite
def _result_forms(draw: st.DrawFn, state: Any, replacement: Any) -> ResultForm:
    is_replacement = draw(_field(replacement, st.booleans()))
    assigned = not is_replacement or draw(st.booleans())
    ballot_number = draw(st.integers(0, 999))
    if not assigned:
        return ResultForm(
            barcode=draw(barcodes()),
            ballot_number=ballot_number,
            state=draw(_field(state, st.sampled_from(FormState))),
            is_replacement=True,
        )
    code = draw(st.integers(center_id.MIN_VALUE, center_id.MAX_VALUE))
    number = draw(st.integers(station_number.MIN_VALUE, station_number.MAX_VALUE))
    return ResultForm(
        barcode=f"{code}{number:03d}{ballot_number:03d}",
        ballot_number=ballot_number,
        center_id=code,
        station_number=number,
        gender=draw(st.sampled_from(Gender)),
        state=draw(_field(state, st.sampled_from(FormState))),
        is_replacement=is_replacement,
        serial_number=draw(st.none() | st.integers(0, 10**9)),
    )


@guarded
def result_forms(*, state: Any = None, replacement: Any = None) -> st.SearchStrategy[ResultForm]:
    """Valid :class:`~electoral.model.ResultForm` values (replacement forms included)."""
    return _result_forms(state, replacement)


_COUNTS: Final = st.integers(0, 1_200)


@guarded
def reconciliation_forms() -> st.SearchStrategy[ReconciliationForm]:
    """Valid current-layout reconciliation sections (arbitrary, not necessarily consistent)."""
    return st.builds(
        ReconciliationForm,
        number_of_voters=_COUNTS,
        number_of_voter_cards_in_the_ballot_box=_COUNTS,
        number_valid_votes=_COUNTS,
        number_invalid_votes=_COUNTS,
        number_sorted_and_counted=_COUNTS,
        notes=st.sampled_from(("", "لا ملاحظات", "Recount requested")),
    )


@guarded
def reconciliation_forms_2014() -> st.SearchStrategy[ReconciliationForm2014]:
    """Valid 2014-layout reconciliation sections."""
    fields = {
        name: _COUNTS
        for name in attrs.fields_dict(ReconciliationForm2014)
        if name.startswith("number_")
    }
    return st.builds(ReconciliationForm2014, **fields)


# --- registration chapter ------------------------------------------------------------------


@st.composite
def _registrations(
    draw: st.DrawFn, citizen_id: Any, center_id: Any, phone: Any, current: Any
) -> Registration:
    created = draw(moments(max_value=pendulum.datetime(2039, 1, 1, tz=TRIPOLI)))
    live = draw(_field(current, st.booleans()))
    max_changes = draw(st.integers(0, 9))
    archived = None
    deleted = False
    if not live:
        archived = draw(st.none() | moments(min_value=created))
        deleted = archived is None or draw(st.booleans())
    return Registration(
        citizen_id=draw(_field(citizen_id, st.integers(1, 10**10))),
        center_id=draw(_field(center_id, center_ids().map(int))),
        phone=draw(_field(phone, phone_numbers())),
        created_at=created,
        change_count=draw(st.integers(0, max_changes)),
        max_changes=max_changes,
        repeat_count=draw(st.integers(0, 5)),
        unlocked_until=draw(st.none() | moments(min_value=created)),
        deleted=deleted,
        archived_at=archived,
    )


@guarded
def registrations(
    *, citizen_id: Any = None, center_id: Any = None, phone: Any = None, current: Any = None
) -> st.SearchStrategy[Registration]:
    """Valid :class:`~electoral.registration.Registration` values.

    ``current=True`` gives only current ones (neither archived nor deleted),
    ``current=False`` only archived or deleted ones. The change count never exceeds
    the budget, and archive and unlock times are not before the creation time.

    >>> from hypothesis import given
    >>> @given(registrations(current=True, center_id=11001))
    ... def test_current(registration):
    ...     assert registration.is_current and registration.center_id == 11001
    >>> test_current()
    """
    return _registrations(citizen_id, center_id, phone, current)


@st.composite
def _registry_records(draw: st.DrawFn, gender: Any) -> RegistryRecord:
    person = draw(_field(gender, st.sampled_from((Gender.MALE, Gender.FEMALE))))
    born = draw(st.dates(dt.date(1910, 1, 1), dt.date(2015, 12, 31)))
    row = [
        str(draw(st.integers(1, 10**10))),
        draw(arabic_names()),
        draw(arabic_names(blank=True)),
        draw(arabic_names(blank=True)),
        draw(arabic_names()),
        draw(arabic_names(blank=True)),
        "1" if person is Gender.MALE else "2",
        f"{born.day}/{born.month}/{born.year}",
        draw(st.sampled_from(("", "طرابلس", "بنغازي", "سبها", "مصراتة"))),
        draw(national_ids(gender=person)),
        draw(fbr_numbers()),
        str(draw(st.integers(0, 99))),
        str(draw(st.integers(0, 99))),
        str(draw(st.integers(0, 2))),
    ]
    # the final guard: a record is what the registry validation returns
    return validate_registry_row(row, as_of=pendulum.datetime(2016, 1, 1, tz=TRIPOLI))


@guarded
def registry_records(*, gender: Any = None) -> st.SearchStrategy[RegistryRecord]:
    """Valid :class:`~electoral.registration.RegistryRecord` values (born by 2015).

    Each is built as a CRA row and passed through
    :func:`~electoral.registration.validate_registry_row`.
    """
    return _registry_records(gender)


@guarded
def phone_list_entries(*, deleted: Any = None) -> st.SearchStrategy[PhoneListEntry]:
    """Valid :class:`~electoral.registration.PhoneListEntry` values (blacklist, whitelist)."""
    return st.builds(
        PhoneListEntry,
        phone=phone_numbers(),
        deleted=_field(deleted, st.booleans()),
        created_at=st.none() | moments(),
    )


_TYPE_STRATEGIES: Final[dict[type, Any]] = {
    Office: offices,
    Constituency: constituencies,
    SubConstituency: subconstituencies,
    Center: centers,
    Station: stations,
    Citizen: citizens,
    Period: periods,
    RegistrationPeriod: registration_periods,
    Election: elections,
    Race: races,
    Ballot: ballots,
    Candidate: candidates,
    ResultForm: result_forms,
    ReconciliationForm: reconciliation_forms,
    ReconciliationForm2014: reconciliation_forms_2014,
}
assert set(_TYPE_STRATEGIES) == set(NOUNS)


@guarded
def strategy_for(cls: type[T]) -> st.SearchStrategy[T]:
    """The default strategy for a noun class (what ``st.from_type(cls)`` uses).

    >>> strategy_for(Station)
    builds(Station, ...)
    """
    strategy: st.SearchStrategy[T] = _TYPE_STRATEGIES[cls]()
    return strategy


@guarded
def register_type_strategies() -> None:
    """Register every noun with Hypothesis so that ``st.from_type(Center)`` works.

    The ``hypothesis`` entry point already does this when Hypothesis is imported;
    calling it again is harmless.
    """
    for cls, factory in _TYPE_STRATEGIES.items():
        st.register_type_strategy(cls, factory())
