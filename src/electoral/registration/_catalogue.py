"""Private: every error code and field label of :mod:`electoral.registration`, in both languages.

Registered when the package is imported, before any submodule loads (``electoral._lazy``
says why); each group is headed by the submodule whose rules raise its codes.
"""

from __future__ import annotations

from electoral.errors import register_labels, register_messages

__all__: list[str] = []

register_labels(
    {
        # _stream
        "line_numbers": ("Line numbers", "أرقام الأسطر"),
    }
)

register_messages(
    {
        # _centers_csv
        "registration.csv.columns": (
            "Error found in line {line_number}: row does not contain the exact number of "
            "columns required or it contains blank lines. The row should only have the "
            "following  columns: {columns}.",
            "خطأ في السطر {line_number}: الصف لا يحتوي على العدد المطلوب من الأعمدة بالضبط أو "
            "يحتوي على أسطر فارغة. يجب أن يحتوي الصف على الأعمدة التالية فقط: {columns}.",
        ),
        "registration.csv.required": ("This field is required.", "هذا الحقل مطلوب."),
        "registration.csv.integer": ("Enter a whole number.", "أدخل عددًا صحيحًا."),
        "registration.csv.number": ("Enter a number.", "أدخل رقمًا."),
        "registration.csv.max_value": (
            "Ensure this value is less than or equal to {limit}.",
            "تأكد من أن هذه القيمة أصغر من أو تساوي {limit}.",
        ),
        "registration.csv.min_value": (
            "Ensure this value is greater than or equal to {limit}.",
            "تأكد من أن هذه القيمة أكبر من أو تساوي {limit}.",
        ),
        "registration.csv.max_length": (
            "Ensure this value has at most {limit} characters (it has {length}).",
            "تأكد من أن هذه القيمة لا تزيد عن {limit} حرفًا (طولها {length}).",
        ),
        "registration.csv.newline": ("Newlines are not allowed.", "لا يسمح بالأسطر الجديدة."),
        "registration.csv.office": ("Office does not exist.", "المكتب غير موجود."),
        "registration.csv.constituency": ("Constituency does not exist.", "الدائرة غير موجودة."),
        "registration.csv.subconstituency": (
            "Subconstituency does not exist.",
            "الدائرة الفرعية غير موجودة.",
        ),
        "registration.csv.copy_unknown": (
            "Copy centre does not exist.",
            "المركز المنسوخ منه غير موجود.",
        ),
        "registration.csv.center_type": (
            # the choices are CenterType's labels in import order (a test checks them)
            "That is not a valid center_type. Valid choices are عام (General), "
            "نازحين (Displaced), حقل نفط (Oil), مركز تأهيل وايواء (Disability), "
            "ثوار (Revolution), نسخة (Copy), تقسيم (Split).",
            "هذا ليس نوع مركز صالحًا. الخيارات الصالحة هي عام (General), "
            "نازحين (Displaced), حقل نفط (Oil), مركز تأهيل وايواء (Disability), "
            "ثوار (Revolution), نسخة (Copy), تقسيم (Split).",
        ),
        "registration.csv.digits_before_point": (
            "Ensure that there are no more than 3 digits before the decimal point.",
            "تأكد من عدم وجود أكثر من 3 أرقام قبل الفاصلة العشرية.",
        ),
        "registration.csv.decimal_places": (
            "Ensure that there are no more than 8 decimal places.",
            "تأكد من عدم وجود أكثر من 8 منازل عشرية.",
        ),
        "registration.csv.copy_read_only": (
            "Copy centres are read-only.",
            "المراكز المنسوخة للقراءة فقط.",
        ),
        "registration.csv.to_copy": (
            "A centre may not be changed to a copy centre.",
            "لا يجوز تحويل مركز إلى مركز منسوخ.",
        ),
        "registration.csv.failed": (
            "Errors occurred while parsing the uploaded file. No centers were imported or "
            "updated.",
            "حدثت أخطاء أثناء قراءة الملف المرفوع. لم يتم استيراد أو تحديث أي مركز.",
        ),
        "registration.csv.row_field": (
            "Error in row {line_number}. Field: {field_name}. Value: {text}. Error: {error}",
            "خطأ في الصف {line_number}. الحقل: {field_name}. القيمة: {text}. الخطأ: {error}",
        ),
        "registration.csv.row": (
            "Error in row {line_number}. Error: {error}",
            "خطأ في الصف {line_number}. الخطأ: {error}",
        ),
        "registration.csv.imported": (
            "Imported {created} new centers. Updated {updated} centers. There were {dupes} "
            "duplicates skipped. Blank rows {blank}",
            "تم استيراد {created} مركزًا جديدًا. تم تحديث {updated} مركزًا. تم تخطي {dupes} "
            "مكررًا. الصفوف الفارغة {blank}",
        ),
        # _changesets
        "registration.changeset.rollback_selection": (
            "A rollback must select the citizens of another changeset.",
            "يجب أن يختار التراجع مواطني مجموعة تغييرات أخرى.",
        ),
        "registration.changeset.no_other": (
            "No other changeset selected",
            "لم يتم اختيار مجموعة تغييرات أخرى",
        ),
        "registration.changeset.no_centers": ("No centers selected", "لم يتم اختيار أي مركز"),
        "registration.changeset.no_target": (
            "No target center selected",
            "لم يتم اختيار المركز الهدف",
        ),
        "registration.changeset.target_is_source": (
            "Target center is one of the centers being moved from",
            "المركز الهدف هو أحد المراكز التي يتم النقل منها",
        ),
        "registration.changeset.upload_required": (
            "An uploaded file is required if selection method is uploaded NIDs",
            "يلزم رفع ملف إذا كانت طريقة الاختيار هي الأرقام الوطنية المرفوعة",
        ),
        "registration.changeset.justification": (
            "A justification is required.",
            "التبرير مطلوب.",
        ),
        "registration.changeset.name": (
            "A changeset name is 1 to 256 characters.",
            "اسم مجموعة التغييرات من 1 إلى 256 حرفًا.",
        ),
        "registration.changeset.message": (
            "The message is at most 1024 characters.",
            "الرسالة لا تزيد عن 1024 حرفًا.",
        ),
        "registration.changeset.status": (
            "The changeset is {value}; this needs {allowed}.",
            "حالة مجموعة التغييرات {value}؛ هذا يتطلب {allowed}.",
        ),
        "registration.changeset.not_approver": (
            "{value} has not approved this changeset.",
            "{value} لم يوافق على مجموعة التغييرات هذه.",
        ),
        "registration.changeset.confirm": (
            "Editing removes the existing approvals; confirm that this is okay.",
            "التعديل يلغي الموافقات الحالية؛ يرجى التأكيد.",
        ),
        "registration.changeset.not_rollbackable": (
            "Changeset {value} is not successful or partially successful.",
            "مجموعة التغييرات {value} ليست ناجحة أو ناجحة جزئيًا.",
        ),
        "registration.changeset.unknown": (
            "There is no {value}.",
            "لا يوجد {value}.",
        ),
        "registration.changeset.target_closed": (
            "The target centre {value} does not exist or does not take registrations.",
            "المركز الهدف {value} غير موجود أو لا يقبل التسجيل.",
        ),
        "registration.upload.empty": ("The submitted file is empty.", "الملف المرفوع فارغ."),
        "registration.upload.length": (
            "Line {line_number}: Wrong length",
            "السطر {line_number}: طول غير صحيح",
        ),
        "registration.upload.number": (
            "Line {line_number}: Not a valid number",
            "السطر {line_number}: ليس رقمًا صحيحًا",
        ),
        "registration.upload.national_id": (
            "Line {line_number}: Not a valid national ID number",
            "السطر {line_number}: ليس رقمًا وطنيًا صحيحًا",
        ),
        "registration.upload.unknown": (
            "Line {line_number}: No person registered with that NID",
            "السطر {line_number}: لا يوجد شخص مسجل بهذا الرقم الوطني",
        ),
        "registration.upload.stopped": (
            "Stopping after {count} errors.",
            "تم التوقف بعد {count} أخطاء.",
        ),
        # _copies
        "registration.copy.unknown_original": (
            "The original centre {value} is not among the centres given.",
            "المركز الأصلي {value} غير موجود ضمن المراكز المعطاة.",
        ),
        # _eligibility
        "registration.too_young": (
            "The citizen is not yet {minimum_age} years old on {day}.",
            "لم يبلغ المواطن {minimum_age} سنة في {day}.",
        ),
        "registration.blocked": (
            "The citizen is blocked from registering or voting",
            "المواطن ممنوع من التسجيل أو الاقتراع",
        ),
        "registration.missing": (
            "The citizen is missing from the latest civil registry.",
            "المواطن غير موجود في آخر نسخة من السجل المدني.",
        ),
        "registration.minimum_age": (
            "The minimum age must be a whole number of years from 0 to 150.",
            "يجب أن يكون الحد الأدنى للسن عددًا صحيحًا من السنوات بين 0 و150.",
        ),
        # _lookup
        "registration.web.nid_short": (
            "A National ID is a 12-digit number.",
            "الرقم الوطني يتكون من 12 رقمًا.",
        ),
        "registration.web.nid_long": (
            "A valid National ID is at most 12 digits long.",
            "الرقم الوطني الصحيح لا يزيد عن 12 رقمًا.",
        ),
        "registration.web.nid_start": (
            "A valid National ID starts with 1 or 2.",
            "الرقم الوطني الصحيح يبدأ بالرقم 1 أو 2.",
        ),
        "registration.web.nid_number": (
            "Enter a whole number.",
            "أدخل عددًا صحيحًا.",
        ),
        "registration.web.nid_unknown": (
            # the SMS reply MessageCode.NID_INVALID's text (a test keeps them equal)
            "The National ID is not valid or not eligible.",
            "الرقم الوطني غير صحيح أو غير مؤهل.",
        ),
        "registration.help_desk.nid_unknown": (
            "That is not a valid National ID number.",
            "هذا ليس رقمًا وطنيًا صحيحًا.",
        ),
        "registration.web.fbr_mismatch": (
            # the SMS reply MessageCode.FBRN_MISMATCH's text (a test keeps them equal)
            "The National ID and the Family Book Record number do not match.",
            "الرقم الوطني ورقم قيد العائلة غير متطابقين.",
        ),
        # _ocvr
        "registration.ocvr.nid_length": (
            "The National ID must be exactly 12 digits.",
            "يجب أن يتكون الرقم الوطني من 12 رقمًا بالضبط.",
        ),
        "registration.ocvr.nid_confirmation": (
            "The National ID and its confirmation do not match.",
            "الرقم الوطني وتأكيده غير متطابقين.",
        ),
        # _operations
        "registration.job_name.dot": (
            "A job name must not start with a period.",
            "يجب ألا يبدأ اسم المهمة بنقطة.",
        ),
        "registration.job_name.slash": (
            "A job name must not contain / or \\.",
            "يجب ألا يحتوي اسم المهمة على / أو \\.",
        ),
        "registration.job_name.length": (
            "A job name has 1 to {maximum} characters.",
            "يتكون اسم المهمة من 1 إلى {maximum} حرفًا.",
        ),
        "registration.job_name.duplicate": (
            "A job named {value} already exists.",
            "توجد مهمة بالاسم {value} بالفعل.",
        ),
        "registration.center_list.invalid": (
            "These ids are invalid: {ids}",
            "هذه الأرقام غير صالحة: {ids}",
        ),
        "registration.bulk_sms.number": (
            "Unable to parse number {number} as a phone number on row {row}",
            "تعذر قراءة الرقم {number} كرقم هاتف في الصف {row}",
        ),
        "registration.bulk_sms.blank": (
            "Message is blank on row {row}",
            "الرسالة فارغة في الصف {row}",
        ),
        "registration.bulk_sms.columns": (
            "Row {row} should have 2 columns (number, message); it has {count}.",
            "يجب أن يحتوي الصف {row} على عمودين (الرقم، الرسالة)؛ يحتوي على {count}.",
        ),
        "registration.staff.invalid_id": (
            "{value} is not the id of an active staff member.",
            "{value} ليس رقم موظف نشط.",
        ),
        "registration.staff.wrong_phone": (
            "The caller's phone is not the staff member's phone.",
            "هاتف المتصل ليس هاتف الموظف.",
        ),
        # _periods
        "registration.period_overlap": (
            "Other registration periods overlap this one.",
            "توجد فترات تسجيل أخرى تتداخل مع هذه الفترة.",
        ),
        # _phone_lists
        "registration.phone_list.invalid_lines": (
            "Numbers on these lines not imported because they are not valid phone "
            "numbers: {lines}.",
            "لم يتم استيراد الأرقام الموجودة في هذه الأسطر لأنها ليست أرقام هواتف صحيحة: {lines}.",
        ),
        "registration.phone_list.duplicate": (
            "Duplicate value for phone number",
            "قيمة مكررة لرقم الهاتف",
        ),
        # _registry
        "registration.registry.row": (
            "A civil registry record is a sequence of texts.",
            "سجل السجل المدني سلسلة من النصوص.",
        ),
        "registration.registry.columns": (
            "A civil registry record has {expected} columns; this one has {count}.",
            "يتكون سجل السجل المدني من {expected} عمودًا؛ هذا السجل يحتوي على {count}.",
        ),
        "registration.registry.national_id": (
            "Not a syntactically valid national ID - must be 12 digits starting with 1 or 2",
            "رقم وطني غير صالح - يجب أن يتكون من 12 رقمًا ويبدأ بالرقم 1 أو 2",
        ),
        "registration.registry.integer": (
            "Enter a whole number.",
            "أدخل عددًا صحيحًا.",
        ),
        "registration.registry.too_large": (
            "The number is too large (at most {digits} digits).",
            "الرقم كبير جدًا (لا يزيد عن {digits} رقمًا).",
        ),
        "registration.registry.gender": (
            "The gender code must be 1 (male) or 2 (female).",
            "يجب أن يكون رمز الجنس 1 (ذكر) أو 2 (أنثى).",
        ),
        "registration.registry.birth_date": (
            "Enter a valid date (day/month/year).",
            "أدخل تاريخًا صحيحًا (يوم/شهر/سنة).",
        ),
        "registration.registry.not_born_yet": (
            "Citizen hasn't been born yet",
            "المواطن لم يولد بعد",
        ),
        "registration.registry.gender_mismatch": (
            "The first digit of the national ID does not match the gender.",
            "الرقم الأول من الرقم الوطني لا يطابق الجنس.",
        ),
        "registration.registry.name": (
            "A name is at most 255 characters, without control characters.",
            "الاسم لا يزيد عن 255 حرفًا ولا يحتوي على محارف تحكم.",
        ),
        "registration.registry.duplicate": (
            "{value} appears more than once in the dump.",
            "القيمة {value} مكررة في الملف.",
        ),
        "registration.too_many_changes": (
            "Too many changes: {changed} of {total} records ({percent}%) changed; "
            "the limit is {limit}%.",
            "تغييرات كثيرة جدًا: تغير {changed} من {total} سجلًا ({percent}%)؛ الحد {limit}%.",
        ),
        # _reports
        "registration.report.age": (
            "{value} is below the voting age of {minimum}; it has no age bucket.",
            "العمر {value} أقل من سن الاقتراع {minimum}؛ لا فئة عمرية له.",
        ),
        "registration.report.unknown_citizen": (
            "The registration's citizen {value} is not among the citizens given.",
            "المواطن {value} صاحب التسجيل غير موجود ضمن المواطنين المعطين.",
        ),
        # _roll
        "registration.two_current": (
            "Citizen {value} has more than one current registration.",
            "للمواطن {value} أكثر من تسجيل ساري.",
        ),
        "registration.unknown_center": (
            "Centre {value} is not among the centres given.",
            "المركز {value} غير موجود ضمن المراكز المعطاة.",
        ),
        # _stations
        "registration.no_active_centers": (
            "The criteria you specified didn't match any active centres.",
            "المعايير التي حددتها لا تطابق أي مراكز نشطة.",
        ),
        "registration.no_office": (
            "The following centers have no associated office: {centers}",
            "المراكز التالية غير مرتبطة بأي مكتب: {centers}",
        ),
        "registration.no_registrants": (
            "The following centers have no registrants: {centers}",
            "المراكز التالية ليس بها مسجلون: {centers}",
        ),
        "registration.station_limits": (
            "The station limits must be positive whole numbers.",
            "يجب أن تكون حدود المحطات أعدادًا صحيحة موجبة.",
        ),
        # _stream
        "registration.registry.line_numbers_short": (
            "There are fewer line numbers than rows: each row needs one.",
            "أرقام الأسطر أقل من الصفوف: يحتاج كل صف إلى رقم.",
        ),
        "registration.registry.line_numbers_long": (
            "There are more line numbers than rows: each row takes one.",
            "أرقام الأسطر أكثر من الصفوف: لكل صف رقم واحد.",
        ),
    }
)
