"""Looking a citizen up (البحث عن مواطن): web national-id check, FBR check page, staff search.

**Web national-id check** (:func:`validate_web_national_id`), used by the public
"check my registration" page and the help desk. Eastern-Arabic digits (٠–٩) are
translated to ASCII first; then, in this order:

* a value below 100000000000 → *"A National ID is a 12-digit number."* (this also
  catches 12 characters starting with ``0``);
* more than 12 digits → *"A valid National ID is at most 12 digits long."*;
* a value above 299999999999 → *"A valid National ID starts with 1 or 2."*

**Check my registration** (:func:`check_my_registration`): the national id **and**
the family book record (FBR) number must match one citizen exactly (string equality
after Eastern-Arabic digit translation). An unknown national id gives message 84
(``NID_INVALID``) on the public page, or *"That is not a valid National ID number."*
on the help desk; a wrong FBR number gives message 49 (``FBRN_MISMATCH``). Missing
citizens are not found.

**Staff search** (:func:`classify_search_term`): the term is trimmed; an all-digit
term is tried as a phone number when it is a valid canonical phone number, and as a
national id when it passes the syntactic check; any other term is a name search.

Sources: SmartElect ``libya_site/forms.py``, ``libya_site/utils.py``,
``help_desk/forms.py``, ``civil_registry/utils.py``, ``register/views.py``
(registration browse search) (SmartElect/SmartElect at commit ``d6d35f2``).

>>> validate_web_national_id("١١٩٦٩٠٢٦١٩٣٥")
'119690261935'
>>> classify_search_term(" 218923456789 ")
SearchTerm(text='218923456789', phone='218923456789', national_id='218923456789', name=None)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import attrs

from electoral._guard import guarded, typed_fields
from electoral.errors import (
    InconsistentValue,
    InvalidFormat,
    InvalidLength,
    InvalidType,
    MissingValue,
)
from electoral.ids import national_id as _national_id
from electoral.ids import phone as _phone
from electoral.model import Citizen
from electoral.registration._messages import MessageCode

__all__ = [
    "SearchTerm",
    "check_my_registration",
    "classify_search_term",
    "translate_eastern_arabic_digits",
    "validate_web_national_id",
]

_EASTERN: Final = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_MIN: Final = 100_000_000_000
_MAX: Final = 299_999_999_999
_LENGTH: Final = 12


@guarded
def translate_eastern_arabic_digits(text: str) -> str:
    """Translate ٠–٩ (U+0660–U+0669) to ASCII digits, as the web forms do.

    Other scripts' digits are left alone (only the SMS path accepts every script).

    >>> translate_eastern_arabic_digits("رقم ٤٤٧١")
    'رقم 4471'
    """
    if not isinstance(text, str):
        raise InvalidType(field="text", value=text)
    return text.translate(_EASTERN)


@guarded
def validate_web_national_id(text: str) -> str:
    """The web forms' national-id check; returns the 12-digit id.

    The digit count is the count of the digits typed (after trimming), so
    ``0119690261935`` (13 digits) is "at most 12 digits".

    Raises:
        InvalidType: ``text`` is not ``str``.
        MissingValue: blank input.
        InvalidFormat: ``registration.web.nid_number``, not a whole number.
        InvalidLength: ``registration.web.nid_short`` or ``registration.web.nid_long``.
        InvalidFormat: ``registration.web.nid_start``.

    >>> validate_web_national_id("019690261935")
    Traceback (most recent call last):
    ...
    electoral.errors.InvalidLength: A National ID is a 12-digit number.
    >>> validate_web_national_id("319690261935")
    Traceback (most recent call last):
    ...
    electoral.errors.InvalidFormat: A valid National ID starts with 1 or 2.
    """
    digits = translate_eastern_arabic_digits(text).strip()
    if not digits:
        raise MissingValue(field="national_id", value=text)
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidFormat("registration.web.nid_number", field="national_id", value=text)
    # value < 100000000000 exactly when it has fewer than 12 significant digits
    if len(digits.lstrip("0")) < _LENGTH:
        raise InvalidLength("registration.web.nid_short", field="national_id", value=text)
    if len(digits) > _LENGTH:
        raise InvalidLength("registration.web.nid_long", field="national_id", value=text)
    value = int(digits)
    if value > _MAX:
        raise InvalidFormat("registration.web.nid_start", field="national_id", value=text)
    return str(value)


@guarded
def check_my_registration(
    national_id: str,
    fbr_number: str,
    citizens: Mapping[str, Citizen],
    *,
    help_desk: bool = False,
) -> Citizen:
    """The public "check my registration" page: the citizen whose NID and FBR both match.

    Args:
        national_id: as typed (Eastern-Arabic digits allowed).
        fbr_number: as typed (Eastern-Arabic digits allowed).
        citizens: the citizens by national id (missing citizens are ignored).
        help_desk: use the help desk's message for an unknown national id.

    Raises:
        ValidationError: the web national-id check's errors (see
            :func:`validate_web_national_id`);
            ``registration.web.nid_unknown`` (message 84; ``message_code`` param) or
            ``registration.help_desk.nid_unknown``, no such citizen;
            ``registration.web.fbr_mismatch`` (message 49), the FBR number differs.

    >>> import pendulum
    >>> from electoral.model import Gender
    >>> c = Citizen(civil_registry_id=7, national_id="119690261935", fbr_number="r4471",
    ...             first_name="محمد", father_name="", grandfather_name="",
    ...             family_name="الورفلي", birth_date=pendulum.date(1969, 9, 7),
    ...             gender=Gender.MALE)
    >>> check_my_registration("119690261935", "r٤٤٧١", {c.national_id: c}).civil_registry_id
    7
    >>> check_my_registration("119690261935", "4471", {c.national_id: c})
    Traceback (most recent call last):
    ...
    electoral.errors.InconsistentValue: The National ID and ... do not match.
    """
    nid = validate_web_national_id(national_id)
    fbr = translate_eastern_arabic_digits(fbr_number).strip()
    citizen = citizens.get(nid)
    if citizen is None or citizen.missing_since is not None:
        code = (
            "registration.help_desk.nid_unknown" if help_desk else "registration.web.nid_unknown"
        )
        raise InvalidFormat(
            code, field="national_id", value=national_id, message_code=MessageCode.NID_INVALID
        )
    if fbr != citizen.fbr_number:
        raise InconsistentValue(
            "registration.web.fbr_mismatch",
            field="fbr_number",
            value=fbr_number,
            message_code=MessageCode.FBRN_MISMATCH,
        )
    return citizen


@attrs.frozen(field_transformer=typed_fields)
class SearchTerm:
    """How the staff registration search reads a term.

    Attributes:
        text: the trimmed term.
        phone: the term as a phone number, when it is a valid canonical one.
        national_id: the term as a national id, when it passes the syntactic check.
        name: the term as a name, when it is neither (a name search).

    An all-digit term may be both a phone number and a national id
    (``218923456789``): both are searched.
    """

    text: str
    phone: str | None
    national_id: str | None
    name: str | None


@guarded
def classify_search_term(term: str) -> SearchTerm:
    """Classify a staff search term (phone, national id, or name).

    An all-digit term that is neither a valid phone number nor a syntactically
    valid national id falls back to a name search, like any other term.

    >>> classify_search_term("119690261935").national_id
    '119690261935'
    >>> classify_search_term("الورفلي").name
    'الورفلي'
    """
    if not isinstance(term, str):
        raise InvalidType(field="term", value=term)
    text = term.strip()
    phone = national_id = None
    if text.isascii() and text.isdigit():
        if _phone.is_valid(text) and _phone.compact(text) == text:
            phone = text
        if _national_id.is_valid(text) and len(text) == _LENGTH:
            national_id = text
    name = text if phone is None and national_id is None else None
    return SearchTerm(text, phone, national_id, name)
