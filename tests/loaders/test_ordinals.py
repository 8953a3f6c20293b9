"""Tests for scokg.loaders.ordinals (meeting ordinals in Chinese and English)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scokg.loaders.ordinals import OrdinalMention, chinese_numeral_to_int, find_ordinals


def summary(text: str) -> list[tuple[str, int, int | None]]:
    """find_ordinals as (text, value, end_value) after checking offsets."""
    out = []
    for m in find_ordinals(text):
        assert text[m.start:m.end] == m.text
        out.append((m.text, m.value, m.end_value))
    return out


# ---------------------------------------------------------------------------
# chinese_numeral_to_int
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一", 1), ("二", 2), ("两", 2), ("九", 9), ("十", 10), ("十一", 11), ("十九", 19),
        ("二十", 20), ("二十四", 24), ("四十三", 43), ("九十九", 99), ("一百", 100),
        ("一百零一", 101), ("一百一十", 110), ("一百二十三", 123), ("两百", 200),
        ("一百五", 150), ("一千", 1000), ("一千零一", 1001), ("一千零一十", 1010),
        ("两千三", 2300), ("九千九百九十九", 9999),
        ("〇", 0), ("零", 0), ("○", 0), ("二〇二四", 2024), ("一九", 19),
        ("24", 24), ("０", 0), ("２４", 24), ("43", 43), (" 二十 ", 20),
    ],
)
def test_chinese_numeral_to_int(numeral: str, value: int) -> None:
    assert chinese_numeral_to_int(numeral) == value


@pytest.mark.parametrize(
    "numeral",
    ["", "  ", "abc", "第二", "二十四次", "2四", "十十", "一二十", "零十", "二十零", "一百零零五",
     "一千百", "二十四十", "3.5", "-3", "十-"],
)
def test_chinese_numeral_to_int_rejects(numeral: str) -> None:
    with pytest.raises(ValueError):
        chinese_numeral_to_int(numeral)


@pytest.mark.parametrize("n", range(1, 1000))
def test_chinese_numeral_standard_forms(n: int) -> None:
    assert chinese_numeral_to_int(_to_chinese(n)) == n


def _to_chinese(n: int) -> str:
    """Standard (non-colloquial) Chinese numeral for 1..999, as a test oracle."""
    digits = "零一二三四五六七八九"
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    out = ""
    if hundreds:
        out += digits[hundreds] + "百"
        if rest and tens == 0:
            return out + "零" + digits[units]
        if tens:
            out += digits[tens] + "十"
    elif tens:
        out += ("" if tens == 1 else digits[tens]) + "十"
    if units:
        out += digits[units]
    return out


# ---------------------------------------------------------------------------
# Chinese ordinals
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "mention", "value", "end_value"),
    [
        ("理事会第二十四次会议联合公报", "第二十四次", 24, None),
        ("理事会第24次会议", "第24次", 24, None),
        ("理事会第 24 次会议", "第 24 次", 24, None),
        ("理事会第２４次会议", "第２４次", 24, None),
        ("成员国第一次环境部长会", "第一次", 1, None),
        ("环保部门第十次专家会议", "第十次", 10, None),
        ("将举行第六届世界游牧民族运动会", "第六届", 6, None),
        ("首届上合组织国家绿色发展论坛", "首届", 1, None),
        ("联合国教科文组织大会第43届会议", "第43届", 43, None),
        ("第一百二十三次会议", "第一百二十三次", 123, None),
        ("第三期培训班", "第三期", 3, None),
        ("第五轮谈判", "第五轮", 5, None),
        ("首次会议", "首次", 1, None),
        ("第二次至第四次上海合作组织成员国环境部长会", "第二次至第四次", 2, 4),
        ("第二至第四次会议", "第二至第四次", 2, 4),
        ("第二至四次会议", "第二至四次", 2, 4),
        ("第2-4次会议", "第2-4次", 2, 4),
        ("第二次到第四次会议", "第二次到第四次", 2, 4),
        ("第十九届—第二十届", "第十九届—第二十届", 19, 20),
    ],
)
def test_chinese_ordinals(text: str, mention: str, value: int, end_value: int | None) -> None:
    found = find_ordinals(text)
    assert len(found) == 1, found
    m = found[0]
    assert m.text == mention
    assert text[m.start:m.end] == mention
    assert (m.value, m.end_value) == (value, end_value)
    assert m.is_range == (end_value is not None)


# ---------------------------------------------------------------------------
# English ordinals
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "mention", "value", "end_value"),
    [
        ("the 24th Meeting of the Council", "24th", 24, None),
        ("The 1st Meeting", "1st", 1, None),
        ("The 2nd meeting", "2nd", 2, None),
        ("the 3rd session", "3rd", 3, None),
        ("the 11th Meeting", "11th", 11, None),
        ("the 12th Meeting", "12th", 12, None),
        ("the 13th Meeting", "13th", 13, None),
        ("the 21st Meeting", "21st", 21, None),
        ("the 43rd session of UNESCO", "43rd", 43, None),
        ("the 101st session", "101st", 101, None),
        ("the 112th session", "112th", 112, None),
        ("the 24TH MEETING", "24TH", 24, None),
        ("the seventh meeting of the heads", "seventh", 7, None),
        ("the fourth international high-level meeting", "fourth", 4, None),
        ("the First meeting", "First", 1, None),
        ("the tenth meeting", "tenth", 10, None),
        ("the twelfth meeting", "twelfth", 12, None),
        ("the nineteenth meeting", "nineteenth", 19, None),
        ("the twentieth meeting", "twentieth", 20, None),
        ("the thirtieth meeting", "thirtieth", 30, None),
        ("the twenty-fourth meeting", "twenty-fourth", 24, None),
        ("the Twenty-First Century", "Twenty-First", 21, None),
        ("the twenty fourth meeting", "twenty fourth", 24, None),
        ("the forty-third session", "forty-third", 43, None),
        ("the ninety-ninth session", "ninety-ninth", 99, None),
        ("the hundredth session", "hundredth", 100, None),
        ("the one hundredth session", "one hundredth", 100, None),
        ("The 2nd to 4th Meetings of the Heads", "2nd to 4th", 2, 4),
        ("the 2nd–4th meetings", "2nd–4th", 2, 4),
        ("the 2nd-4th meetings", "2nd-4th", 2, 4),
        ("the second to fourth meetings", "second to fourth", 2, 4),
        ("the 22nd through 24th sessions", "22nd through 24th", 22, 24),
        ("the twenty-first to twenty-fourth sessions", "twenty-first to twenty-fourth", 21, 24),
    ],
)
def test_english_ordinals(text: str, mention: str, value: int, end_value: int | None) -> None:
    found = find_ordinals(text)
    assert len(found) == 1, found
    m = found[0]
    assert m.text == mention
    assert text[m.start:m.end] == mention
    assert (m.value, m.end_value) == (value, end_value)


@pytest.mark.parametrize(
    "text",
    [
        # not ordinals / inside other tokens
        "第三条规定",
        "第一副总统",
        "二十四次",
        "第零次",
        "the 1th meeting",
        "the 2th meeting",
        "the 11st meeting",
        "the 0th meeting",
        "a1st",
        "1stly",
        "x24th",
        "24thx",
        "1.5th",
        "firstly",
        "thirsty",
        "the seconds ticked",
        "No. 5",
        "100多场",
        # days of month are not meeting ordinals
        "July 4th, 2024",
        "September 13th, 2014",
        "on the 4th of July",
        "17th–18th November 2025",
        "Sept. 6th",
        "November 17th-18th",
        "November 17th to 18th, 2025",
    ],
)
def test_not_ordinals(text: str) -> None:
    assert find_ordinals(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a decreasing range is two ordinals, not a range
        ("第四次至第二次", [("第四次", 4, None), ("第二次", 2, None)]),
        ("the 4th to 2nd", [("4th", 4, None), ("2nd", 2, None)]),
        # lists stay separate
        ("the 1st, 2nd and 3rd meetings", [("1st", 1, None), ("2nd", 2, None), ("3rd", 3, None)]),
        ("第五次和第六次会议", [("第五次", 5, None), ("第六次", 6, None)]),
        # "the 5th may" is not a date
        ("the 5th may be held", [("5th", 5, None)]),
        ("the 5th May 2024 meeting", []),
    ],
)
def test_lists_and_degenerate_ranges(text: str, expected: list) -> None:
    assert summary(text) == expected


def test_offsets_in_mixed_text() -> None:
    text = "2019年9月, 上海合作组织成员国第一次环境部长会; The 1st Meeting"
    found = find_ordinals(text)
    assert [(m.start, m.end, m.text) for m in found] == [(18, 21, "第一次"), (32, 35, "1st")]


def test_mention_is_range() -> None:
    assert OrdinalMention(0, 7, "第二次至第四次", 2, 4).is_range
    assert not OrdinalMention(0, 3, "第二次", 2, None).is_range


# ---------------------------------------------------------------------------
# Real sentences (copied verbatim from the project's seed documents)
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2021年7月、2022年5月、2023年4月, 第二次至第四次上海合作组织成员国环境部长会以线上形式",
            [("第二次至第四次", 2, 4)],
        ),
        (
            "—— July 4th, 2024, the 24th Meeting of the Council of Heads of State",
            [("24th", 24, None)],
        ),
        (
            "各代表团团长注意到上合组织成员国第二十四次经贸部长会议(2025年9月6日,符拉迪沃斯托克)成果",
            [("第二十四次", 24, None)],
        ),
        (
            "the outcomes of the seventh meeting of the heads of supreme audit institutions",
            [("seventh", 7, None)],
        ),
    ],
)
def test_seed_sentences(text: str, expected: list) -> None:
    assert summary(text) == expected


# ---------------------------------------------------------------------------
# Property tests
# ---------------------------------------------------------------------------

_VOCAB = ["第", "首", "次", "届", "期", "至", "到", "-", "–", " ", "一", "二", "十", "百", "零", "两",
          "24", "1", "st", "nd", "rd", "th", "first", "twenty", "fourth", "-", "to", "July", "of",
          "２", "\n", "、", "the", "second"]
_TEXTS = st.one_of(st.text(max_size=80), st.lists(st.sampled_from(_VOCAB), max_size=30).map("".join))


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_find_ordinals_never_raises_and_offsets_slice(text: str) -> None:
    prev_end = 0
    for m in find_ordinals(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= prev_end
        prev_end = m.end
        assert m.value >= 1
        assert m.end_value is None or m.end_value > m.value


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 9999))
def test_chinese_numeral_accepts_any_digits(n: int) -> None:
    assert chinese_numeral_to_int(str(n)) == n
    assert chinese_numeral_to_int(str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 999), st.sampled_from(["次", "届"]))
def test_generated_chinese_ordinals(n: int, counter: str) -> None:
    text = f"上合组织第{_to_chinese(n)}{counter}会议"
    assert summary(text) == [(f"第{_to_chinese(n)}{counter}", n, None)]


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 9999))
def test_generated_english_numeric_ordinals(n: int) -> None:
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    text = f"the {n}{suffix} meeting"
    assert summary(text) == [(f"{n}{suffix}", n, None)]
