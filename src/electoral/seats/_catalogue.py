"""Private: every error code and field label of :mod:`electoral.seats`, in both languages.

Registered when the package is imported, before any submodule loads (``electoral._lazy``
says why); each group is headed by the submodule whose rules raise its codes.
"""

from __future__ import annotations

from electoral.errors import register_messages

__all__: list[str] = []

register_messages(
    {
        # _common
        "seats.votes_type": (
            "The votes of {candidate} must be a whole number, not {value}.",
            "يجب أن تكون أصوات {candidate} عددًا صحيحًا، لا {value}.",
        ),
        "seats.votes_negative": (
            "The votes of {candidate} may not be negative ({value}).",
            "لا يجوز أن تكون أصوات {candidate} سالبة ({value}).",
        ),
        "seats.candidate_type": (
            "{value} is not a valid candidate or list identifier.",
            "القيمة {value} ليست معرّفًا صالحًا لمرشح أو قائمة.",
        ),
        "seats.mapping_type": (
            "Expected a mapping of candidates to votes, not {value}.",
            "المتوقع جدول يربط المرشحين بالأصوات، لا {value}.",
        ),
        "seats.count_type": (
            "{value} must be a whole number.",
            "يجب أن تكون القيمة {value} عددًا صحيحًا.",
        ),
        "seats.count_negative": (
            "{value} may not be negative.",
            "لا يجوز أن تكون القيمة {value} سالبة.",
        ),
        "seats.threshold_type": (
            "The threshold {value} must be an exact fraction (Fraction or int).",
            "يجب أن تكون العتبة {value} كسرًا دقيقًا.",
        ),
        "seats.threshold_range": (
            "The threshold {value} must lie between 0 and 100%.",
            "يجب أن تكون العتبة {value} بين 0 و100%.",
        ),
        "seats.base_too_small": (
            "The base {value} is smaller than the {total} votes counted.",
            "الأساس {value} أصغر من مجموع الأصوات المحتسبة {total}.",
        ),
        "seats.unknown_candidate": (
            "{value} is not a candidate or list of this race.",
            "{value} ليس مرشحًا أو قائمة في هذا السباق.",
        ),
        "seats.unknown_name": (
            "{value} is not one of {choices}.",
            "القيمة {value} ليست من بين {choices}.",
        ),
        "seats.overaward": (
            "The quota {quota} awards {awarded} seats, more than the {value} to fill.",
            "الحصة {quota} تمنح {awarded} مقعدًا، أكثر من المقاعد المطلوبة {value}.",
        ),
        "seats.tie_seats": (
            "{value} places cannot be shared by {candidates} tied candidates.",
            "لا يمكن أن يتقاسم {candidates} من المرشحين المتعادلين {value} من المقاعد.",
        ),
        "seats.divisor": (
            "The divisors {value} must be positive and strictly increasing.",
            "يجب أن تكون القواسم {value} موجبة ومتزايدة تمامًا.",
        ),
        # _composition
        "seats.zipper_vertical": (
            "Candidates {position} and {next_position} are both {value}; "
            "men and women must alternate.",
            "المرشحان {position} و{next_position} كلاهما {value}؛ يجب التناوب بين الرجال والنساء.",
        ),
        "seats.zipper_horizontal": (
            "{value} of {lists} lists are headed by women; {minimum} to {maximum} are required.",
            "{value} من أصل {lists} قوائم تترأسها نساء؛ والمطلوب من {minimum} إلى {maximum}.",
        ),
        "seats.gender": (
            "{value} is not the gender of a person.",
            "القيمة {value} ليست جنس شخص.",
        ),
        "seats.list_size": (
            "The list has {value} candidates; a council of {council} seats needs {required}.",
            "القائمة تضم {value} مرشحين؛ والمجلس المكون من {council} مقاعد يتطلب {required}.",
        ),
        "seats.list_women": (
            "The list has {value} women; at least {required} are required.",
            "القائمة تضم {value} من النساء؛ والمطلوب {required} على الأقل.",
        ),
        "seats.list_disabled": (
            "The list has {value} candidates with a disability; at least {required} is required.",
            "القائمة تضم {value} من ذوي الإعاقة؛ والمطلوب {required} على الأقل.",
        ),
        "seats.council_size": (
            "{value} is not a council size of Decree 43/2023 (7, 9 or 11).",
            "القيمة {value} ليست حجم مجلس وارد في القرار 43/2023 (7 أو 9 أو 11).",
        ),
        # _elections
        "seats.unknown_race": (
            "{value} is not a race of this election.",
            "{value} ليس سباقًا في هذه الانتخابات.",
        ),
        "seats.missing_race": (
            "There are no results for the race {value}.",
            "لا توجد نتائج للسباق {value}.",
        ),
        # _from_results
        "seats.candidate_key": (
            "{value} is not a candidate key of the form 'ballot:candidate'.",
            "القيمة {value} ليست مفتاح مرشح بالصيغة 'ورقة الاقتراع:المرشح'.",
        ),
        # _libya
        "seats.district_total": (
            "The districts add up to {value} seats; the law gives {expected}.",
            "مجموع مقاعد الدوائر {value}، والقانون ينص على {expected}.",
        ),
        "seats.region_total": (
            "The seats of the region {region} add up to {value}; the law gives each region "
            "{expected}.",
            "مجموع مقاعد المنطقة {region} هو {value}، والقانون يمنح كل منطقة {expected}.",
        ),
        "seats.map_and_tables": (
            "A district table was given together with a district map; give one or the other.",
            "أُعطي جدول دوائر مع خريطة دوائر؛ أعط أحدهما فقط.",
        ),
        "seats.table_missing": (
            "A district table or a district map is required.",
            "يلزم جدول دوائر أو خريطة دوائر.",
        ),
        "seats.multi_seat_district": (
            "{value} seats in one district; the law elects one member per district.",
            "{value} مقاعد في دائرة واحدة؛ القانون ينتخب عضوًا واحدًا لكل دائرة.",
        ),
        "seats.component": (
            "{value} is not a component with reserved seats ({choices}).",
            "{value} ليس مكونًا له مقاعد مخصصة ({choices}).",
        ),
        # _rfc3797
        "seats.rfc3797_source": (
            "{value} is not a valid RFC 3797 random source.",
            "القيمة {value} ليست مصدرًا عشوائيًا صالحًا وفق RFC 3797.",
        ),
        "seats.rfc3797_pool": (
            "Cannot select {value} entries from a pool of {pool}.",
            "لا يمكن اختيار {value} من مجموعة عددها {pool}.",
        ),
        # _ties
        "seats.lots_duplicate": (
            "{value} is drawn more than once.",
            "ورد {value} أكثر من مرة في القرعة.",
        ),
        "seats.lots_short": (
            "The drawing names {value} of the tied candidates; {seats} are needed.",
            "القرعة تسمي {value} من المرشحين المتعادلين، والمطلوب {seats}.",
        ),
        # _whatif
        "seats.unknown_parameter": (
            "{value} is not an unsettled parameter of these rules; they record {choices}.",
            "{value} ليس معاملًا غير محسوم في هذه القواعد؛ المعاملات المسجلة هي {choices}.",
        ),
        "seats.no_readings": (
            "The parameter {value} is given no reading.",
            "لم تُعط للمعامل {value} أي قراءة.",
        ),
        "seats.change_readings": (
            "{value} has seats under {listed} readings; the sweep has {readings}.",
            "{value} له مقاعد في {listed} قراءة، وفي المسح {readings} قراءة.",
        ),
        "seats.too_many_readings": (
            "{value} combinations of readings; at most {limit} are allocated.",
            "{value} من تركيبات القراءات؛ الحد الأقصى {limit}.",
        ),
    }
)
