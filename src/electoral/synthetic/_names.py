"""Private: the Arabic names and places a synthetic election is made of.

Names are common Libyan given names and family (tribal and town) names; a person's
name has four displayed parts, first, father, grandfather and family
(SmartElect ``civil_registry/models.py``, SmartElect/SmartElect at commit
``d6d35f2``), and the mother's name is a female first name. The 13 constituencies
are named after the main town of each, in the three regions (West, South, East) of
the 2014 House of Representatives election (Law 10/2014, as reported by the IPU);
their relative weights are rough population shares, not official figures.

>>> len(CONSTITUENCIES)
13
>>> sum(1 for c in CONSTITUENCIES if c.region is Region.EAST)
4
"""

from __future__ import annotations

from typing import Final, NamedTuple

from electoral.model import Region

__all__ = [
    "CENTER_WORDS",
    "CONSTITUENCIES",
    "FAMILY",
    "FEMALE",
    "MAHALLAS",
    "MALE",
    "PlaceSeed",
]


def _words(text: str) -> tuple[str, ...]:
    """The words of ``text``; an underscore joins two words into one name."""
    return tuple(word.replace("_", " ") for word in text.split())


MALE: Final = _words(
    "محمد أحمد علي عمر خالد عبدالله إبراهيم يوسف مصطفى سالم مفتاح عبدالرحمن حسين حسن "
    "إسماعيل طارق صالح منصور فرج ميلاد عادل رمضان جمال نوري الهادي المبروك بشير سعد "
    "عبدالسلام عبدالحميد عبدالكريم عبدالرزاق عبدالقادر عبدالباسط عبدالمنعم عبدالعزيز "
    "محمود مختار مسعود مراد ناصر نبيل هشام وليد أيمن أسامة أنور بلقاسم جبريل حمزة "
    "خليفة رجب زكريا سليمان شعبان صلاح_الدين طه عثمان عماد فتحي فيصل قاسم كمال "
    "لطفي مالك معتز موسى نجيب هاشم يحيى الطاهر الصادق العربي المهدي"
)
"""Male given names (also used for the father's and grandfather's names)."""

FEMALE: Final = _words(
    "فاطمة عائشة مريم خديجة زينب أسماء سارة نورا هدى آمنة سعاد حليمة نجاة سلمى ليلى "
    "إيمان أمل حنان رحاب عفاف سميرة نادية فوزية مبروكة سالمة حواء زهرة نعيمة رقية "
    "منى هند وفاء ابتسام انتصار جميلة خيرية رجاء سهام صفية عزيزة فريدة كريمة لبنى "
    "مروة ناجية نسرين هالة يسرى أميرة بسمة تهاني"
)
"""Female given names."""

FAMILY: Final = _words(
    "الورفلي المصراتي الزاوي الطرابلسي البرعصي العبيدي المغربي الفيتوري الترهوني "
    "الغرياني الككلي السنوسي الشريف المقريف بن_غلبون التاجوري الزنتاني الجبالي العقوري "
    "المنفي الحاسي الدرسي العواقير المسماري الفرجاني القماطي الشلوي الزليتني الغدامسي "
    "النالوتي الجادوي الكوني التباوي الحضيري الساعدي المقرحي القذافي الزوي المجبري "
    "الأوجلي الفزاني السبهاوي المرزوقي الأوباري الهوني الجفري الودان البوسيفي الشيباني "
    "العريبي الكاديكي بن_حليم الطبولي المحجوب الرقيعي البيجو الشامس الأطرش الخروبي "
    "العكاري القريتلي بوشعالة الصويعي الهنشيري الكبتي الدباشي السويحلي المنتصر "
    "الشاوش بن_عمران القرقني الحداد النجار الخياط الفلاح البناني الأسطى"
)
"""Family names (several of two words, such as ``بن غلبون``)."""

MAHALLAS: Final = _words(
    "الحي_الجديد المدينة_القديمة السوق الظهرة الشط الهضبة الفرناج سوق_الجمعة "
    "الحدائق المطار المنشية الصابري الكيش البركة الفويهات الوحدة السلام النصر "
    "الشهداء الجامعة"
)
"""Neighbourhood (mahalla) names used for centres and addresses."""

CENTER_WORDS: Final = (
    "مدرسة",
    "مدرسة",
    "مدرسة",
    "معهد",
    "مركز",
    "قاعة",
)
"""The kind of building a centre is in (most are schools)."""


class PlaceSeed(NamedTuple):
    """A constituency's name, region, weight and approximate coordinates (micro-degrees)."""

    name_en: str
    name_ar: str
    region: Region
    weight: int
    lat: int
    lon: int


CONSTITUENCIES: Final = (
    PlaceSeed("Tripoli", "طرابلس", Region.WEST, 26, 32_887_200, 13_191_300),
    PlaceSeed("Benghazi", "بنغازي", Region.EAST, 14, 32_116_700, 20_066_700),
    PlaceSeed("Misrata", "مصراتة", Region.WEST, 9, 32_377_500, 15_092_400),
    PlaceSeed("Zawiya", "الزاوية", Region.WEST, 8, 32_757_100, 12_727_800),
    PlaceSeed("Sebha", "سبها", Region.SOUTH, 6, 27_037_600, 14_426_100),
    PlaceSeed("Gharyan", "غريان", Region.WEST, 6, 32_172_200, 13_020_300),
    PlaceSeed("Khoms", "الخمس", Region.WEST, 6, 32_648_600, 14_261_900),
    PlaceSeed("Bayda", "البيضاء", Region.EAST, 5, 32_762_700, 21_755_100),
    PlaceSeed("Ajdabiya", "اجدابيا", Region.EAST, 4, 30_755_500, 20_226_300),
    PlaceSeed("Zuwara", "زوارة", Region.WEST, 4, 32_931_200, 12_081_900),
    PlaceSeed("Tobruk", "طبرق", Region.EAST, 4, 32_083_600, 23_976_400),
    PlaceSeed("Ubari", "أوباري", Region.SOUTH, 4, 26_590_300, 12_775_100),
    PlaceSeed("Nalut", "نالوت", Region.WEST, 4, 31_868_500, 10_982_200),
)
"""The 13 constituencies, largest first (a tiny election uses the first few)."""
