"""Find ordinal numbers of meetings/sessions in Chinese and English text.

Chinese: ``第二十四次``, ``第24次``, ``第 24 次``, ``第６届``, ``首届`` (=1) and
ranges ``第二次至第四次``, ``第二至第四次``, ``第2-4次``. An ordinal needs one
of the counters 次 届 期 轮 场 (``第三条`` is an article, not a meeting).

English: ``24th``, ``1st``, ``43rd`` (the suffix must fit the number: ``1th``
is ignored), word ordinals ``first`` .. ``ninety-ninth``, ``hundredth`` and
ranges ``2nd to 4th``, ``2nd–4th``, ``second through fourth``.

English ordinals attached to a month name (``July 4th``, ``the 4th of July``)
are days of month and are skipped. Words such as ``first``/``second``/``首次`` are matched wherever they occur;
callers decide from context whether the ordinal numbers a meeting.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

__all__ = ["OrdinalMention", "find_ordinals", "chinese_numeral_to_int"]


@dataclass(frozen=True)
class OrdinalMention:
    """An ordinal (or ordinal range) found at ``text[start:end]``."""

    start: int
    end: int
    text: str
    value: int
    end_value: int | None = None

    @property
    def is_range(self) -> bool:
        """True for ranges such as ``第二次至第四次``."""
        return self.end_value is not None


# --------------------------------------------------------------------------
# Chinese numerals
# --------------------------------------------------------------------------

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def _positional(s: str) -> int:
    """``二〇二四`` → 2024 (digit by digit, no unit characters)."""
    return int("".join(str(_CN_DIGITS[c]) for c in s))


def _with_units(s: str) -> int:
    """``一百二十三`` → 123; ``一百零五`` → 105; ``一百五`` → 150."""
    total, pending, last_unit, zero_seen = 0, None, 10_000, False
    for ch in s:
        if ch in _CN_UNITS:
            unit = _CN_UNITS[ch]
            if unit >= last_unit or pending == 0 or (pending is None and total):
                raise ValueError(f"malformed Chinese numeral: {s!r}")
            total += (1 if pending is None else pending) * unit
            pending, last_unit, zero_seen = None, unit, False
        else:
            digit = _CN_DIGITS[ch]
            if pending not in (None, 0) or (pending == 0 and digit == 0):
                raise ValueError(f"malformed Chinese numeral: {s!r}")
            zero_seen = zero_seen or digit == 0
            pending = digit
    if pending == 0:
        raise ValueError(f"malformed Chinese numeral: {s!r}")
    if pending:
        # "一百五" abbreviates 一百五十; after a zero ("一百零五") it is units.
        total += pending if zero_seen or last_unit == 10 else pending * last_unit // 10
    return total


def chinese_numeral_to_int(s: str) -> int:
    """Integer value of Chinese numerals or ASCII/full-width digits.

    Accepts ``一`` .. ``九十九`` .. ``一百二十三`` .. ``九千九百九十九``, ``〇``/``零``,
    ``两``, digit-by-digit forms such as ``二〇二四`` and ``24``/``２４``.
    Raises ValueError for anything else (empty, mixed scripts, malformed).
    """
    t = s.strip().translate(_FULLWIDTH)
    if not t:
        raise ValueError("empty numeral")
    if t.isascii() and t.isdigit():
        return int(t)
    if any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in t):
        raise ValueError(f"not a Chinese numeral: {s!r}")
    if not any(ch in _CN_UNITS for ch in t):
        return _positional(t)
    return _with_units(t)


# --------------------------------------------------------------------------
# English ordinals
# --------------------------------------------------------------------------

_UNIT_ORD = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEEN_ORD = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
             "sixteenth", "seventeenth", "eighteenth", "nineteenth")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TENS_ORD = ("twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth",
             "eightieth", "ninetieth")

_WORD_VALUES: dict[str, int] = {
    **{w: i for i, w in enumerate(_UNIT_ORD, start=1)},
    **{w: i for i, w in enumerate(_TEEN_ORD, start=10)},
    **{w: 10 * i for i, w in enumerate(_TENS_ORD, start=2)},
    "hundredth": 100,
}
_TENS_VALUES = {w: 10 * i for i, w in enumerate(_TENS, start=2)}

_HYPHENS = "-‐‑–"
_EN_WORD = (
    rf"(?:(?:{'|'.join(_TENS)})[{_HYPHENS}\s]?(?:{'|'.join(_UNIT_ORD)})"
    rf"|(?:one\s+)?hundredth|{'|'.join(sorted(_WORD_VALUES, key=len, reverse=True))})"
)
_EN_NUMERIC = r"[0-9]{1,4}(?:st|nd|rd|th)"
_EN_TOKEN = rf"(?<![0-9A-Za-z_])(?<![0-9][.,])(?:{_EN_NUMERIC}|{_EN_WORD})(?![0-9A-Za-z_])"
_EN_SEP = r"(?:\s*[-–—‐‑~]\s*|\s+(?:to|through|thru|till|until)\s+)"

_EN_SINGLE_RE = re.compile(rf"(?P<a>{_EN_TOKEN})", re.IGNORECASE)
_EN_RANGE_RE = re.compile(rf"(?P<a>{_EN_TOKEN}){_EN_SEP}(?P<b>{_EN_TOKEN})", re.IGNORECASE)
_SPLIT_RE = re.compile(rf"[{_HYPHENS}\s]+")

# An English ordinal next to a month name is a day of month ("July 4th",
# "the 4th of July", "17th-18th November"), not a meeting number.
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DAY = r"[0-9]{1,2}(?:st|nd|rd|th)?"
_MONTH_BEFORE_RE = re.compile(
    rf"(?<![A-Za-z]){_MONTH}\.?\s+(?:{_DAY}{_EN_SEP})?$", re.IGNORECASE
)
_MONTH_AFTER_RE = re.compile(
    rf"(?:{_EN_SEP}{_DAY})?\s+(?:of\s+)?(?:(?!may){_MONTH}(?![A-Za-z])|may(?=\s*,?\s*[0-9]))",
    re.IGNORECASE,
)


def _suffix_ok(n: int, suffix: str) -> bool:
    """English ordinal suffix agreement: 1st 2nd 3rd 4th 11th 12th 13th 21st."""
    if n % 100 in (11, 12, 13):
        return suffix == "th"
    return suffix == {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _en_value(token: str) -> int | None:
    """Value of an English ordinal token, or None when it is not well formed."""
    t = token.lower()
    if t[0].isdigit():
        n = int(t[:-2])
        return n if n > 0 and _suffix_ok(n, t[-2:]) else None
    words = [w for w in _SPLIT_RE.split(t) if w]
    if words == ["one", "hundredth"]:
        return 100
    if len(words) == 2:
        return _TENS_VALUES[words[0]] + _WORD_VALUES[words[1]]
    if len(words) == 1 and words[0] in _WORD_VALUES:
        return _WORD_VALUES[words[0]]
    # "twentyfirst" written without a separator
    for tens, value in _TENS_VALUES.items():
        if t.startswith(tens) and t[len(tens):] in _UNIT_ORD:
            return value + _WORD_VALUES[t[len(tens):]]
    return None


# --------------------------------------------------------------------------
# Chinese patterns
# --------------------------------------------------------------------------

_ZH_NUM = r"(?:[0-9０-９]+|[零〇○一二两三四五六七八九十百千]+)"
_ZH_COUNTER = r"[次届期轮场]"
_ZH_SEP = r"\s*(?:[-–—―‐‑~～〜－]|至|到)\s*"

_ZH_SINGLE_RE = re.compile(rf"第\s*(?P<a>{_ZH_NUM})\s*{_ZH_COUNTER}")
_ZH_RANGE_RE = re.compile(
    rf"第\s*(?P<a>{_ZH_NUM})\s*(?:{_ZH_COUNTER})?{_ZH_SEP}(?:第\s*)?(?P<b>{_ZH_NUM})\s*{_ZH_COUNTER}"
)
_ZH_FIRST_RE = re.compile(r"首[届次轮期场]")


def _zh_value(token: str) -> int | None:
    """Positive value of a Chinese/Arabic numeral token, or None."""
    try:
        n = chinese_numeral_to_int(token)
    except ValueError:
        return None
    return n if n > 0 else None


# --------------------------------------------------------------------------
# Finder
# --------------------------------------------------------------------------

_Candidate = tuple[int, int, int, "int | None"]


def _from_match(m: re.Match[str], value_of: Callable[[str], int | None]) -> _Candidate | None:
    """Candidate from a single or range match; ranges must increase."""
    a = value_of(m["a"])
    if a is None:
        return None
    b_raw = m.groupdict().get("b")
    if b_raw is None:
        return m.start(), m.end(), a, None
    b = value_of(b_raw)
    if b is None or b <= a:
        return None
    return m.start(), m.end(), a, b


def _is_day_of_month(text: str, start: int, end: int) -> bool:
    """True when an English ordinal is attached to a month name."""
    if _MONTH_BEFORE_RE.search(text[max(0, start - 32):start]):
        return True
    return _MONTH_AFTER_RE.match(text, end) is not None


def _candidates(text: str) -> Iterator[_Candidate]:
    """Raw candidates from every pattern (overlaps allowed)."""
    for m in _ZH_FIRST_RE.finditer(text):
        yield m.start(), m.end(), 1, None
    for regex, value_of in ((_ZH_SINGLE_RE, _zh_value), (_ZH_RANGE_RE, _zh_value),
                            (_EN_SINGLE_RE, _en_value), (_EN_RANGE_RE, _en_value)):
        english = value_of is _en_value
        for m in regex.finditer(text):
            cand = _from_match(m, value_of)
            if cand is None or (english and _is_day_of_month(text, m.start(), m.end())):
                continue
            yield cand


def find_ordinals(text: str) -> list[OrdinalMention]:
    """All ordinal mentions in ``text``, sorted, non-overlapping (longest wins)."""
    return [OrdinalMention(s, e, text[s:e], a, b) for s, e, a, b in _select(_candidates(text))]


def _select(cands: Iterable[_Candidate]) -> list[_Candidate]:
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
