"""Tally-Ho's files (ملفات نظام إدارة النتائج): setup, result forms, results export, PVP.

The results system is set up from seven CSV files, read in this order because each
refers to the ones before (:func:`read_tally_setup` reads a folder of them):

==============================  ==============================================
file                            reader and writer
==============================  ==============================================
ballots                         :func:`read_ballots`, :func:`write_ballots`
sub-constituencies              :func:`read_subconstituencies`,
                                :func:`write_subconstituencies`
sub-constituency ballots        :func:`read_subconstituency_ballots`,
                                :func:`write_subconstituency_ballots`
centres                         :func:`read_centers`, :func:`write_centers`
stations                        :func:`read_stations`, :func:`write_stations`
candidates and ballot order     :func:`read_candidates`, :func:`write_candidates`
result forms                    :func:`read_result_forms`,
                                :func:`write_result_forms`
==============================  ==============================================

and it writes the per-form results export (:func:`iter_results_export`,
:func:`read_results_export`, :func:`write_results_export`) and takes preliminary
votes from the field as PVP bundles (:func:`read_pvp_bundle`,
:func:`write_pvp_bundle`). The centres file with six more columns, which Tally-Ho
ignores, keeps a centre's names and registration-system fields through the results
system's format (:func:`read_named_centers`, :func:`write_named_centers`). Every
reader follows the one file policy of :mod:`electoral.formats` and raises every problem
of a file at once; nothing is returned from a file with a problem. The columns and
every deliberate difference from Tally-Ho's own importers are listed in the formats
chapter of the documentation.

Sources: Tally-Ho ``tally_ho/apps/tally/management/commands/``,
``tally_ho/libs/pvp/bundle.py``, ``tally_ho/libs/views/exports.py``,
``tally_ho/libs/tests/fixtures/tally_setup_files/``
(onaio/tally-ho at commit ``acbe4f4``).

>>> ballots = read_ballots("election_level,sub_type,number\\nHoR,general,117\\n")
>>> ballots[0].number
117
"""

from __future__ import annotations

from electoral.formats.tallyho._export import (
    iter_results_export,
    read_results_export,
    write_results_export,
)
from electoral.formats.tallyho._forms import (
    SETUP_FILES,
    SetupFolder,
    read_result_forms,
    read_tally_setup,
    write_result_forms,
)
from electoral.formats.tallyho._named_centers import (
    NAMED_CENTER_COLUMNS,
    NamedCenter,
    NamedCenters,
    read_named_centers,
    write_named_centers,
)
from electoral.formats.tallyho._pvp import (
    PVP_BUNDLE_COLUMNS,
    pvp_results_csv_example,
    read_pvp_bundle,
    read_pvp_results,
    write_pvp_bundle,
    write_pvp_results,
)
from electoral.formats.tallyho._setup import (
    FILES,
    read_ballots,
    read_candidates,
    read_centers,
    read_stations,
    read_subconstituencies,
    read_subconstituency_ballots,
    write_ballots,
    write_candidates,
    write_centers,
    write_stations,
    write_subconstituencies,
    write_subconstituency_ballots,
)

__all__ = [
    "FILES",
    "NAMED_CENTER_COLUMNS",
    "PVP_BUNDLE_COLUMNS",
    "SETUP_FILES",
    "NamedCenter",
    "NamedCenters",
    "SetupFolder",
    "iter_results_export",
    "pvp_results_csv_example",
    "read_ballots",
    "read_candidates",
    "read_centers",
    "read_named_centers",
    "read_pvp_bundle",
    "read_pvp_results",
    "read_result_forms",
    "read_results_export",
    "read_stations",
    "read_subconstituencies",
    "read_subconstituency_ballots",
    "read_tally_setup",
    "write_ballots",
    "write_candidates",
    "write_centers",
    "write_named_centers",
    "write_pvp_bundle",
    "write_pvp_results",
    "write_result_forms",
    "write_results_export",
    "write_stations",
    "write_subconstituencies",
    "write_subconstituency_ballots",
]
