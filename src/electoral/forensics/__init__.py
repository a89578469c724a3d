"""Election forensics (التحليل الجنائي للانتخابات): screens that rank stations worth a second look.

**Read the caveats first.** A flag is not a finding. Every statistic here has
innocent explanations and a published critique: high turnout has ordinary causes;
last-digit and round-number tests assume counts large and spread enough for their
last digit to be uniform, and on real elections they have failed to separate clean
counts from disputed ones; identical vote vectors occur honestly at small
stations. Many tests make chance findings, so each test's p-values are adjusted
for the number of stations tested (Benjamini–Hochberg) before anything is ranked.
The output ranks flags; it never calls a station fraudulent, and no screen blocks
a result form (the quarantine checks of :mod:`electoral.results` are the rules).

==========================  ==================================================
section                     names
==========================  ==================================================
per-station figures         :func:`station_figures`, :class:`StationFigures`,
                            :func:`fingerprint`, :class:`Fingerprint`
tests                       :func:`last_digit_test`, :func:`round_number_test`
flags                       :func:`screen`, :func:`digit_flags`,
                            :func:`turnout_flags`,
                            :func:`identical_vector_flags`, :class:`Flag`,
                            :data:`CAVEATS`
statistics                  :func:`benjamini_hochberg`, :func:`binomial_tail`,
                            :func:`exact_uniform_test`, :func:`chi_square_sf`,
                            :func:`normal_tail`
==========================  ==================================================

The screens read published forms (:class:`electoral.publication.PublishedForm`),
so an observer runs them on the per-form file exactly as HNEC would. Counts stay
integers and shares exact fractions; p-values are floats (they are not votes),
computed in pure Python and checked against SciPy in the tests.

>>> from electoral.publication import publish
>>> from electoral.testing import demo_records, demo_tally_setup
>>> setup = demo_tally_setup()
>>> forms = publish(demo_records(setup), setup, election="demo").forms
>>> figures = station_figures(forms)
>>> figures[0].turnout, figures[0].leader_share
(Fraction(41, 400), Fraction(13, 36))
>>> screen(forms)
()
"""

from __future__ import annotations

from electoral.forensics._screens import (
    CAVEATS,
    Fingerprint,
    Flag,
    StationFigures,
    digit_flags,
    fingerprint,
    identical_vector_flags,
    last_digit_test,
    round_number_test,
    screen,
    station_figures,
    turnout_flags,
)
from electoral.forensics._stats import (
    benjamini_hochberg,
    binomial_tail,
    chi_square_sf,
    exact_uniform_test,
    normal_tail,
)

__all__ = [
    "CAVEATS",
    "Fingerprint",
    "Flag",
    "StationFigures",
    "benjamini_hochberg",
    "binomial_tail",
    "chi_square_sf",
    "digit_flags",
    "exact_uniform_test",
    "fingerprint",
    "identical_vector_flags",
    "last_digit_test",
    "normal_tail",
    "round_number_test",
    "screen",
    "station_figures",
    "turnout_flags",
]
