"""Private: the error codes of the command line, in English and Arabic."""

from __future__ import annotations

from electoral.errors import register_messages

__all__: list[str] = []

register_messages(
    {
        "cli.usage": ("bad arguments: {reason}", "وسائط غير صحيحة: {reason}"),
        "cli.row_cells": (
            "{field}: the row has {count} cells; the header has {expected}.",
            "{field}: يحتوي الصف على {count} خلية؛ والترويسة على {expected}.",
        ),
        "cli.file_missing": (
            "{field}: the file {value} does not exist.",
            "{field}: الملف {value} غير موجود.",
        ),
        "cli.file_unreadable": (
            "{field}: the file {value} cannot be read ({reason}).",
            "{field}: تعذرت قراءة الملف {value} ({reason}).",
        ),
        "cli.not_utf8": (
            "{field}: the file {value} is not UTF-8 text.",
            "{field}: الملف {value} ليس نصًا بترميز UTF-8.",
        ),
        "cli.not_csv": (
            "{field}: the file {value} is not a CSV file ({reason}).",
            "{field}: الملف {value} ليس ملف CSV ({reason}).",
        ),
        "cli.not_json": (
            "{field}: the file {value} is not JSON ({reason}).",
            "{field}: الملف {value} ليس بصيغة JSON ({reason}).",
        ),
        "cli.missing_columns": (
            "{field}: the columns {columns} are missing.",
            "{field}: الأعمدة {columns} مفقودة.",
        ),
        "cli.write_failed": (
            "{field}: the file {value} could not be written ({reason}).",
            "{field}: تعذرت كتابة الملف {value} ({reason}).",
        ),
        "cli.setup_required": (
            "{field}: result forms are checked against a tally setup; pass --setup DIR.",
            "{field}: تُفحص استمارات النتائج مقابل إعدادات العد؛ حدد --setup DIR.",
        ),
        "cli.fraction": (
            "{field}: {value} is not a fraction between 0 and 1 (write 1/50 or 0.02).",
            "{field}: القيمة {value} ليست كسرًا بين 0 و1 (اكتب 1/50 أو 0.02).",
        ),
        "cli.date": (
            "{field}: {value} is not a date (YYYY-MM-DD).",
            "{field}: القيمة {value} ليست تاريخًا (YYYY-MM-DD).",
        ),
        "cli.votes": (
            "{field}: {value} is not a whole number of votes.",
            "{field}: القيمة {value} ليست عددًا صحيحًا من الأصوات.",
        ),
        "cli.duplicate_candidate": (
            "{field}: {value} appears more than once.",
            "{field}: القيمة {value} مكررة.",
        ),
        "cli.convert_unsupported": (
            "{field}: cannot convert {value}; supported: {supported}.",
            "{field}: لا يمكن تحويل {value}؛ التحويلات المتاحة: {supported}.",
        ),
        "cli.unknown_center": (
            "{field}: centre {value} is not in the centres file.",
            "{field}: المركز {value} غير موجود في ملف المراكز.",
        ),
        "cli.unknown_citizen": (
            "{field}: no citizen with national id {value} in the civil registry file.",
            "{field}: لا يوجد مواطن بالرقم الوطني {value} في ملف السجل المدني.",
        ),
        "cli.two_registrations": (
            "{field}: citizen {value} is registered more than once.",
            "{field}: المواطن {value} مسجل أكثر من مرة.",
        ),
    }
)
