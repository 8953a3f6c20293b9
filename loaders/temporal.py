"""Find calendar dates (and date ranges) in Chinese and English text.

The finder is rule based and deliberately conservative: every mention carries
a year between 1900 and 2100 (month/day without a year are reported only
when the caller gives the date of the document, whose year they take),
calendar-invalid dates such as ``31 April 2024`` are skipped entirely, and
bare four-digit numbers are reported as years only when they stand alone
(not ``1,000``, ``2.5``, ``86-10-82268232``, ``No. 2024``, ``2000万``,
``2000 tons``).

Supported shapes (separators ``- – — ~ ～ 至 到 to through until``):

* Chinese: ``2024年7月8日``, ``2018年6月``, ``2014年``, ``2019年度``,
  ``2025年11月17日至18日``, ``2025年8月31日至9月1日``, ``2024年3月至5月``,
  ``2020-2021年``, ``2024年至2025年``, ``二〇二四年七月八日``; ASCII or
  full-width digits, whitespace between digits and 年/月/日 (PDF extraction).
* ISO-like: ``2025-11-19``, ``2025/11/19``, ``2025.11.19``.
* English: ``8 July 2024``, ``8th of July, 2024``, ``July 4th, 2024``,
  ``Sept. 6, 2025``, ``June 2018``, ``May, 2024``, ``17–18 November 2025``,
  ``31 August – 1 September 2025``, ``November 17 to 18, 2025``,
  ``August 31 to September 1, 2025``, ``June–July 2024``, ``2005``,
  ``2024-2025``, ``2019 to 2021``.

Prepositions (``in``, ``from``, ``since``) and brackets are never part of a
mention's text.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator, Literal

__all__ = [
    "XSD",
    "MIN_YEAR",
    "MAX_YEAR",
    "DateValue",
    "DateMention",
    "find_dates",
    "parse_date",
]

XSD = "http://www.w3.org/2001/XMLSchema#"
MIN_YEAR = 1900
MAX_YEAR = 2100

Precision = Literal["year", "month", "day"]


@dataclass(frozen=True)
class DateValue:
    """A calendar date of year, month or day precision."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")
        if self.month is None:
            if self.day is not None:
                raise ValueError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"day out of range: {self.year}-{self.month}-{self.day}")

    @property
    def precision(self) -> Precision:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    def lexical(self) -> str:
        """XSD lexical form: ``2024``, ``2024-07`` or ``2024-07-08``."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def xsd_datatype(self) -> str:
        """Full IRI of xsd:gYear, xsd:gYearMonth or xsd:date."""
        local = {"year": "gYear", "month": "gYearMonth", "day": "date"}[self.precision]
        return XSD + local

    def refines(self, other: "DateValue") -> bool:
        """This date is ``other`` or lies within it at a finer precision (2001-06-15 in 2001)."""
        return self.lexical().startswith(other.lexical())

    def sort_key(self) -> tuple[int, int, int]:
        """Tuple ordering a coarser value before finer values it contains."""
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        return self.lexical()


@dataclass(frozen=True)
class DateMention:
    """A date (or date range) found at ``text[start:end]``."""

    start: int
    end: int
    text: str
    value: DateValue
    end_value: DateValue | None = None

    @property
    def is_range(self) -> bool:
        """True when the mention is a period with an end date."""
        return self.end_value is not None


# --------------------------------------------------------------------------
# Number handling
# --------------------------------------------------------------------------

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_WS_RE = re.compile(r"\s+")


def _cn_small(s: str) -> int:
    """Value of a Chinese numeral below 100 (``十一``, ``二十``, ``三十一``)."""
    if "十" not in s:
        return _CN_DIGITS[s]
    tens, _, units = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _num(raw: str, positional: bool = False) -> int:
    """Integer from ASCII/full-width/Chinese digits, ignoring whitespace."""
    s = _WS_RE.sub("", raw).translate(_FULLWIDTH)
    if s.isascii() and s.isdigit():
        return int(s)
    if positional:
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    return _cn_small(s)


# --------------------------------------------------------------------------
# Regex building blocks
# --------------------------------------------------------------------------

_D = r"[0-9０-９]"
_NOT_D_BEFORE = r"(?<![0-9０-９])"

# Chinese: digits may be separated by stray whitespace in PDF extractions.
_ZH_Y_DIGITS = rf"{_D}(?:\s{{0,2}}{_D}){{3}}"
_ZH_Y_CN = r"[〇○零一二三四五六七八九]{4}"
_ZH_MD_DIGITS = rf"{_D}(?:\s{{0,2}}{_D})?"
_ZH_M_CN = r"十[一二]?|[一二三四五六七八九]"
_ZH_D_CN = r"三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_ZH_SEP = r"\s*(?:[-–—―‐‑~～〜－]{1,2}|至|到)\s*"


def _zh_y(name: str) -> str:
    """Pattern for a four-digit (or 二〇二四-style) year group."""
    return rf"{_NOT_D_BEFORE}(?P<{name}>{_ZH_Y_DIGITS}|{_ZH_Y_CN})"


def _zh_m(name: str) -> str:
    """Pattern for a month number followed by 月."""
    return rf"{_NOT_D_BEFORE}(?P<{name}>{_ZH_MD_DIGITS}|{_ZH_M_CN})\s*月"


def _zh_d(name: str, suffix: str = r"[日号]") -> str:
    """Pattern for a day number followed by ``suffix`` (日/号)."""
    return rf"{_NOT_D_BEFORE}(?P<{name}>{_ZH_MD_DIGITS}|{_ZH_D_CN})\s*{suffix}"


_YEAR_MARK = r"\s*年"

# A Chinese date with optional month/day, then an optional range end.
_ZH_RANGE_RE = re.compile(
    _zh_y("y1") + _YEAR_MARK
    + rf"(?:\s*{_zh_m('m1')}(?:\s*{_zh_d('d1', r'(?P<d1suf>[日号])?')})?)?"
    + _ZH_SEP
    + rf"(?:{_zh_y('y2')}{_YEAR_MARK}\s*)?(?:{_zh_m('m2')}\s*)?(?:{_zh_d('d2')})?"
)
_ZH_YMD_RE = re.compile(_zh_y("y1") + _YEAR_MARK + r"\s*" + _zh_m("m1") + r"\s*" + _zh_d("d1"))
_ZH_YM_RE = re.compile(_zh_y("y1") + _YEAR_MARK + r"\s*" + _zh_m("m1"))
_ZH_Y_RE = re.compile(_zh_y("y1") + _YEAR_MARK)
_ZH_YEAR_RANGE_RE = re.compile(_zh_y("y1") + _ZH_SEP + _zh_y("y2") + _YEAR_MARK)

_ISO_RE = re.compile(
    rf"(?<![0-9０-９][-/.])(?<![0-9０-９])(?P<y1>{_D}{{4}})(?P<sep>[-/.])(?P<m1>{_D}{{1,2}})"
    rf"(?P=sep)(?P<d1>{_D}{{1,2}})(?![0-9０-９]|[-/.][0-9０-９])"
)

# English pieces.
_EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july",
              "august", "september", "october", "november", "december")
_EN_ABBR = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec")
_MONTH_NUM = {name[:3]: i for i, name in enumerate(_EN_MONTHS, start=1)}


def _en_m(name: str) -> str:
    """Pattern for an English month name or abbreviation (``Sept.``)."""
    full = "|".join(_EN_MONTHS)
    abbr = "|".join(_EN_ABBR)
    return rf"(?<![A-Za-z])(?P<{name}>(?:{full})(?![A-Za-z])|(?:{abbr})(?:\.|(?![A-Za-z])))"


def _en_d(name: str) -> str:
    """Pattern for a day 1-31 with optional ordinal suffix."""
    return rf"(?<![0-9A-Za-z])(?P<{name}>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9A-Za-z])"


def _en_y(name: str) -> str:
    """Pattern for a standalone four-digit year."""
    return rf"(?<![0-9A-Za-z])(?P<{name}>[0-9]{{4}})(?![0-9A-Za-z])"


_CS = r"(?:\s*,\s*|\s+)"  # comma and/or whitespace
_OF = r"(?:\s+of)?\s+"
_EN_SEP = r"(?:\s*[-–—―‐‑~]\s*|\s+(?:to|through|thru|till|until)\s+)"


def _en(*parts: str) -> re.Pattern[str]:
    """Compile concatenated English pattern parts, case-insensitively."""
    return re.compile("".join(parts), re.IGNORECASE)


_EN_PATTERNS: tuple[re.Pattern[str], ...] = (
    # day-month-year order
    _en(_en_d("d1"), _OF, _en_m("m1"), _CS, _en_y("y1"), _EN_SEP,
        _en_d("d2"), _OF, _en_m("m2"), _CS, _en_y("y2")),
    _en(_en_d("d1"), _OF, _en_m("m1"), _EN_SEP, _en_d("d2"), _OF, _en_m("m2"), _CS, _en_y("y2")),
    _en(_en_d("d1"), _EN_SEP, _en_d("d2"), _OF, _en_m("m2"), _CS, _en_y("y2")),
    _en(_en_d("d1"), _OF, _en_m("m1"), _CS, _en_y("y1")),
    # month-day-year order
    _en(_en_m("m1"), r"\s+", _en_d("d1"), _CS, _en_y("y1"), _EN_SEP,
        _en_m("m2"), r"\s+", _en_d("d2"), _CS, _en_y("y2")),
    _en(_en_m("m1"), r"\s+", _en_d("d1"), _EN_SEP, _en_m("m2"), r"\s+", _en_d("d2"), _CS, _en_y("y2")),
    _en(_en_m("m1"), r"\s+", _en_d("d1"), _EN_SEP, _en_d("d2"), _CS, _en_y("y2")),
    _en(_en_m("m1"), r"\s+", _en_d("d1"), _CS, _en_y("y1")),
    # month-year
    _en(_en_m("m1"), _CS, _en_y("y1"), _EN_SEP, _en_m("m2"), _CS, _en_y("y2")),
    _en(_en_m("m1"), _EN_SEP, _en_m("m2"), _CS, _en_y("y2")),
    _en(_en_m("m1"), _CS, r"(?:of\s+)?", _en_y("y1")),
)

# Bare years and year ranges (language neutral, context-checked).
_BARE_Y = rf"(?<![0-9A-Za-z_０-９])(?P<{{}}>{_D}{{{{4}}}})(?![0-9A-Za-z_０-９])"
_BARE_RANGE_RE = re.compile(
    _BARE_Y.format("y1") + rf"(?:{_EN_SEP}|\s*[至到～]\s*)" + _BARE_Y.format("y2"), re.IGNORECASE
)
_BARE_YEAR_RE = re.compile(_BARE_Y.format("y1"))

_BARE_PRE_REJECT = re.compile(
    r"(?:[0-9０-９][-–—‐‑./,:]"
    r"|(?<![A-Za-z])(?:no|nos|nr|number|art|article|para|paragraph|pp?|page|pages|tel|fax|phone"
    r"|room|id|ref|resolution|res|item|chapter|section|iso)\.?\s*"
    r"|[#№$€£¥+＃＄￥]\s*)$",
    re.IGNORECASE,
)
_BARE_POST_REJECT = re.compile(
    r"(?:[-–—‐‑./,:][0-9０-９]"
    r"|\s*[\u3400-\u9fff%％‰°]"
    r"|\s*(?:percent|per\s+cent|tons?|tonnes?|t|km2?|kilomet(?:er|re)s?|met(?:er|re)s?|m[23]"
    r"|ha|hectares?|kg|[kmg]wh?|people|persons|participants|delegates|students|experts"
    r"|units|projects|companies|enterprises|usd|dollars?|euros?|yuan|rmb|rubles?|roubles?"
    r"|tenge|soms?|somoni|rupees?|times|hours|minutes)\b)",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------
# Candidate building
# --------------------------------------------------------------------------


class _Invalid(Exception):
    """Raised for a calendar-invalid date; the span then blocks sub-matches."""


_Builder = Callable[[re.Match[str]], "tuple[DateValue, DateValue | None] | None"]


def _field(m: re.Match[str], name: str, month: bool = False) -> int | None:
    """Integer value of group ``name`` (month names allowed) or None."""
    raw = m.groupdict().get(name)
    if raw is None:
        return None
    if month and raw[:1].isalpha() and raw[:1].isascii():
        return _MONTH_NUM[raw[:3].lower()]
    return _num(raw, positional=name.startswith("y"))


def _make(year: int | None, month: int | None, day: int | None) -> DateValue:
    """Validated DateValue; raises _Invalid when outside the calendar/year window."""
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        raise _Invalid
    try:
        return DateValue(year, month, day)
    except ValueError as exc:
        raise _Invalid from exc


def _build(m: re.Match[str]) -> tuple[DateValue, DateValue | None] | None:
    """Start/end values; missing fields of one side are taken from the other."""
    y1, m1, d1 = _field(m, "y1"), _field(m, "m1", True), _field(m, "d1")
    y2, m2, d2 = _field(m, "y2"), _field(m, "m2", True), _field(m, "d2")
    has_end = y2 is not None or m2 is not None or d2 is not None
    start = _make(y1 if y1 is not None else y2,
                  m1 if m1 is not None else (m2 if d1 is not None else None), d1)
    if not has_end:
        return start, None
    end = _make(y2 if y2 is not None else y1,
                m2 if m2 is not None else (m1 if d2 is not None else None), d2)
    if start.sort_key() >= end.sort_key():
        return None
    return start, end


def _build_zh_range(m: re.Match[str]) -> tuple[DateValue, DateValue | None] | None:
    """Chinese range: the end may only omit fields the start spells out."""
    g = m.groupdict()
    if g["y2"] is None and g["m2"] is None and g["d2"] is None:
        return None
    if g["d1"] is not None and g["d1suf"] is None and g["d2"] is None:
        return None
    if g["y2"] is None and (g["m1"] is None or (g["m2"] is None and g["d1"] is None)):
        return None
    result = _build(m)
    return result if result is not None and result[1] is not None else None


def _context_ok(text: str, start: int, end: int) -> bool:
    """Reject bare numbers that look like quantities, codes or number parts."""
    if _BARE_PRE_REJECT.search(text[max(0, start - 16):start]):
        return False
    return _BARE_POST_REJECT.match(text, end) is None


def _build_bare(text: str) -> _Builder:
    """Builder for bare years that first checks the surrounding context."""
    def build(m: re.Match[str]) -> tuple[DateValue, DateValue | None] | None:
        if not _context_ok(text, m.start(), m.end()):
            return None
        return _build(m)
    return build


# Each entry: a regex and whether matches need the bare-number context check.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_ZH_RANGE_RE, "zh_range"),
    (_ZH_YMD_RE, "plain"),
    (_ZH_YM_RE, "plain"),
    (_ZH_Y_RE, "plain"),
    (_ZH_YEAR_RANGE_RE, "plain"),
    (_ISO_RE, "plain"),
    *((p, "plain") for p in _EN_PATTERNS),
    (_BARE_RANGE_RE, "bare"),
    (_BARE_YEAR_RE, "bare"),
)

# Month and day without a year ("3月5日", "11月30日至12月1日", "5 March", "March 5–6"): read
# only when the caller knows the date of the document, whose year they then take.
_YEARLESS_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(_zh_m("m1") + r"\s*" + _zh_d("d1")
               + rf"(?:{_ZH_SEP}(?:{_zh_m('m2')}\s*)?{_zh_d('d2')})?"),
    _en(_en_d("d1"), _OF, _en_m("m1"), rf"(?:{_EN_SEP}{_en_d('d2')}{_OF}{_en_m('m2')})?"),
    _en(_en_d("d1"), _EN_SEP, _en_d("d2"), _OF, _en_m("m2")),
    _en(_en_m("m1"), r"\s+", _en_d("d1"), rf"(?:{_EN_SEP}(?:{_en_m('m2')}\s+)?{_en_d('d2')})?"),
)


@dataclass(frozen=True, eq=False)
class _Gate:
    """What every match of some patterns holds (年 of a Chinese year, 月 of a Chinese month, the
    digits of a year or an English day, an English month's name): a text without it is not
    scanned with those patterns. Hashed by identity: hashing a compiled pattern costs more than
    searching a sentence for one character."""

    pattern: re.Pattern[str]


_YEAR_CHAR, _MONTH_CHAR = _Gate(re.compile("年")), _Gate(re.compile("月"))
_ANY_DIGIT, _ASCII_DIGIT = _Gate(re.compile(r"[0-9０-９]")), _Gate(re.compile(r"[0-9]"))
_EN_MONTH = _Gate(re.compile(_en_m("month"), re.IGNORECASE))
_GATES: dict[re.Pattern[str], tuple[_Gate, ...]] = {  # the cheaper gates first
    **dict.fromkeys((_ZH_RANGE_RE, _ZH_YMD_RE, _ZH_YM_RE, _ZH_Y_RE, _ZH_YEAR_RANGE_RE), (_YEAR_CHAR,)),
    **dict.fromkeys((_ISO_RE, _BARE_RANGE_RE, _BARE_YEAR_RE), (_ANY_DIGIT,)),
    **dict.fromkeys((*_EN_PATTERNS, *_YEARLESS_PATTERNS[1:]), (_ASCII_DIGIT, _EN_MONTH)),
    _YEARLESS_PATTERNS[0]: (_MONTH_CHAR,),
}
# The patterns with their builder's kind and gates, looked up once.
_GATED_PATTERNS = tuple((regex, kind, _GATES[regex]) for regex, kind in _PATTERNS)
_GATED_YEARLESS = tuple((regex, "yearless", _GATES[regex]) for regex in _YEARLESS_PATTERNS)


def _year_of(month: int, issued: DateValue) -> int:
    """The year of a month named without one in a document of date `issued`: the last such
    month not after the document's (a December item in a February issue is last year's)."""
    return issued.year - 1 if issued.month is not None and month > issued.month else issued.year


def _build_yearless(issued: DateValue) -> _Builder:
    """Builder for month-day mentions that takes the year from the document's date."""
    def build(m: re.Match[str]) -> tuple[DateValue, DateValue | None] | None:
        raw_months = [m.groupdict().get(name) for name in ("m1", "m2")]
        if any(raw and raw[:1].isascii() and raw[:1].isalpha() and not raw[:1].isupper() for raw in raw_months):
            return None  # "may 5": a verb, not a month
        m1, m2 = _field(m, "m1", True), _field(m, "m2", True)
        d1, d2 = _field(m, "d1"), _field(m, "d2")
        start_month = m1 if m1 is not None else m2
        start = _make(_year_of(start_month, issued), start_month, d1)
        if d2 is None:
            return start, None
        end_month = m2 if m2 is not None else start_month
        end = _make(_year_of(end_month, issued), end_month, d2)
        return (start, end) if start.sort_key() < end.sort_key() else None
    return build


_Candidate = tuple[int, int, "tuple[DateValue, DateValue | None] | None"]


def _candidates(text: str, issued: DateValue | None = None) -> Iterator[_Candidate]:
    """All raw matches; the value is None for calendar-invalid blockers."""
    builders: dict[str, _Builder] = {
        "plain": _build, "zh_range": _build_zh_range, "bare": _build_bare(text)}
    patterns = _GATED_PATTERNS
    if issued is not None:
        builders["yearless"] = _build_yearless(issued)
        patterns += _GATED_YEARLESS
    present: dict[_Gate, bool] = {}  # each gate searched once, when first needed
    for regex, kind, gates in patterns:
        if not all(_holds(gate, text, present) for gate in gates):
            continue
        builder = builders[kind]
        for m in regex.finditer(text):
            try:
                built = builder(m)
            except _Invalid:
                yield m.start(), m.end(), None
                continue
            if built is not None:
                yield m.start(), m.end(), built


def _holds(gate: _Gate, text: str, present: dict[_Gate, bool]) -> bool:
    """`gate` matches somewhere in `text` (searched once per text, remembered in `present`)."""
    if gate not in present:
        present[gate] = gate.pattern.search(text) is not None
    return present[gate]


def _select(cands: list[_Candidate]) -> list[_Candidate]:
    """Longest-first greedy choice of non-overlapping spans, ordered by start."""
    starts: list[int] = []
    chosen: list[_Candidate] = []
    for cand in sorted(cands, key=lambda c: (c[0] - c[1], c[0])):
        i = bisect.bisect_right(starts, cand[0])
        if i and chosen[i - 1][1] > cand[0]:
            continue
        if i < len(chosen) and chosen[i][0] < cand[1]:
            continue
        starts.insert(i, cand[0])
        chosen.insert(i, cand)
    return chosen


def find_dates(text: str, issued: DateValue | None = None) -> list[DateMention]:
    """All date mentions in ``text``, sorted by start and non-overlapping. Given the date the
    document was ``issued``, a month and day without a year ("3月5日") take its year."""
    return list(_dates_in(text, issued))


@lru_cache(maxsize=1024)
def _dates_in(text: str, issued: DateValue | None) -> tuple[DateMention, ...]:
    """`find_dates`, remembered for the last texts: the extractors of one sentence ask for the
    dates of the same text several times."""
    return tuple(
        DateMention(start, end, text[start:end], built[0], built[1])
        for start, end, built in _select(list(_candidates(text, issued)))
        if built is not None
    )


_ISO_MONTH_RE = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{2})")
_STRIP_CHARS = " \t\r\n\u3000()（）[]【】,，.。;；"


def parse_date(text: str) -> DateValue | None:
    """The single date that makes up all of ``text`` (ranges give None)."""
    s = text.strip(_STRIP_CHARS)
    iso = _ISO_MONTH_RE.fullmatch(s)
    if iso:
        try:
            return _make(int(iso["y"]), int(iso["m"]), None)
        except _Invalid:
            return None
    found = find_dates(s)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(s) and not found[0].is_range:
        return found[0].value
    return None
