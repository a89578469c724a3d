"""Private: a two-way map between one of our enums and one system's integer codes."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Generic, TypeVar

from electoral._guard import guarded
from electoral.errors import InconsistentValue, InvalidComponent, InvalidType, register_messages

__all__ = ["CodeMap"]

E = TypeVar("E", bound=enum.Enum)

_MAX_DIGITS = 9

register_messages(
    {
        "code.shared": (
            "{value}: each code of {system} may stand for one member only.",
            "{value}: لا يجوز أن يدل رمز في {system} على أكثر من عنصر واحد.",
        ),
    }
)


class CodeMap(Generic[E]):
    """Our enum ``E`` to and from the integer codes of one existing system.

    Both directions refuse what the system cannot express, with ``code.unknown``;
    nothing is guessed.
    """

    @guarded
    def __init__(self, system: str, field: str, codes: Mapping[E, int]) -> None:
        self.system = system
        self.field = field
        self._to_code: dict[E, int] = dict(codes)
        self._from_code: dict[int, E] = {code: member for member, code in codes.items()}
        if len(self._from_code) != len(self._to_code):
            shared = sorted(
                {c for c in self._to_code.values() if list(self._to_code.values()).count(c) > 1}
            )
            raise InconsistentValue("code.shared", field="codes", value=shared, system=system)

    @guarded
    def to_code(self, member: E) -> int:
        """The system's code for ``member``."""
        try:
            return self._to_code[member]
        except (KeyError, TypeError):
            raise InvalidComponent(
                "code.unknown", field=self.field, value=member, system=self.system
            ) from None

    @guarded
    def from_code(self, code: object) -> E:
        """Our member for the system's ``code`` (an ``int``, or a string of digits)."""
        text = code.strip() if isinstance(code, str) else ""
        if text.isascii() and text.isdigit() and len(text) <= _MAX_DIGITS:
            code = int(text)
        elif text.isascii() and text.isdigit():
            raise InvalidComponent(
                "code.unknown", field=self.field, value=code, system=self.system
            )
        if type(code) is not int:
            raise InvalidType(field=self.field, value=code)
        try:
            return self._from_code[code]
        except KeyError:
            raise InvalidComponent(
                "code.unknown", field=self.field, value=code, system=self.system
            ) from None

    @property
    def codes(self) -> dict[E, int]:
        """The whole map, member to code."""
        return dict(self._to_code)

    def __repr__(self) -> str:
        return f"CodeMap({self.system!r}, {self.field!r})"
