"""Private: every error code and field label of :mod:`electoral.results`, in both languages.

Registered when the package is imported, before any submodule loads (``electoral._lazy``
says why); each group is headed by the submodule whose rules raise its codes.
"""

from __future__ import annotations

from electoral.errors import register_labels, register_messages

__all__: list[str] = []

register_labels(
    {
        # _aggregate
        "parts": ("Parts", "الأجزاء"),
        "definition": ("Turnout definition", "تعريف نسبة المشاركة"),
    }
)

register_messages(
    {
        # _aggregate
        "results.turnout_mixed_ballots": (
            "Station {value} has counted forms of ballots {ballots}: a voter casts one of "
            "each, so a turnout counts one race; choose its ballots.",
            "للمحطة {value} استمارات محتسبة للأوراق {ballots}: يدلي الناخب بورقة من كل منها، "
            "فنسبة المشاركة تحسب لسباق واحد؛ اختر أوراقه.",
        ),
        "results.stage": (
            "{value} is not a stage of the pipeline.",
            "{value} ليست مرحلة من مراحل المعالجة.",
        ),
        "results.partition_split_station": (
            "The forms of station {value} are in more than one part; each station's forms "
            "must stay in one part.",
            "استمارات المحطة {value} موزعة على أكثر من جزء؛ يجب أن تبقى استمارات كل محطة في "
            "جزء واحد.",
        ),
        "results.merge_mismatch": (
            "The parts differ in {value}, so they cannot be merged.",
            "تختلف الأجزاء في {value}، لذا لا يمكن دمجها.",
        ),
        "results.no_parts": (
            "There is nothing to merge.",
            "لا يوجد ما يمكن دمجه.",
        ),
        # _audit
        "results.no_active_audit": (
            "The form has no active audit case.",
            "لا توجد حالة تدقيق نشطة للاستمارة.",
        ),
        "results.no_active_clearance": (
            "The form has no active clearance case.",
            "لا توجد حالة معالجة نشطة للاستمارة.",
        ),
        "results.not_for_superadmin": (
            "The audit does not await super admin approval for archive.",
            "التدقيق لا ينتظر موافقة المشرف العام على الأرشفة.",
        ),
        "results.recall_not_archived": (
            "This form ({value}) is not in the ARCHIVED state.",
            "هذه الاستمارة ({value}) ليست في حالة الأرشفة.",
        ),
        "results.recall_pending_exists": (
            "An active recall request already exists for form {value}",
            "يوجد بالفعل طلب استرجاع نشط للاستمارة {value}",
        ),
        "results.recall_not_pending": (
            "Request {value} is not pending.",
            "الطلب {value} ليس قيد الانتظار.",
        ),
        "results.recall_other_form": (
            "Request {value} is for another form.",
            "الطلب {value} يخص استمارة أخرى.",
        ),
        "results.archived_to_clearance": (
            "Archived form can not be sent to clearance.",
            "لا يمكن إرسال استمارة مؤرشفة إلى المعالجة.",
        ),
        # _checks
        "results.percentage": (
            "{value} must be a non-negative whole number or fraction.",
            "يجب أن تكون القيمة {value} عددًا صحيحًا أو كسرًا غير سالب.",
        ),
        "results.check_duplicate": (
            "The check {value} appears twice in one tally.",
            "الفحص {value} مكرر في نفس عملية العد.",
        ),
        "results.recon_layout": (
            "The check {value} needs the {layout} reconciliation layout.",
            "يتطلب الفحص {value} نموذج المطابقة {layout}.",
        ),
        # _entry
        "results.recon_unknown_field": (
            "{value} is not a part of the reconciliation section.",
            "{value} ليس جزءًا من قسم المطابقة.",
        ),
        "results.missing_votes": ("Missing votes for candidate", "الأصوات مفقودة للمرشح"),
        "results.unknown_candidate": (
            "{value} is not a candidate on this form.",
            "{value} ليس مرشحًا في هذه الاستمارة.",
        ),
        "results.recon_required": (
            "The reconciliation field is required.",
            "حقل المطابقة مطلوب.",
        ),
        "results.recon_not_expected": (
            "This form has no reconciliation section.",
            "لا يوجد قسم مطابقة في هذه الاستمارة.",
        ),
        "results.recon_all_zero": (
            "All reconciliation fields are blank or zero. Form must be marked for Clearance.",
            "جميع حقول المطابقة فارغة أو صفر. يجب إحالة الاستمارة إلى المعالجة.",
        ),
        "results.no_double_entries": (
            "Result Form has no double entries.",
            "استمارة النتائج ليس لها إدخال مزدوج.",
        ),
        "results.corrections_incomplete": (
            "Please select correct results for all mis-matched votes.",
            "الرجاء اختيار النتائج الصحيحة لجميع الأصوات غير المتطابقة.",
        ),
        "results.qc_not_passed": (
            "The form has not passed quality control.",
            "لم تجتز الاستمارة مراقبة الجودة.",
        ),
        # _lifecycle
        "results.wrong_state": (
            "Form not in {allowed}. Return form to {current}.",
            "الاستمارة ليست في {allowed}. أعد الاستمارة إلى {current}.",
        ),
        "results.barcodes_mismatch": ("Barcodes do not match!", "الرموز الشريطية غير متطابقة!"),
        "results.barcode_unknown": ("Barcode does not exist.", "الرمز الشريطي غير موجود."),
        "results.barcode_reset_length": (
            "Please enter exactly 11 numbers",
            "الرجاء إدخال 11 رقمًا بالضبط",
        ),
        "results.barcode_not_this_form": (
            "{value} is not this form's barcode.",
            "{value} ليس الرمز الشريطي لهذه الاستمارة.",
        ),
        "results.center_disabled": ("Center is disabled.", "المركز معطل."),
        "results.station_unknown": ("Station does not exist.", "المحطة غير موجودة."),
        "results.station_disabled": ("Station disabled.", "المحطة معطلة."),
        "results.ballot_disabled": ("Ballot disabled.", "ورقة الاقتراع معطلة."),
        "results.ballot_unknown": (
            "Ballot {value} does not exist.",
            "ورقة الاقتراع {value} غير موجودة.",
        ),
        "results.center_number_format": (
            "Expecting only numbers for center number",
            "يجب إدخال أرقام فقط لرقم المركز",
        ),
        "results.station_number_format": (
            "Expecting only numbers for station number",
            "يجب إدخال أرقام فقط لرقم المحطة",
        ),
        "results.station_number_range": (
            "{value} must lie between {min_value} and {max_value}.",
            "يجب أن تكون القيمة {value} بين {min_value} و{max_value}.",
        ),
        "results.center_numbers_mismatch": (
            "Center Numbers do not match",
            "أرقام المركز غير متطابقة",
        ),
        "results.station_numbers_mismatch": (
            "Station Numbers do not match",
            "أرقام المحطة غير متطابقة",
        ),
        "results.center_unknown": ("Center Number does not exist", "رقم المركز غير موجود"),
        "results.station_not_in_center": (
            "Invalid Station Number for this Center",
            "رقم محطة غير صالح لهذا المركز",
        ),
        "results.intake_center_disabled": ("Center is disabled", "المركز معطل"),
        "results.intake_station_disabled": ("Station is disabled", "المحطة معطلة"),
        "results.race_disabled": ("Race is disabled.", "السباق معطل."),
        "results.ballot_race_mismatch": (
            "Ballot number do not match for center and form",
            "رقم ورقة الاقتراع لا يتطابق مع المركز والاستمارة",
        ),
        "results.center_station_not_form": (
            "Center and station numbers do not match",
            "رقما المركز والمحطة غير متطابقين",
        ),
        "results.not_replacement": (
            "Form {value} is not an unassigned replacement form.",
            "الاستمارة {value} ليست استمارة استبدال غير مخصصة.",
        ),
        "results.center_station_required": (
            "Enter the replacement form's centre and station first.",
            "أدخل مركز ومحطة استمارة الاستبدال أولًا.",
        ),
        "results.all_fields_mandatory": ("All fields are mandatory", "جميع الحقول إلزامية"),
        "results.create_ballot_disabled": ("Ballot is disabled", "ورقة الاقتراع معطلة"),
        "results.create_center_disabled": (
            "Selected center is disabled",
            "المركز المحدد معطل",
        ),
        "results.create_station_unknown": (
            "Station does not exist for the selected center",
            "المحطة غير موجودة في المركز المحدد",
        ),
        "results.create_station_disabled": (
            "Selected station is disabled",
            "المحطة المحددة معطلة",
        ),
        "results.create_race_mismatch": (
            "Ballot number do not match for center and station",
            "رقم ورقة الاقتراع لا يتطابق مع المركز والمحطة",
        ),
        "results.form_exists": (
            "A result form with the selected center, station number and ballot already exists",
            "توجد بالفعل استمارة نتائج للمركز ورقم المحطة وورقة الاقتراع المحددة",
        ),
        "results.barcode_taken": (
            "Barcode {value} is already used in this tally.",
            "الرمز الشريطي {value} مستخدم بالفعل في عملية العد هذه.",
        ),
        "results.reason_required": (
            "A reason is required.",
            "يجب ذكر السبب.",
        ),
        "results.replay_order": (
            "Event {value} does not continue the form's history.",
            "الحدث {value} لا يكمل سجل الاستمارة.",
        ),
        # _pvp
        "results.pvp.mode_code": (
            "{value} is not a PVP mode (0, 1 or 2).",
            "القيمة {value} ليست وضعًا لبروتوكول التصويت الأولي "
            "(0 معطل، 1 الإدخال الأول فقط، 2 الإدخالان الأول والثاني).",
        ),
        "results.pvp.bad_zip": (
            "could not open zip: {reason}",
            "تعذر فتح الملف المضغوط: {reason}",
        ),
        "results.pvp.missing_csv": (
            "bundle is missing candidate_results.csv",
            "الحزمة لا تحتوي على الملف candidate_results.csv",
        ),
        "results.pvp.missing_columns": (
            "bundle CSV is missing required columns: {columns}",
            "ملف CSV في الحزمة تنقصه الأعمدة المطلوبة: {columns}",
        ),
        "results.pvp.integer": (
            "Expected integer, got {value}",
            "المتوقع عدد صحيح، والقيمة المستلمة {value}",
        ),
        "results.pvp.negative": (
            "{value} is negative.",
            "القيمة {value} سالبة.",
        ),
        "results.pvp.duplicate_barcodes": (
            "barcodes appear in more than one submission: {items}",
            "رموز شريطية تظهر في أكثر من إرسال واحد: {items}",
        ),
        "results.pvp.rounds_differ": (
            "Candidate {candidate} of form {barcode} has round 1 {round1} and round 2 {round2}.",
            "المرشح {candidate} في الاستمارة {barcode} له في الجولة الأولى "
            "{round1} وفي الجولة الثانية {round2}.",
        ),
        "results.pvp.duplicate_candidate": (
            "Candidate {value} appears more than once in submission {instance}.",
            "المرشح {value} مكرر أكثر من مرة في الإرسال {instance}.",
        ),
        "results.pvp.unsafe_image": (
            "Image filename contains path syntax: {value}",
            "اسم ملف الصورة يحتوي على صيغة مسار: {value}",
        ),
        "results.pvp.disabled": (
            "PVP is disabled for tally {value}; the bundle is refused.",
            "بروتوكول التصويت الأولي معطل في عملية العد {value}؛ رُفضت الحزمة.",
        ),
        "results.pvp.replacement_form": (
            "Form {value} is a replacement form; PVP does not handle replacement forms.",
            "الاستمارة {value} استمارة استبدال؛ "
            "بروتوكول التصويت الأولي لا يعالج استمارات الاستبدال.",
        ),
        "results.pvp.already_imported": (
            "Form {value} already has a PVP submission.",
            "للاستمارة {value} إرسال سابق من بروتوكول التصويت الأولي.",
        ),
        "results.pvp.required_fields": (
            "The submission lacks a barcode, ballot number, instance id or round 2 value.",
            "ينقص الإرسال رمز شريطي أو رقم ورقة اقتراع أو معرّف إرسال أو قيمة الجولة الثانية.",
        ),
        "results.pvp.ballot_mismatch": (
            "Ballot {value} is not the ballot of form {barcode}.",
            "ورقة الاقتراع {value} ليست ورقة اقتراع الاستمارة {barcode}.",
        ),
        # _records
        "results.candidate_key": (
            "{value} is not a (ballot number, candidate id) pair.",
            "القيمة {value} ليست زوجًا من (رقم ورقة الاقتراع، رقم المرشح).",
        ),
    }
)
