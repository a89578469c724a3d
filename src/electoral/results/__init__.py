"""Results (النتائج): the life of a result form, data entry, quarantine checks, the tally.

Everything here is a pure function over frozen values. A form's state changes
only through a transition function, which checks its guard and returns a
:class:`Step`: the new :class:`FormRecord` and an :class:`Event` (who, when,
why, what changed). Entered data is deactivated, never deleted, and a form's
events replay to its current state (:func:`replay`).

==========================  ==================================================
section                     names
==========================  ==================================================
life cycle                  :data:`TRANSITIONS`, :func:`import_form`,
                            :func:`create_form`, :func:`check_barcode`,
                            :func:`intake`, :func:`assign_center_station`,
                            :func:`intake_match`, :func:`intake_reject`,
                            :func:`intake_abort`, :func:`reset_form`,
                            :func:`replay`, :func:`state_diagram`
PVP                         :class:`PvpMode`, :class:`PvpBundle`,
                            :func:`plan_pvp_import`, :func:`import_pvp_bundle`,
                            :func:`pvp_de1_only`, :func:`pvp_de1_and_de2`
duplicates                  :func:`form_duplicates`,
                            :func:`find_duplicate_results`,
                            :func:`mark_duplicate_reviewed`,
                            :func:`center_duplicate_results`
data entry, corrections     :func:`enter_de1`, :func:`enter_de2`,
                            :func:`compare_entries`,
                            :func:`resolve_corrections`, :func:`qc_pass`,
                            :func:`qc_print`, :func:`qc_reject`
quarantine checks           :class:`QuarantineCheck`, :class:`TallyConfig`,
                            :func:`run_checks`, :func:`check_form`,
                            :data:`DEFAULT_CHECKS`, :data:`CHECKS_2014`
audit and clearance         :func:`create_audit`, :func:`review_audit`,
                            :func:`implement_audit`, :func:`confirm_archive`,
                            :func:`create_clearance`, :func:`implement_clearance`,
                            recall requests
aggregation                 :func:`tally`, :func:`merge_tallies`,
                            :func:`progress`, :func:`race_progress`, three
                            turnout functions (each total merges exactly)
the results export          :class:`ResultRow`, :func:`results_rows` (its files
                            are read and written by
                            :mod:`electoral.formats.tallyho`)
==========================  ==================================================

The names load with the submodule that defines them, when first used: importing
the package alone is cheap.

Sources: Tally-Ho, HNEC's results system (onaio/tally-ho at commit ``acbe4f4``). The
modules name its files as its code does: ``models/``, ``views/``, ``forms/`` and
``management/`` are under ``tally_ho/apps/tally/``, ``libs/`` and ``settings/`` under
``tally_ho/``; :doc:`/sources` lists each file in full.

>>> from electoral.results import tally
>>> from electoral.testing import demo_records, demo_tally_setup
>>> setup = demo_tally_setup()
>>> records = demo_records(setup)
>>> t = tally(records, setup)
>>> t.national.valid, t.national.invalid
(2166, 35)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from electoral._lazy import attach
from electoral.results import _catalogue  # noqa: F401 - registers every code and label at import

if TYPE_CHECKING:
    from electoral.results._audit import (
        approve_recall,
        audit_outcome,
        confirm_archive,
        create_audit,
        create_clearance,
        duplicate_results_to_clearance,
        implement_audit,
        implement_clearance,
        reject_recall,
        request_recall,
        review_audit,
        review_clearance,
    )
    from electoral.results._checks import (
        CHECKS_2014,
        DEFAULT_CHECKS,
        CheckMethod,
        CheckOutcome,
        QuarantineCheck,
        QuarantineReport,
        TallyConfig,
        check_form,
        run_checks,
    )
    from electoral.results._counting import (
        COMPONENT_TO_BALLOTS_2014,
        EMPTY_PERCENT,
        counted_forms,
        distinct_forms,
        form_ballot_numbers,
        percent,
    )
    from electoral.results._duplicates import (
        CenterDuplicate,
        FormTriple,
        center_duplicate_results,
        find_duplicate_results,
        form_duplicates,
        mark_duplicate_reviewed,
        results_map,
    )
    from electoral.results._entry import (
        RECON_FIELDS,
        Comparison,
        compare_entries,
        enter_de1,
        enter_de2,
        qc_pass,
        qc_print,
        qc_reject,
        recon_problems,
        reject_corrections,
        resolve_corrections,
    )
    from electoral.results._export import EXPORT_COLUMNS, ResultRow, results_rows
    from electoral.results._intake import (
        UnknownReference,
        assign_center_station,
        check_barcode,
        check_center_station,
        create_form,
        find_duplicates,
        import_form,
        intake,
        intake_abort,
        intake_match,
        intake_reject,
        next_barcode,
        reset_form,
        send_to_clearance,
    )
    from electoral.results._lifecycle import (
        TRANSITIONS,
        Step,
        Transition,
        WrongState,
        replay,
        state_diagram,
    )
    from electoral.results._progress import (
        Progress,
        RaceProgress,
        processed_states,
        progress,
        race_progress,
        unprocessed_states,
    )
    from electoral.results._pvp import (
        PVP_MODE_CODES,
        PvpBundle,
        PvpCandidate,
        PvpImport,
        PvpPlan,
        PvpSkip,
        PvpSubmission,
        apply_pvp_submission,
        import_pvp_bundle,
        plan_pvp_import,
        pvp_de1_and_de2,
        pvp_de1_only,
        pvp_mode_from_code,
        pvp_skip_reason,
    )
    from electoral.results._records import (
        ActionPrior,
        AuditRecord,
        AuditResolution,
        CandidateKey,
        ClearanceRecord,
        ClearanceResolution,
        EntryVersion,
        Event,
        FormRecord,
        PvpLink,
        PvpMode,
        QualityControl,
        RecallRequest,
        ReconEntry,
        RequestReason,
        RequestStatus,
        TallySetup,
        VoteEntry,
    )
    from electoral.results._tally import Tally, Totals, merge_tallies, tally
    from electoral.results._turnout import (
        StationTurnout,
        Turnout,
        gender_turnout,
        reconciliation_turnout,
        station_turnout,
    )


__all__ = [
    "CHECKS_2014",
    "COMPONENT_TO_BALLOTS_2014",
    "DEFAULT_CHECKS",
    "EMPTY_PERCENT",
    "EXPORT_COLUMNS",
    "PVP_MODE_CODES",
    "RECON_FIELDS",
    "TRANSITIONS",
    "ActionPrior",
    "AuditRecord",
    "AuditResolution",
    "CandidateKey",
    "CenterDuplicate",
    "CheckMethod",
    "CheckOutcome",
    "ClearanceRecord",
    "ClearanceResolution",
    "Comparison",
    "EntryVersion",
    "Event",
    "FormRecord",
    "FormTriple",
    "Progress",
    "PvpBundle",
    "PvpCandidate",
    "PvpImport",
    "PvpLink",
    "PvpMode",
    "PvpPlan",
    "PvpSkip",
    "PvpSubmission",
    "QualityControl",
    "QuarantineCheck",
    "QuarantineReport",
    "RaceProgress",
    "RecallRequest",
    "ReconEntry",
    "RequestReason",
    "RequestStatus",
    "ResultRow",
    "StationTurnout",
    "Step",
    "Tally",
    "TallyConfig",
    "TallySetup",
    "Totals",
    "Transition",
    "Turnout",
    "UnknownReference",
    "VoteEntry",
    "WrongState",
    "apply_pvp_submission",
    "approve_recall",
    "assign_center_station",
    "audit_outcome",
    "center_duplicate_results",
    "check_barcode",
    "check_center_station",
    "check_form",
    "compare_entries",
    "confirm_archive",
    "counted_forms",
    "create_audit",
    "create_clearance",
    "create_form",
    "distinct_forms",
    "duplicate_results_to_clearance",
    "enter_de1",
    "enter_de2",
    "find_duplicate_results",
    "find_duplicates",
    "form_ballot_numbers",
    "form_duplicates",
    "gender_turnout",
    "implement_audit",
    "implement_clearance",
    "import_form",
    "import_pvp_bundle",
    "intake",
    "intake_abort",
    "intake_match",
    "intake_reject",
    "mark_duplicate_reviewed",
    "merge_tallies",
    "next_barcode",
    "percent",
    "plan_pvp_import",
    "processed_states",
    "progress",
    "pvp_de1_and_de2",
    "pvp_de1_only",
    "pvp_mode_from_code",
    "pvp_skip_reason",
    "qc_pass",
    "qc_print",
    "qc_reject",
    "race_progress",
    "recon_problems",
    "reconciliation_turnout",
    "reject_corrections",
    "reject_recall",
    "replay",
    "request_recall",
    "reset_form",
    "resolve_corrections",
    "results_map",
    "results_rows",
    "review_audit",
    "review_clearance",
    "run_checks",
    "send_to_clearance",
    "state_diagram",
    "station_turnout",
    "tally",
    "unprocessed_states",
]

_NAMES: Final = {
    "_audit": (
        "approve_recall",
        "audit_outcome",
        "confirm_archive",
        "create_audit",
        "create_clearance",
        "duplicate_results_to_clearance",
        "implement_audit",
        "implement_clearance",
        "reject_recall",
        "request_recall",
        "review_audit",
        "review_clearance",
    ),
    "_checks": (
        "CHECKS_2014",
        "DEFAULT_CHECKS",
        "CheckMethod",
        "CheckOutcome",
        "QuarantineCheck",
        "QuarantineReport",
        "TallyConfig",
        "check_form",
        "run_checks",
    ),
    "_counting": (
        "COMPONENT_TO_BALLOTS_2014",
        "EMPTY_PERCENT",
        "counted_forms",
        "distinct_forms",
        "form_ballot_numbers",
        "percent",
    ),
    "_duplicates": (
        "CenterDuplicate",
        "FormTriple",
        "center_duplicate_results",
        "find_duplicate_results",
        "form_duplicates",
        "mark_duplicate_reviewed",
        "results_map",
    ),
    "_entry": (
        "RECON_FIELDS",
        "Comparison",
        "compare_entries",
        "enter_de1",
        "enter_de2",
        "qc_pass",
        "qc_print",
        "qc_reject",
        "recon_problems",
        "reject_corrections",
        "resolve_corrections",
    ),
    "_export": (
        "EXPORT_COLUMNS",
        "ResultRow",
        "results_rows",
    ),
    "_intake": (
        "UnknownReference",
        "assign_center_station",
        "check_barcode",
        "check_center_station",
        "create_form",
        "find_duplicates",
        "import_form",
        "intake",
        "intake_abort",
        "intake_match",
        "intake_reject",
        "next_barcode",
        "reset_form",
        "send_to_clearance",
    ),
    "_lifecycle": (
        "TRANSITIONS",
        "Step",
        "Transition",
        "WrongState",
        "replay",
        "state_diagram",
    ),
    "_progress": (
        "Progress",
        "RaceProgress",
        "processed_states",
        "progress",
        "race_progress",
        "unprocessed_states",
    ),
    "_pvp": (
        "PVP_MODE_CODES",
        "PvpBundle",
        "PvpCandidate",
        "PvpImport",
        "PvpPlan",
        "PvpSkip",
        "PvpSubmission",
        "apply_pvp_submission",
        "import_pvp_bundle",
        "plan_pvp_import",
        "pvp_de1_and_de2",
        "pvp_de1_only",
        "pvp_mode_from_code",
        "pvp_skip_reason",
    ),
    "_records": (
        "ActionPrior",
        "AuditRecord",
        "AuditResolution",
        "CandidateKey",
        "ClearanceRecord",
        "ClearanceResolution",
        "EntryVersion",
        "Event",
        "FormRecord",
        "PvpLink",
        "PvpMode",
        "QualityControl",
        "RecallRequest",
        "ReconEntry",
        "RequestReason",
        "RequestStatus",
        "TallySetup",
        "VoteEntry",
    ),
    "_tally": (
        "Tally",
        "Totals",
        "merge_tallies",
        "tally",
    ),
    "_turnout": (
        "StationTurnout",
        "Turnout",
        "gender_turnout",
        "reconciliation_turnout",
        "station_turnout",
    ),
}
"""Each submodule and the public names it gives."""

if not TYPE_CHECKING:  # a type checker reads the imports above, and refuses a typo
    __getattr__, __dir__ = attach(__name__, _NAMES)
