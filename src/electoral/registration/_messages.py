"""The permanent table of SMS message codes (أرقام الرسائل) and their texts.

Codes are the integers of SmartElect ``libya_elections/constants.py``; users see them
as "(message number N)" at the end of each SMS, so they are **never renumbered or
reused**. Several names are aliases: ``MESSAGE_1`` = ``RESPONSE_VALID_REGISTRATION``
= 1 and ``MESSAGE_2`` = ``MESSAGE_7`` = 3.

SmartElect kept the texts in its database (``text_messages/migrations/
0002_add_existing_messages.py``), of which this library takes the meaning only.
The English and Arabic texts below are this library's wording of those meanings,
with the same parameters (``{person}``, ``{centre}``, ``{code}``, ``{number}``,
``{maximum}``, ``{n_voters}``, ``{turnout}``, ``{num_votes}``, ``{option}``); the
Arabic is a faithful translation of the English, not SmartElect's own text. Each code
also has an *enhanced* variant, used after three identical replies in a row to the
same phone, which adds the help line 1441.

The SMS log's separate *message type* is :class:`SmsType`.

>>> MessageCode.MESSAGE_7 is MessageCode.MESSAGE_2
True
>>> render_reply(MessageCode.VOTER_QUERY_REGISTERED_AT,
...              {"person": "محمد علي", "centre": "مدرسة الفاتح", "code": 11001}, "en")
'محمد علي is registered at مدرسة الفاتح, Election Center number 11001. (message number 44)'
>>> render_reply(MessageCode.REGISTRATION_NOT_OPEN, {}, "ar", enhanced=True)
'التسجيل غير مفتوح حاليًا. إذا كنت بحاجة إلى مساعدة، اتصل بالرقم 1441. (رسالة رقم 31)'
"""

from __future__ import annotations

import enum
import string
from collections.abc import Mapping
from typing import Final

from electoral.errors import Language

__all__ = ["MESSAGE_TEXTS", "MessageCode", "SmsType", "render_reply"]


class MessageCode(enum.IntEnum):
    """Every SMS reply code; the numbers are permanent."""

    MESSAGE_1 = 1
    RESPONSE_VALID_REGISTRATION = 1
    MESSAGE_2 = 3
    MESSAGE_7 = 3
    MESSAGE_4 = 4
    MESSAGE_5 = 5
    MESSAGE_6 = 6
    RESPONSE_CENTER_ID_INVALID = 8
    RESPONSE_NID_INVALID = 9
    RESPONSE_NID_WRONG_LENGTH = 10
    RESPONSE_CENTER_ID_WRONG_LENGTH = 11
    RESPONSE_ONE_NUMBER = 12
    RESPONSE_SERVER_ERROR = 13
    MESSAGE_INCORRECT = 14
    REGISTRATION_NOT_OPEN = 31
    VOTER_QUERY_INVALID_FORMAT = 40
    VOTER_QUERY_NOT_FOUND = 41
    VOTER_QUERY_NOT_REGISTERED = 42
    VOTER_QUERY_PROBLEM_ENCOUNTERED = 43
    VOTER_QUERY_REGISTERED_AT = 44
    VOTER_QUERY_NID_WRONG_LENGTH = 45
    FBRN_MISMATCH = 49
    BLACKLISTED_NUMBER = 50
    NOT_WHITELISTED_NUMBER = 51
    CENTER_NOT_ACCEPTING_REGISTRATIONS = 52
    REMINDER_CHECKIN = 54
    REMINDER_REPORT = 55
    REMINDER_LAST_REPORT = 56
    REMINDER_CLOSE = 57
    TOO_MANY_REGISTRATIONS_ON_PHONE = 71
    AT_MAXIMUM_REGISTRATIONS_ON_PHONE = 72
    ONE_MORE_REGISTRATION_ON_PHONE = 73
    POLLING_NOT_OPEN = 74
    POLLING_REPORT_INVALID = 75
    PHONE_NOT_ACTIVATED = 76
    PHONE_ACTIVATED = 77
    INVALID_CENTER_ID = 78
    POLLING_REPORT_PHONE_UNAUTHORIZED = 79
    POLLING_REPORT_RECEIVED = 81
    POLLING_REPORT_CENTER_MISMATCH = 82
    SERVER_ERROR = 83
    NID_INVALID = 84
    CENTER_OPENING_NOT_AUTHORIZED = 85
    CENTER_OPENED = 86
    PRELIMINARY_VOTES_REPORT = 87
    POLLING_REPORT_RECEIVED_VERY_HIGH_TURNOUT = 88
    POLLING_REPORT_RECEIVED_NO_REGISTRANTS = 89
    PUNT = 90
    CANNOT_CHANGE_BY_TEXT_MESSAGE = 93


class SmsType(enum.IntEnum):
    """The SMS log's message type (SmartElect ``register/models.py``), also permanent."""

    REGISTRATION = 3
    INVALID_FORMAT = 5
    MULTIPLE_PROBLEMS = 6
    INVALID_CENTER_ID_LENGTH = 7
    INVALID_CENTER_ID = 8
    INVALID_NID_LENGTH = 9
    INVALID_NID = 11
    UNKNOWN = 13
    UPDATE = 14
    QUERY = 15
    INVALID_FORM_LENGTH = 16
    ACTIVATE = 17
    DAILY_REPORT = 18
    DAILY_REPORT_INVALID = 19
    BULK = 20
    POLLING_REPORT = 21
    POLLING_REPORT_INVALID = 22
    NOT_ACTIVATED = 23
    NOT_HANDLED = 24


_M = MessageCode
MESSAGE_TEXTS: Final[Mapping[MessageCode, tuple[str, str]]] = {
    _M.MESSAGE_1: (
        "{person}, you are registered at {centre}, Election Center number {code}.",
        "{person}، أنت مسجل في {centre}، مركز انتخابي رقم {code}.",
    ),
    _M.MESSAGE_2: (
        "This National ID is already registered at {centre} ({code}) from a phone ending "
        "in {number}. To change it, call 1441.",
        "هذا الرقم الوطني مسجل بالفعل في {centre} ({code}) من هاتف ينتهي بالأرقام {number}. "
        "للتغيير اتصل بالرقم 1441.",
    ),
    _M.MESSAGE_4: (
        "{person}, your registration is changed to {centre} ({code}). You may change it by "
        "text message only one more time.",
        "{person}، تم تغيير تسجيلك إلى {centre} ({code}). يمكنك التغيير برسالة نصية مرة "
        "واحدة أخرى فقط.",
    ),
    _M.MESSAGE_5: (
        "{person}, your registration is changed to {centre} ({code}). This was your last "
        "change by text message.",
        "{person}، تم تغيير تسجيلك إلى {centre} ({code}). كان هذا آخر تغيير مسموح به برسالة نصية.",
    ),
    _M.MESSAGE_6: (
        "You have used all your changes by text message. To change your registration you "
        "must go to the Election Center in person during the Addition and Amendments Period.",
        "لقد استنفدت جميع التغييرات المسموح بها برسالة نصية. لتغيير تسجيلك يجب الحضور شخصيًا "
        "إلى المركز الانتخابي خلال فترة الإضافة والتعديل.",
    ),
    _M.RESPONSE_CENTER_ID_INVALID: (
        "The Election Center number is not valid. Please check it and try again.",
        "رقم المركز الانتخابي غير صحيح. يرجى التأكد منه والمحاولة مرة أخرى.",
    ),
    _M.RESPONSE_NID_INVALID: (
        "The National ID is not valid or not eligible to register.",
        "الرقم الوطني غير صحيح أو غير مؤهل للتسجيل.",
    ),
    _M.RESPONSE_NID_WRONG_LENGTH: (
        "The National ID is 12 digits. Send (NID)#(ECN).",
        "الرقم الوطني يتكون من 12 رقمًا. أرسل (الرقم الوطني)#(رقم المركز).",
    ),
    _M.RESPONSE_CENTER_ID_WRONG_LENGTH: (
        "The Election Center number is 5 digits. Send (NID)#(ECN).",
        "رقم المركز الانتخابي يتكون من 5 أرقام. أرسل (الرقم الوطني)#(رقم المركز).",
    ),
    _M.RESPONSE_ONE_NUMBER: (
        "Send your National ID and the Election Center number: (NID)#(ECN).",
        "أرسل رقمك الوطني ورقم المركز الانتخابي: (الرقم الوطني)#(رقم المركز).",
    ),
    _M.RESPONSE_SERVER_ERROR: (
        "Sorry, there was a problem. Please try again later.",
        "عذرًا، حدثت مشكلة. يرجى المحاولة لاحقًا.",
    ),
    _M.MESSAGE_INCORRECT: (
        "The message format is not correct. Send (NID)#(ECN).",
        "صيغة الرسالة غير صحيحة. أرسل (الرقم الوطني)#(رقم المركز).",
    ),
    _M.REGISTRATION_NOT_OPEN: (
        "Registration is not open now.",
        "التسجيل غير مفتوح حاليًا.",
    ),
    _M.VOTER_QUERY_INVALID_FORMAT: (
        "To check your registration, send your 12-digit National ID.",
        "للتحقق من تسجيلك، أرسل رقمك الوطني المكون من 12 رقمًا.",
    ),
    _M.VOTER_QUERY_NOT_FOUND: (
        "This National ID was not found.",
        "لم يتم العثور على هذا الرقم الوطني.",
    ),
    _M.VOTER_QUERY_NOT_REGISTERED: (
        "{person} is not registered.",
        "{person} غير مسجل.",
    ),
    _M.VOTER_QUERY_PROBLEM_ENCOUNTERED: (
        "There is a problem with this registration. Please call 1441.",
        "توجد مشكلة في هذا التسجيل. يرجى الاتصال بالرقم 1441.",
    ),
    _M.VOTER_QUERY_REGISTERED_AT: (
        "{person} is registered at {centre}, Election Center number {code}.",
        "{person} مسجل في {centre}، مركز انتخابي رقم {code}.",
    ),
    _M.VOTER_QUERY_NID_WRONG_LENGTH: (
        "The National ID is 12 digits. Please check it and try again.",
        "الرقم الوطني يتكون من 12 رقمًا. يرجى التأكد منه والمحاولة مرة أخرى.",
    ),
    _M.FBRN_MISMATCH: (
        "The National ID and the Family Book Record number do not match.",
        "الرقم الوطني ورقم قيد العائلة غير متطابقين.",
    ),
    _M.BLACKLISTED_NUMBER: (
        "This phone number may not use this service.",
        "لا يسمح لرقم الهاتف هذا باستخدام هذه الخدمة.",
    ),
    _M.NOT_WHITELISTED_NUMBER: (
        "This phone number is not authorised to send polling reports.",
        "رقم الهاتف هذا غير مخول بإرسال تقارير الاقتراع.",
    ),
    _M.CENTER_NOT_ACCEPTING_REGISTRATIONS: (
        "This Election Center is not accepting registrations.",
        "هذا المركز الانتخابي لا يقبل التسجيل.",
    ),
    _M.REMINDER_CHECKIN: (
        "Reminder: please send the check-in message for your centre: 0#(ECN).",
        "تذكير: يرجى إرسال رسالة افتتاح مركزك: 0#(رقم المركز).",
    ),
    _M.REMINDER_REPORT: (
        "Reminder: please send your polling report: (period)#(number of voters).",
        "تذكير: يرجى إرسال تقرير الاقتراع: (الفترة)#(عدد الناخبين).",
    ),
    _M.REMINDER_LAST_REPORT: (
        "Reminder: please send your last polling report before closing.",
        "تذكير: يرجى إرسال آخر تقرير اقتراع قبل الإغلاق.",
    ),
    _M.REMINDER_CLOSE: (
        "Reminder: please send your final report: 4#(number of voters).",
        "تذكير: يرجى إرسال التقرير النهائي: 4#(عدد الناخبين).",
    ),
    _M.TOO_MANY_REGISTRATIONS_ON_PHONE: (
        "This phone has already registered the maximum of {maximum} National IDs.",
        "سجل هذا الهاتف بالفعل الحد الأقصى وهو {maximum} من الأرقام الوطنية.",
    ),
    _M.AT_MAXIMUM_REGISTRATIONS_ON_PHONE: (
        "{person}, you are registered at {centre} ({code}). This phone may not register "
        "any more National IDs.",
        "{person}، أنت مسجل في {centre} ({code}). لا يمكن لهذا الهاتف تسجيل أرقام وطنية أخرى.",
    ),
    _M.ONE_MORE_REGISTRATION_ON_PHONE: (
        "{person}, you are registered at {centre} ({code}). This phone may register only "
        "one more National ID.",
        "{person}، أنت مسجل في {centre} ({code}). يمكن لهذا الهاتف تسجيل رقم وطني واحد آخر فقط.",
    ),
    _M.POLLING_NOT_OPEN: (
        "This message was not accepted: it is outside the polling period.",
        "لم تقبل هذه الرسالة: إنها خارج فترة الاقتراع.",
    ),
    _M.POLLING_REPORT_INVALID: (
        "The polling report is not valid. Send (period)#(number of voters).",
        "تقرير الاقتراع غير صحيح. أرسل (الفترة)#(عدد الناخبين).",
    ),
    _M.PHONE_NOT_ACTIVATED: (
        "This phone is not activated. Send (ECN)#(ECN) to activate it.",
        "هذا الهاتف غير مفعل. أرسل (رقم المركز)#(رقم المركز) لتفعيله.",
    ),
    _M.PHONE_ACTIVATED: (
        "Phone {number} is activated for Election Center {code}.",
        "تم تفعيل الهاتف {number} للمركز الانتخابي {code}.",
    ),
    _M.INVALID_CENTER_ID: (
        "The ECN is not recognized.",
        "رقم المركز غير معروف.",
    ),
    _M.POLLING_REPORT_PHONE_UNAUTHORIZED: (
        "This phone is not authorised for this centre.",
        "هذا الهاتف غير مخول لهذا المركز.",
    ),
    _M.POLLING_REPORT_RECEIVED: (
        "Centre {code} reports {n_voters} voters so far ({turnout} turnout).",
        "المركز {code} أبلغ عن {n_voters} ناخبًا حتى الآن (نسبة المشاركة {turnout}).",
    ),
    _M.POLLING_REPORT_CENTER_MISMATCH: (
        "The two centre numbers do not match. Send (ECN)#(ECN).",
        "رقما المركز غير متطابقين. أرسل (رقم المركز)#(رقم المركز).",
    ),
    _M.SERVER_ERROR: (
        "Sorry, there was a problem. Please try again later.",
        "عذرًا، حدثت مشكلة. يرجى المحاولة لاحقًا.",
    ),
    _M.NID_INVALID: (
        "The National ID is not valid or not eligible.",
        "الرقم الوطني غير صحيح أو غير مؤهل.",
    ),
    _M.CENTER_OPENING_NOT_AUTHORIZED: (
        "This phone is activated for centre {phone_center}, not {code}. Call your District "
        "Office.",
        "هذا الهاتف مفعل للمركز {phone_center} وليس {code}. اتصل بمكتب الإدارة الانتخابية.",
    ),
    _M.CENTER_OPENED: (
        "Election Center {code} is recorded as open.",
        "تم تسجيل افتتاح المركز الانتخابي {code}.",
    ),
    _M.PRELIMINARY_VOTES_REPORT: (
        "{num_votes} votes for option {option}.",
        "{num_votes} صوتًا للخيار {option}.",
    ),
    _M.POLLING_REPORT_RECEIVED_VERY_HIGH_TURNOUT: (
        "Centre {code} reports {n_voters} voters so far ({turnout} turnout). This turnout is "
        "very high; please check the number.",
        "المركز {code} أبلغ عن {n_voters} ناخبًا حتى الآن (نسبة المشاركة {turnout}). نسبة "
        "المشاركة مرتفعة جدًا؛ يرجى التحقق من العدد.",
    ),
    _M.POLLING_REPORT_RECEIVED_NO_REGISTRANTS: (
        "Centre {code} reports {n_voters} voters, but the centre has no registrants.",
        "المركز {code} أبلغ عن {n_voters} ناخبًا، لكن المركز ليس به مسجلون.",
    ),
    _M.PUNT: (
        "Sorry, this message was not understood.",
        "عذرًا، لم يتم فهم هذه الرسالة.",
    ),
    _M.CANNOT_CHANGE_BY_TEXT_MESSAGE: (
        "This registration cannot be changed by text message.",
        "لا يمكن تغيير هذا التسجيل برسالة نصية.",
    ),
}
"""English and Arabic text of every code (this library's wording; see the module)."""

_HELP: Final = {
    "en": " If you need help, call 1441.",
    "ar": " إذا كنت بحاجة إلى مساعدة، اتصل بالرقم 1441.",
}
_NUMBER: Final = {"en": " (message number {n})", "ar": " (رسالة رقم {n})"}


def _fields(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def render_reply(
    code: MessageCode,
    params: Mapping[str, object],
    language: Language = "ar",
    *,
    enhanced: bool = False,
) -> str:
    """The text of a reply, with its "(message number N)" suffix.

    Missing parameters follow SmartElect: exactly one missing is filled with the
    empty string; two or more leave the template unformatted. The enhanced variant
    appends the help line. Outgoing SMS are sent in Arabic (the default).

    >>> render_reply(MessageCode.MESSAGE_1, {"person": "محمد"}, "en")
    '{person}, you are registered at {centre}, Election Center number {code}. (message number 1)'
    """
    template = MESSAGE_TEXTS[code][language == "ar"]
    missing = [name for name in _fields(template) if name not in params]
    if len(missing) <= 1:
        values = dict.fromkeys(missing, "") | dict(params)
        text = template.format(**values)
    else:
        text = template
    if enhanced:
        text = text.rstrip() + _HELP[language]
    return text + _NUMBER[language].format(n=int(code))
