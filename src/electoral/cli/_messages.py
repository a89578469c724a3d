"""Private: the error codes of the command line, in English and Arabic.

As everywhere in the library, a template never names its field: the command line
shows the field (the option or column) before the message, ``field: message``.
"""

from __future__ import annotations

from electoral.errors import register_labels, register_messages

__all__: list[str] = []

register_labels(
    {
        "allow_loss": ("Allow loss", "السماح بالفقد"),
        "by_lot": ("Won by lot", "فاز بالقرعة"),
        "to": ("Target format (--to)", "صيغة الهدف (--to)"),
    }
)

register_messages(
    {
        # arguments
        "cli.usage": ("bad arguments: {reason}", "وسائط غير صحيحة: {reason}"),
        "cli.fraction": (
            "{value} is not a fraction between 0 and 1 (write 1/50 or 0.02).",
            "القيمة {value} ليست كسرًا بين 0 و1 (اكتب 1/50 أو 0.02).",
        ),
        "cli.date": (
            "{value} is not a date (YYYY-MM-DD).",
            "القيمة {value} ليست تاريخًا (YYYY-MM-DD).",
        ),
        "cli.setup_required": (
            "result forms are checked against a tally setup; pass --setup DIR.",
            "تُفحص استمارات النتائج مقابل إعدادات العد؛ حدد --setup DIR.",
        ),
        # files that cannot be read
        "cli.file_missing": ("{value} does not exist.", "{value} غير موجود."),
        "cli.folder_missing": ("the folder {value} does not exist.", "المجلد {value} غير موجود."),
        "cli.file_is_folder": (
            "{value} is a folder, not a file.",
            "{value} مجلد وليس ملفًا.",
        ),
        "cli.file_unreadable": (
            "{value} cannot be read ({reason}).",
            "تعذرت قراءة {value} ({reason}).",
        ),
        "cli.format_unsupported": (
            "{value} is not a format of {kind} files; they can be {formats}.",
            "{value} ليست صيغة لملفات {kind}؛ الصيغ المتاحة: {formats}.",
        ),
        "cli.format_mismatch": (
            "{value} looks like {seen}, not a {kind} file ({formats}); "
            "give --format if it is one.",
            "يبدو {value} من نوع {seen} وليس ملف {kind} ({formats})؛ حدد --format إن كان كذلك.",
        ),
        # problems inside a file
        "cli.json_shape": (
            "the JSON holds {value}; expected {expected}.",
            "يحتوي ملف JSON على {value}؛ والمتوقع {expected}.",
        ),
        "cli.unknown_columns": (
            "the header has columns this file does not take: {columns} (expected {expected}).",
            "في الترويسة أعمدة لا يقبلها هذا الملف: {columns} (المتوقع {expected}).",
        ),
        # writing
        "cli.write_failed": (
            "{value} could not be written ({reason}).",
            "تعذرت كتابة {value} ({reason}).",
        ),
        "cli.output_foreign": (
            "the folder {value} holds files electoral did not write ({files}); "
            "choose a new or empty folder.",
            "يحتوي المجلد {value} على ملفات لم يكتبها electoral ({files})؛ "
            "اختر مجلدًا جديدًا أو فارغًا.",
        ),
        "cli.output_other_command": (
            "the folder {value} holds the output of electoral {command}; choose another folder.",
            "يحتوي المجلد {value} على مخرجات الأمر electoral {command}؛ اختر مجلدًا آخر.",
        ),
        "cli.output_holds_input": (
            "the folder {value} holds the input {input}; write the output elsewhere.",
            "يحتوي المجلد {value} على ملف الإدخال {input}؛ اكتب المخرجات في مكان آخر.",
        ),
        "cli.output_cwd": (
            "the output folder {value} is the current folder or holds it; choose another folder.",
            "مجلد المخرجات {value} هو المجلد الحالي أو يحتويه؛ اختر مجلدًا آخر.",
        ),
        "cli.output_is_input": (
            "{value} is the input file itself; choose another path.",
            "ملف المخرجات {value} هو ملف الإدخال نفسه؛ اختر مسارًا آخر.",
        ),
        # the commands' own checks
        "cli.votes": (
            "{value} is not a whole number of votes.",
            "القيمة {value} ليست عددًا صحيحًا من الأصوات.",
        ),
        "cli.votes_range": (
            "{value} votes is more than {max_value}.",
            "عدد الأصوات {value} أكبر من {max_value}.",
        ),
        "cli.candidate_blank": ("a candidate needs a name.", "يجب أن يكون للمرشح اسم."),
        "cli.duplicate_candidate": (
            "{value} appears more than once.",
            "القيمة {value} مكررة.",
        ),
        "cli.lots_unknown": (
            "{value} is not one of the candidates.",
            "{value} ليس من بين المرشحين.",
        ),
        "cli.convert_unsupported": (
            "cannot convert {value}; supported: {supported}.",
            "لا يمكن تحويل {value}؛ التحويلات المتاحة: {supported}.",
        ),
        "cli.convert_lost": (
            "{count} record(s) would lose this value: the target format does not carry it "
            "({where}).",
            "ستفقد {count} سجلات هذه القيمة: صيغة الهدف لا تحملها ({where}).",
        ),
        "cli.convert_left_out": (
            "{count} record(s) would be left out: the target format cannot hold this value "
            "({where}).",
            "سيُستبعد {count} سجلات: صيغة الهدف لا تستوعب هذه القيمة ({where}).",
        ),
        "cli.convert_made_up": (
            "not in the source: {count} record(s) would get a value made up ({where}).",
            "غير موجود في المصدر: ستُختلق قيمة لـ{count} سجلات ({where}).",
        ),
        "cli.convert_columns": (
            "these columns of the source would be dropped: no field carries them.",
            "ستُحذف أعمدة المصدر هذه: لا يحملها أي حقل.",
        ),
        "cli.convert_changed": (
            "{count} record(s) have a value the source format cannot hold; it was read as "
            "the default ({where}).",
            "لدى {count} سجلات قيمة لا تستوعبها صيغة المصدر؛ قُرئت بالقيمة الافتراضية ({where}).",
        ),
        "cli.convert_refused": (
            "nothing was written: pass --allow-loss to convert anyway (the losses are then "
            "listed in the report).",
            "لم يُكتب أي شيء: استخدم --allow-loss للتحويل رغم ذلك (وتُذكر الخسائر في التقرير).",
        ),
        "cli.unknown_center": (
            "centre {value} is not in the centres file.",
            "المركز {value} غير موجود في ملف المراكز.",
        ),
        "cli.unknown_citizen": (
            "no citizen with national id {value} in the civil registry file.",
            "لا يوجد مواطن بالرقم الوطني {value} في ملف السجل المدني.",
        ),
        "cli.two_registrations": (
            "citizen {value} is registered more than once.",
            "المواطن {value} مسجل أكثر من مرة.",
        ),
    }
)
