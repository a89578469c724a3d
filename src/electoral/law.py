"""Legal citations (الاستشهادات القانونية): the law, the article, where it was published.

Every rule of the candidates, districts, calendar and disputes chapters carries a
:class:`Citation`: the instrument (a law, an HNEC decision, a government decision),
the article when it is known, and where a reader can open it. ``primary`` says
whether the source is the instrument's own text (the Official Gazette, or a
published copy or translation of the text) or only a report of it (the press, an
observer mission, a parliamentary database); a refusal that rests on a report says
so in its citation.

>>> c = Citation(instrument="Law 1/2021", article="Art. 11",
...              source="https://agenparl.eu/?p=21879")
>>> str(c)
'Law 1/2021 Art. 11 (as reported by https://agenparl.eu/?p=21879)'
>>> str(Citation(instrument="Law 12/2014", article="Art. 3", primary=True,
...              source="https://security-legislation.ly/node/31921"))
'Law 12/2014 Art. 3 (text: https://security-legislation.ly/node/31921)'
"""

from __future__ import annotations

import attrs

from electoral.model import _validators as v

__all__ = ["Citation"]


@attrs.frozen(kw_only=True)
class Citation:
    """Where a rule comes from.

    Attributes:
        instrument: the law or decision (``"Law 10/2014"``, ``"HNEC Decree 43/2023"``,
            ``"GNU Decision 333/2022"``).
        article: the article, when known (``"Art. 10(2)"``); ``None`` when the
            source gives the rule without its article.
        source: where to read it: the address of the text or of the report.
        primary: ``True`` when ``source`` is the instrument's own text (or a
            published copy or translation of it), ``False`` when it only reports it.
        note: what is uncertain about it, if anything.
    """

    instrument: str = attrs.field(validator=v.text(max_length=200, blank=False))
    article: str | None = attrs.field(
        default=None, validator=v.optional(v.text(max_length=100, blank=False))
    )
    source: str = attrs.field(default="", validator=v.text(max_length=2000))
    primary: bool = attrs.field(default=False, validator=v.boolean)
    note: str = attrs.field(default="", validator=v.text(max_length=2000))

    @property
    def reference(self) -> str:
        """The instrument and article: ``"Law 1/2021 Art. 11"``."""
        return f"{self.instrument} {self.article}" if self.article else self.instrument

    def __str__(self) -> str:
        if not self.source:
            return self.reference
        if self.primary:
            return f"{self.reference} (text: {self.source})"
        return f"{self.reference} (as reported by {self.source})"
