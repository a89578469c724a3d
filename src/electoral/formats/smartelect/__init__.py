"""SmartElect's files (ملفات نظام التسجيل): centres, the civil registry, uploads, rolls.

==============================  ==============================================
file                            reader and writer
==============================  ==============================================
centre CSV                      :func:`read_centers`, :func:`write_centers`
centre CSV with the names       :func:`read_named_centers`,
                                :func:`write_named_centers`
civil-registry dump (SQL)       :func:`iter_registry_dump`,
                                :func:`read_registry_dump`,
                                :func:`check_registry_dump`,
                                :func:`write_registry_dump`, and one line at a
                                time :func:`split_dump_line`,
                                :func:`format_dump_line`,
                                :func:`record_to_dump_line`
civil registry as CSV           :func:`iter_registry_csv`,
                                :func:`read_registry_csv`,
                                :func:`check_registry_csv`,
                                :func:`write_registry_csv`
phone list upload               :func:`read_phone_list_upload`
national-id upload              :func:`read_national_id_upload`
bulk SMS upload                 :func:`read_bulk_sms`
voter roll files                :func:`write_voters_by_national_id`,
                                :func:`write_voters_by_center_and_station`,
                                :func:`read_roll`
station metadata                :func:`write_station_metadata`
==============================  ==============================================

Every reader follows the one file policy of :mod:`electoral.formats`; the rules the
rows are checked with are the registration chapter's (:mod:`electoral.registration`).
The columns and every deliberate difference from SmartElect are listed in the formats
chapter of the documentation.

Sources: SmartElect ``register/utils.py``, ``civil_registry/parsing.py``,
``changesets/forms.py``, ``bulk_sms/utils.py``, ``rollgen/job.py``
(SmartElect/SmartElect at commit ``d6d35f2``).

>>> read_national_id_upload("119690261935\\n", known={"119690261935"})
('119690261935',)
"""

from __future__ import annotations

from electoral.formats.smartelect._centers import (
    read_centers,
    read_named_centers,
    write_centers,
    write_named_centers,
)
from electoral.formats.smartelect._registry import (
    DUMP_DATA_PREFIX,
    check_registry_csv,
    check_registry_dump,
    format_dump_line,
    iter_registry_csv,
    iter_registry_dump,
    read_registry_csv,
    read_registry_dump,
    record_to_dump_line,
    split_dump_line,
    write_registry_csv,
    write_registry_dump,
)
from electoral.formats.smartelect._rolls import (
    METADATA_HEADER,
    ROLL_COLUMNS,
    read_roll,
    write_station_metadata,
    write_voters_by_center_and_station,
    write_voters_by_national_id,
)
from electoral.formats.smartelect._uploads import (
    read_bulk_sms,
    read_national_id_upload,
    read_phone_list_upload,
)

__all__ = [
    "DUMP_DATA_PREFIX",
    "METADATA_HEADER",
    "ROLL_COLUMNS",
    "check_registry_csv",
    "check_registry_dump",
    "format_dump_line",
    "iter_registry_csv",
    "iter_registry_dump",
    "read_bulk_sms",
    "read_centers",
    "read_named_centers",
    "read_national_id_upload",
    "read_phone_list_upload",
    "read_registry_csv",
    "read_registry_dump",
    "read_roll",
    "record_to_dump_line",
    "split_dump_line",
    "write_centers",
    "write_named_centers",
    "write_registry_csv",
    "write_registry_dump",
    "write_station_metadata",
    "write_voters_by_center_and_station",
    "write_voters_by_national_id",
]
