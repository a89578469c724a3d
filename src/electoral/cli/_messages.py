"""Private: the error codes of the command line, in English and Arabic."""

from __future__ import annotations

from electoral.errors import register_messages

__all__: list[str] = []

register_messages(
    {
        "cli.usage": ("bad arguments: {reason}", "وسائط غير صحيحة: {reason}"),
        "cli.row_cells": (
            "The row has {count} cells; the header has {expected}.",
            "يحتوي الصف على {count} خلية؛ والترويسة على {expected}.",
        ),
        "cli.file_missing": (
            "The file {value} does not exist.",
            "الملف {value} غير موجود.",
        ),
        "cli.file_unreadable": (
            "The file {value} cannot be read ({reason}).",
            "تعذرت قراءة الملف {value} ({reason}).",
        ),
        "cli.not_utf8": (
            "The file {value} is not UTF-8 text.",
            "الملف {value} ليس نصًا بترميز UTF-8.",
        ),
        "cli.not_csv": (
            "The file {value} is not a CSV file ({reason}).",
            "الملف {value} ليس ملف CSV ({reason}).",
        ),
        "cli.not_json": (
            "The file {value} is not JSON ({reason}).",
            "الملف {value} ليس بصيغة JSON ({reason}).",
        ),
        "cli.missing_columns": (
            "The columns {columns} are missing.",
            "الأعمدة {columns} مفقودة.",
        ),
        "cli.write_failed": (
            "The file {value} could not be written ({reason}).",
            "تعذرت كتابة الملف {value} ({reason}).",
        ),
        "cli.setup_required": (
            "Result forms are checked against a tally setup; pass --setup DIR.",
            "تُفحص استمارات النتائج مقابل إعدادات العد؛ حدد --setup DIR.",
        ),
        "cli.fraction": (
            "{value} is not a fraction between 0 and 1 (write 1/50 or 0.02).",
            "القيمة {value} ليست كسرًا بين 0 و1 (اكتب 1/50 أو 0.02).",
        ),
        "cli.date": (
            "{value} is not a date (YYYY-MM-DD).",
            "القيمة {value} ليست تاريخًا (YYYY-MM-DD).",
        ),
        "cli.votes": (
            "{value} is not a whole number of votes.",
            "القيمة {value} ليست عددًا صحيحًا من الأصوات.",
        ),
        "cli.duplicate_candidate": (
            "{value} appears more than once.",
            "القيمة {value} مكررة.",
        ),
        "cli.convert_unsupported": (
            "Cannot convert {value}; supported: {supported}.",
            "لا يمكن تحويل {value}؛ التحويلات المتاحة: {supported}.",
        ),
        "cli.unknown_center": (
            "Centre {value} is not in the centres file.",
            "المركز {value} غير موجود في ملف المراكز.",
        ),
        "cli.unknown_citizen": (
            "No citizen with national id {value} in the civil registry file.",
            "لا يوجد مواطن بالرقم الوطني {value} في ملف السجل المدني.",
        ),
        "cli.two_registrations": (
            "Citizen {value} is registered more than once.",
            "المواطن {value} مسجل أكثر من مرة.",
        ),
    }
)
