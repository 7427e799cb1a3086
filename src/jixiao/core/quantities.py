"""Numbers and units as the bureaus write them: Arabic or Chinese numerals, 万/亿, full width.

Targets and results arrive as text pulled out of PDFs: ``１９．４４万批次``, ``不少于三个``,
``12000万条``, ``33,085.00``. Everything that turns such a token into a Decimal lives here so
that the target reader (``core.targets``) and the comparison (``core.compare``) agree on what
a number is. Multipliers (万, 亿) written right after a number are folded into the value;
the unit is what remains (CONTRACT.md).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

#: The longest value (one cell, one typed result) the readers accept. Every reader here runs in
#: linear time, and this bound keeps each call far below 50 ms (tests/core/test_parsers_fuzz.py);
#: a real cell is a few dozen characters, a long 实际完成值 a few hundred.
MAX_VALUE_CHARS = 2000
#: More digits than any quantity has (a value in 元 of a province's budget has 12): a longer run
#: is an identifier (a 统一社会信用代码, an account) or a slip, never an amount.
MAX_NUMBER_DIGITS = 20

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
CN_DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9})
#: Financial numerals (大写数字) as on amounts: ``人民币壹佰万元整``.
CN_DIGITS.update({"壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6})
CN_DIGITS.update({"陸": 6, "柒": 7, "捌": 8, "玖": 9})
CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
MULTIPLIERS = {"万": Decimal(10000), "亿": Decimal(100000000), "千万": Decimal(10000000)}
MULTIPLIERS["百万"] = Decimal(1000000)
MULTIPLIERS["万亿"] = Decimal(10**12)

#: Units a number may carry, longest first so that ``人次`` wins over ``人``. Money units keep
#: only their base (元): 万元 is folded as 万 + 元.
UNITS = sorted(
    (
        "%‰ 个百分点 百分点 元 个工作日 工作日 自然日 小时 分钟 个月 天 日 年 周 批次 家次 人次 户次 "
        "次 件次 件 项次 项 个 家 户 本 期 条 人 名 所 座 台 套 辆 份 篇 场 宗 起 单 类 种 批 吨 "
        "千克 公斤 斤 平方米 亩 公里 米 款 部 册 张 轮 课时 学时 分 岁 倍 "
        "处 间 组 支 个点 站 条次 人天 枚 头 只 株 箱 瓶 盒 袋 秒 周年 届 号 块 县 市 区 园区 城市"
    )
    .replace("%‰", "% ‰")
    .split(),
    key=len,
    reverse=True,
)

#: Units that make a number context, never a target (``成立100周年``, ``第八届``).
CONTEXT_UNITS = frozenset({"周年", "届", "号", "版", "号文", "世纪", "年代", "级"})

_UNIT_ALT = "|".join(re.escape(u) for u in UNITS)
#: A unit, optionally per something: ``元/人/天``, ``元/批次``, ``套/台``, ``元/人·月``.
UNIT_RE = rf"(?:{_UNIT_ALT})(?:[/·](?:{_UNIT_ALT}|[\u4e00-\u9fff]{{1,2}}))*"

ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+"
_CN_ALL = "".join((*CN_DIGITS, *CN_SMALL_UNITS, *CN_BIG_UNITS, "廿"))
_CN_LEAD = "".join(ch for ch in (*CN_DIGITS, "十", "拾", "廿") if CN_DIGITS.get(ch) != 0)
_CN_FRACTION = "".join(CN_DIGITS)
#: A Chinese numeral, 万 and 亿 inside (``一万一千一百一十一``, ``壹佰万``, ``三点五``). It starts only
#: at the start of a run of numeral characters and its runs are possessive, so a long run is
#: read once, in linear time (a backtracking form was quadratic on ``零零零…``).
CHINESE = (
    rf"(?<![{_CN_ALL}])(?:[零〇]*+[{_CN_LEAD}][{_CN_ALL}]*+|[零〇]++(?=点))"
    rf"(?:点[{_CN_FRACTION}]++)?"
)
MULT_RE = r"(?:千万|百万|万亿|万|亿)"
NUMBER = rf"(?:{ARABIC}|{CHINESE})"

_PERCENT_WORDS = re.compile(rf"百分之({ARABIC}|{CHINESE})")
_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_DASHES = str.maketrans(
    {"—": "-", "–": "-", "－": "-", "~": "-", "～": "-", "〜": "-", "\u2212": "-"}
)


def normalize(text: str) -> str:
    """Fold full-width forms and drop spaces, so that ``≤ 2 小时`` reads as ``≤2小时``.

    NFKC turns full-width digits, ％ and brackets into ASCII; spaces inside Chinese text carry no
    meaning in these documents (they come from PDF justification), so they are removed.
    """
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    text = text.replace("≧", "≥").replace("≦", "≤").replace(">=", "≥").replace("<=", "≤")
    text = _SPACES.sub("", text)
    return _PERCENT_WORDS.sub(r"\1%", text) if "百分之" in text else text


def chinese_to_int(text: str) -> int | None:
    """Read a whole Chinese numeral (``十二``, ``二百零五``, ``一万一千一百一十一``); None if not one."""
    value = chinese_to_decimal(text)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)


def chinese_to_decimal(text: str) -> Decimal | None:
    """Read a Chinese numeral, financial numerals and a 点 fraction included; None if not one.

    One pass over the characters (linear). ``二〇二三`` (digits only) is read digit by digit;
    ``一千二`` and ``三万五`` are the spoken short forms of 1200 and 35000.
    """
    text = text.replace("廿", "二十")
    whole, point, fraction = text.partition("点")
    if point and not (fraction and all(ch in CN_DIGITS for ch in fraction)):
        return None
    if not whole or any(ch not in _CN_ALL for ch in whole):
        return None
    if len(whole) > 1 and all(ch in CN_DIGITS for ch in whole):
        value = Decimal(int("".join(str(CN_DIGITS[ch]) for ch in whole)))
    else:
        read = _chinese_whole(whole)
        if read is None:
            return None
        value = Decimal(read)
    if fraction:
        value += Decimal("0." + "".join(str(CN_DIGITS[ch]) for ch in fraction))
    return value


def _chinese_whole(text: str) -> int | None:
    """The value of a numeral written with units (十百千万亿), or None when it is malformed.

    ``total`` holds what the big units (万, 亿) have closed, ``section`` the part below 万 read so
    far, ``digit`` a digit waiting for its unit. 亿 scales everything before it (``一万亿``,
    ``一千一百一十一万…亿``); a unit out of order (``十百``, ``万万``) makes the text not a numeral.
    """
    total, section, digit = 0, 0, None
    small, last_big, seen_yi, zero_before = 10**4, 1, False, False
    for ch in text:
        if ch in CN_DIGITS:
            if digit is not None:
                return None  # 一二 next to each other: a list or a slip, not one number
            zero_before = zero_before or CN_DIGITS[ch] == 0
            digit = CN_DIGITS[ch] or None
            continue
        part = section + (digit or 0)
        if ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            if unit >= small:
                return None
            section += (1 if digit is None else digit) * unit
            small = unit
        elif CN_BIG_UNITS[ch] == 10**4:
            if last_big == 10**4 or part == 0:
                return None
            total, section, small, last_big = total + part * 10**4, 0, 10**4, 10**4
        else:
            if seen_yi or total + part == 0:
                return None
            total, section, small, last_big = (total + part) * 10**8, 0, 10**4, 10**8
            seen_yi = True
        digit, zero_before = None, False
    if digit is not None and not zero_before and len(text) > 1:
        scale = CN_SMALL_UNITS.get(text[-2]) or CN_BIG_UNITS.get(text[-2]) or 1
        digit *= max(scale // 10, 1)  # 一千二 = 1200, 三万五 = 35000: the spoken short forms
    return total + section + (digit or 0)


def to_decimal(number: str, multiplier: str | None = None) -> Decimal | None:
    """Turn a number token (Arabic or Chinese) and an optional 万/亿 into a Decimal."""
    number = number.replace(",", "")
    try:
        value = Decimal(number) if number[:1].isdigit() or number[:1] == "." else None
    except InvalidOperation:
        return None
    if value is None:
        value = chinese_to_decimal(number)
    if value is None:
        return None
    if multiplier:
        value *= MULTIPLIERS[multiplier]
    return _plain(value)


def _plain(value: Decimal) -> Decimal:
    """Drop exponent noise (1.944E+5 → 194400) while keeping meaningful decimals."""
    try:
        if value == value.to_integral_value():
            return value.quantize(Decimal(1))
        return value.normalize()
    except InvalidOperation:  # more digits than the context holds: keep it as read
        return value


def convert(value: Decimal, unit: str | None, to_unit: str | None) -> Decimal | None:
    """Convert ``value`` from ``unit`` to ``to_unit`` when they differ only by 万/亿; else None.

    ``3万元`` against a target in 元, or ``0.5亿元`` against 万元: the bureaus mix money units
    between the target and the result columns, and comparing them raw would be wrong by 10⁴.
    """
    if unit == to_unit:
        return value
    src_factor, src_base = split_multiplier(unit)
    dst_factor, dst_base = split_multiplier(to_unit)
    if src_base != dst_base:
        return None
    return _plain(value * src_factor / dst_factor)


def split_multiplier(unit: str | None) -> tuple[Decimal, str | None]:
    """Split ``万元`` into (10000, ``元``); a unit without a multiplier gives (1, unit)."""
    if unit:
        for prefix in ("千万", "百万", "万亿", "万", "亿"):
            if unit.startswith(prefix) and len(unit) > len(prefix):
                return MULTIPLIERS[prefix], unit[len(prefix) :]
    return Decimal(1), unit
