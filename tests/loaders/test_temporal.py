"""Tests for scokg.loaders.temporal (date finding in Chinese and English)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scokg.loaders.temporal import DateMention, DateValue, find_dates, parse_date

XSD = "http://www.w3.org/2001/XMLSchema#"

Tuple = tuple  # (year,) / (year, month) / (year, month, day)


def dv(parts: Tuple) -> DateValue:
    return DateValue(*parts)


def summary(text: str) -> list[tuple[str, Tuple, Tuple | None]]:
    """find_dates as (text, start tuple, end tuple) after checking invariants."""
    out = []
    for m in find_dates(text):
        assert text[m.start:m.end] == m.text
        out.append((m.text, _tuple(m.value), None if m.end_value is None else _tuple(m.end_value)))
    return out


def _tuple(v: DateValue) -> Tuple:
    return tuple(x for x in (v.year, v.month, v.day) if x is not None)


# ---------------------------------------------------------------------------
# DateValue
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "precision", "lexical", "datatype"),
    [
        (DateValue(2024), "year", "2024", XSD + "gYear"),
        (DateValue(2024, 7), "month", "2024-07", XSD + "gYearMonth"),
        (DateValue(2024, 7, 8), "day", "2024-07-08", XSD + "date"),
        (DateValue(1905, 12, 31), "day", "1905-12-31", XSD + "date"),
        (DateValue(2024, 2, 29), "day", "2024-02-29", XSD + "date"),
    ],
)
def test_date_value_forms(value: DateValue, precision: str, lexical: str, datatype: str) -> None:
    assert value.precision == precision
    assert value.lexical() == lexical
    assert str(value) == lexical
    assert value.xsd_datatype() == datatype


@pytest.mark.parametrize(
    "args",
    [(2024, 13), (2024, 0), (2024, 4, 31), (2023, 2, 29), (2024, 1, 0), (2024, None, 5), (0,)],
)
def test_date_value_rejects_invalid(args: tuple) -> None:
    with pytest.raises(ValueError):
        DateValue(*args)


def test_date_value_is_hashable_and_frozen() -> None:
    v = DateValue(2024, 7, 8)
    assert {v, DateValue(2024, 7, 8)} == {v}
    with pytest.raises(AttributeError):
        v.year = 2025  # type: ignore[misc]


def test_mention_is_range() -> None:
    single = DateMention(0, 4, "2024", DateValue(2024), None)
    period = DateMention(0, 9, "2024-2025", DateValue(2024), DateValue(2025))
    assert not single.is_range
    assert period.is_range


# ---------------------------------------------------------------------------
# Chinese single dates
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "mention", "expected", "precision"),
    [
        ("会议于2024年7月8日召开", "2024年7月8日", (2024, 7, 8), "day"),
        ("2018年6月，中国青岛", "2018年6月", (2018, 6), "month"),
        ("中心于2014年成立", "2014年", (2014,), "year"),
        ("发布了2019年度环境报告", "2019年", (2019,), "year"),
        ("（2025年9月1日，天津）", "2025年9月1日", (2025, 9, 1), "day"),
        ("(2025年9月1日,天津)", "2025年9月1日", (2025, 9, 1), "day"),
        ("联合公报(2025-11-19)", "2025-11-19", (2025, 11, 19), "day"),
        ("发布日期：2025/11/19。", "2025/11/19", (2025, 11, 19), "day"),
        ("发布日期：2025.1.9。", "2025.1.9", (2025, 1, 9), "day"),
        ("联合国 2030 年可持续发展议程", "2030 年", (2030,), "year"),
        ("到 2 0 2 5 年，推进", "2 0 2 5 年", (2025,), "year"),
        ("行动计划》(20\n25年6月17日,克拉玛依)", "20\n25年6月17日", (2025, 6, 17), "day"),
        ("(2024年5月2\n2日,阿斯塔纳)", "2024年5月2\n2日", (2024, 5, 22), "day"),
        ("论坛(2025年4\n月17日,鄂木斯克)", "2025年4\n月17日", (2025, 4, 17), "day"),
        ("２０２４年７月８日", "２０２４年７月８日", (2024, 7, 8), "day"),
        ("２０２４年", "２０２４年", (2024,), "year"),
        ("二〇二四年七月八日于青岛", "二〇二四年七月八日", (2024, 7, 8), "day"),
        ("二〇二五年十二月三十一日", "二〇二五年十二月三十一日", (2025, 12, 31), "day"),
        ("二〇一八年六月", "二〇一八年六月", (2018, 6), "month"),
        ("2021年7月1日正式生效", "2021年7月1日", (2021, 7, 1), "day"),
        ("2024年7月8号", "2024年7月8号", (2024, 7, 8), "day"),
        ("2020年底", "2020年", (2020,), "year"),
        ("1900年", "1900年", (1900,), "year"),
        ("2100年", "2100年", (2100,), "year"),
    ],
)
def test_chinese_single(text: str, mention: str, expected: Tuple, precision: str) -> None:
    found = find_dates(text)
    assert len(found) == 1
    m = found[0]
    assert m.text == mention
    assert text[m.start:m.end] == mention
    assert m.value == dv(expected)
    assert m.value.precision == precision
    assert m.end_value is None and not m.is_range


# ---------------------------------------------------------------------------
# English single dates
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "mention", "expected", "precision"),
    [
        ("On 8 July 2024, the forum", "8 July 2024", (2024, 7, 8), "day"),
        ("—— July 4th, 2024, the 24th Meeting", "July 4th, 2024", (2024, 7, 4), "day"),
        ("September 13th, 2014", "September 13th, 2014", (2014, 9, 13), "day"),
        ("established on June 15, 2001 in Shanghai", "June 15, 2001", (2001, 6, 15), "day"),
        ("established on June 15 2001 in Shanghai", "June 15 2001", (2001, 6, 15), "day"),
        ("June 2018", "June 2018", (2018, 6), "month"),
        ("was held in May, 2024", "May, 2024", (2024, 5), "month"),
        ("in May, 2024.", "May, 2024", (2024, 5), "month"),
        ("(Astana, 2026)", "2026", (2026,), "year"),
        ("launched in 2005.", "2005", (2005,), "year"),
        ("Since 2023, three contests", "2023", (2023,), "year"),
        ("on Sept. 6, 2025 in", "Sept. 6, 2025", (2025, 9, 6), "day"),
        ("on 6 Sept 2025 in", "6 Sept 2025", (2025, 9, 6), "day"),
        ("on 6 Sep. 2025 in", "6 Sep. 2025", (2025, 9, 6), "day"),
        ("on 1st March 2023", "1st March 2023", (2023, 3, 1), "day"),
        ("on 2nd Feb 2023", "2nd Feb 2023", (2023, 2, 2), "day"),
        ("on 3rd of December, 2023", "3rd of December, 2023", (2023, 12, 3), "day"),
        ("on the 22nd of May 2024", "22nd of May 2024", (2024, 5, 22), "day"),
        ("on 23RD JANUARY 2020", "23RD JANUARY 2020", (2020, 1, 23), "day"),
        ("DECEMBER 2012", "DECEMBER 2012", (2012, 12), "month"),
        ("in dec 2012", "dec 2012", (2012, 12), "month"),
        ("in Aug. 2020", "Aug. 2020", (2020, 8), "month"),
        ("in June of 2018", "June of 2018", (2018, 6), "month"),
        ("(Dushanbe, April 14, 2025).", "April 14, 2025", (2025, 4, 14), "day"),
        ("(16 September 2022, Samarkand)", "16 September 2022", (2022, 9, 16), "day"),
        ("Monday, 29 February 2016", "29 February 2016", (2016, 2, 29), "day"),
        ("the 2030 Agenda", "2030", (2030,), "year"),
        ("Strategy until 2030\" (September", "2030", (2030,), "year"),
    ],
)
def test_english_single(text: str, mention: str, expected: Tuple, precision: str) -> None:
    found = find_dates(text)
    assert len(found) == 1, found
    m = found[0]
    assert m.text == mention
    assert text[m.start:m.end] == mention
    assert m.value == dv(expected)
    assert m.value.precision == precision
    assert m.value.xsd_datatype() == XSD + {"year": "gYear", "month": "gYearMonth", "day": "date"}[precision]
    assert not m.is_range


# ---------------------------------------------------------------------------
# Ranges
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "mention", "start", "end"),
    [
        # Chinese
        ("2025年11月17日至18日,上海合作组织", "2025年11月17日至18日", (2025, 11, 17), (2025, 11, 18)),
        ("2025年8月31日至9月1日在天津举行", "2025年8月31日至9月1日", (2025, 8, 31), (2025, 9, 1)),
        ("(2026年3月17日至22日,杜尚别)", "2026年3月17日至22日", (2026, 3, 17), (2026, 3, 22)),
        ("2025年12月30日至2026年1月2日", "2025年12月30日至2026年1月2日", (2025, 12, 30), (2026, 1, 2)),
        ("2025年9月16-18日", "2025年9月16-18日", (2025, 9, 16), (2025, 9, 18)),
        ("2025年9月16日—18日", "2025年9月16日—18日", (2025, 9, 16), (2025, 9, 18)),
        ("2025年9月16日～18日", "2025年9月16日～18日", (2025, 9, 16), (2025, 9, 18)),
        ("2025年9月16日到18日", "2025年9月16日到18日", (2025, 9, 16), (2025, 9, 18)),
        ("２０２５年９月１６日至１８日", "２０２５年９月１６日至１８日", (2025, 9, 16), (2025, 9, 18)),
        ("2024年3月至5月", "2024年3月至5月", (2024, 3), (2024, 5)),
        ("2024年11月至2025年2月", "2024年11月至2025年2月", (2024, 11), (2025, 2)),
        ("介绍了2020-2021年塔担任", "2020-2021年", (2020,), (2021,)),
        ("担任2024至2025年上合组织", "2024至2025年", (2024,), (2025,)),
        ("担任2024年至2025年上合组织", "2024年至2025年", (2024,), (2025,)),
        ("《2024-2026年落实》", "2024-2026年", (2024,), (2026,)),
        ("2021—2030年", "2021—2030年", (2021,), (2030,)),
        ("发展2018-2028”国际行动十年", "2018-2028", (2018,), (2028,)),
        # English
        ("held in Moscow from November 17 to 18, 2025.", "November 17 to 18, 2025", (2025, 11, 17), (2025, 11, 18)),
        ("17–18 November 2025", "17–18 November 2025", (2025, 11, 17), (2025, 11, 18)),
        ("(16-18 September 2025, Moscow)", "16-18 September 2025", (2025, 9, 16), (2025, 9, 18)),
        ("(18-19 December 2025, Aktau)", "18-19 December 2025", (2025, 12, 18), (2025, 12, 19)),
        ("17th to 18th November 2025", "17th to 18th November 2025", (2025, 11, 17), (2025, 11, 18)),
        ("from August 31 to September 1, 2025, full", "August 31 to September 1, 2025", (2025, 8, 31), (2025, 9, 1)),
        ("31 August – 1 September 2025", "31 August – 1 September 2025", (2025, 8, 31), (2025, 9, 1)),
        ("(September 16-18, 2025, Moscow)", "September 16-18, 2025", (2025, 9, 16), (2025, 9, 18)),
        ("Forum (July 8-9, 2024, Qingdao)", "July 8-9, 2024", (2024, 7, 8), (2024, 7, 9)),
        ("30 December 2025 - 2 January 2026", "30 December 2025 - 2 January 2026", (2025, 12, 30), (2026, 1, 2)),
        ("December 30, 2025 to January 2, 2026", "December 30, 2025 to January 2, 2026", (2025, 12, 30), (2026, 1, 2)),
        ("June–July 2024", "June–July 2024", (2024, 6), (2024, 7)),
        ("from June 2024 to May 2025", "June 2024 to May 2025", (2024, 6), (2025, 5)),
        ("chairmanship for 2024-2025, and", "2024-2025", (2024,), (2025,)),
        ("Framework (2019-2021) for", "2019-2021", (2019,), (2021,)),
        ("in 2025–2026.", "2025–2026", (2025,), (2026,)),
        ("from 2019 to 2021", "2019 to 2021", (2019,), (2021,)),
        ("1 - 3 May 2024", "1 - 3 May 2024", (2024, 5, 1), (2024, 5, 3)),
    ],
)
def test_ranges(text: str, mention: str, start: Tuple, end: Tuple) -> None:
    found = find_dates(text)
    assert len(found) == 1, found
    m = found[0]
    assert m.text == mention
    assert text[m.start:m.end] == mention
    assert m.is_range
    assert m.value == dv(start)
    assert m.end_value == dv(end)
    assert m.value.precision == m.end_value.precision or len(start) != len(end)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # reversed or empty ranges fall back to the single date
        ("2025年11月18日至17日", [("2025年11月18日", (2025, 11, 18), None)]),
        ("2024年7月4日至今", [("2024年7月4日", (2024, 7, 4), None)]),
        # a year-only start with a month-only end is not a range
        ("2024年至5月", [("2024年", (2024,), None)]),
        # reversed year ranges are not years at all
        ("2025-2020", []),
    ],
)
def test_degenerate_ranges(text: str, expected: list) -> None:
    assert summary(text) == expected


# ---------------------------------------------------------------------------
# Several mentions in one text
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2021年7月、2022年5月、2023年4月, 第二次至第四次",
            [("2021年7月", (2021, 7), None), ("2022年5月", (2022, 5), None), ("2023年4月", (2023, 4), None)],
        ),
        (
            "held online in July 2021, May 2022, and April 2023",
            [("July 2021", (2021, 7), None), ("May 2022", (2022, 5), None), ("April 2023", (2023, 4), None)],
        ),
        (
            "(2025年4月17日,鄂木斯克;2025年11月17日,莫斯科)",
            [("2025年4月17日", (2025, 4, 17), None), ("2025年11月17日", (2025, 11, 17), None)],
        ),
        (
            "2014年启动平台建设，2018年完成四期建设任务",
            [("2014年", (2014,), None), ("2018年", (2018,), None)],
        ),
        (
            "承诺到2030年温室气体排放量与1990年的水平相比减少30％",
            [("2030年", (2030,), None), ("1990年", (1990,), None)],
        ),
    ],
)
def test_lists(text: str, expected: list) -> None:
    assert summary(text) == expected


# ---------------------------------------------------------------------------
# Things that are not dates
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "举办了100多场活动",
        "投资40万坚戈",
        "电话：86-10-82268232",
        "Tel: +86-10-82268232",
        "No. 5",
        "No. 2024",
        "Resolution 2250",
        "PM2.5浓度下降",
        "距离15公里",
        "建成25座污水处理厂",
        "1,000 participants",
        "2,024 participants",
        "about 2000 tons of waste",
        "2020 people attended",
        "2000万吨",
        "2030 可持续",
        "growth of 2.5 percent",
        "version 2024.5",
        "the 1990s",
        "ISO 14001",
        "1850年",
        "2101年",
        "$2024",
        "12345",
        "20255",
        "code 2024-1234",
        "July 2",
        "1月15日",
        "【上合组织秘书处/1月15日】",
        "in may, the meeting",
        "Mayor 20245",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "2024年2月30日",
        "2023年2月29日",
        "2024年4月31日",
        "2024年13月",
        "31 April 2024",
        "April 31, 2024",
        "February 30, 2023",
        "30 February 2023",
        "2025-02-30",
        "2025-13-01",
        "2025年4月30日至31日",
        "30–31 April 2025",
    ],
)
def test_invalid_dates_are_skipped(text: str) -> None:
    assert find_dates(text) == []


def test_month_name_inside_word_is_not_a_month() -> None:
    assert summary("Mayor 2024") == [("2024", (2024,), None)]
    assert summary("Marshall 5, 2024") == [("2024", (2024,), None)]


def test_leap_day_accepted() -> None:
    assert summary("2024年2月29日") == [("2024年2月29日", (2024, 2, 29), None)]
    assert summary("29 February 2024") == [("29 February 2024", (2024, 2, 29), None)]


def test_offsets_with_leading_text() -> None:
    text = "【塔吉克斯坦】 2021年1月15日，塔吉克斯坦; on 15 January 2021 in Dushanbe"
    found = find_dates(text)
    assert [(m.start, m.end) for m in found] == [(8, 18), (29, 44)]
    assert [m.text for m in found] == ["2021年1月15日", "15 January 2021"]


def test_longest_match_wins() -> None:
    # "2025年11月" and "2025年" are sub-spans of the full date range
    found = find_dates("2025年11月17日至18日")
    assert len(found) == 1 and found[0].text == "2025年11月17日至18日"
    found = find_dates("On November 17, 2025 in Moscow")
    assert [m.text for m in found] == ["November 17, 2025"]


# ---------------------------------------------------------------------------
# Real sentences (copied verbatim from the project's seed documents)
# ---------------------------------------------------------------------------

SEED_CASES = [
    (
        "各代表团团长指出,2025年8月31日至9月1日在天津举行的上合组织成员国元首理事会会议",
        [("2025年8月31日至9月1日", (2025, 8, 31), (2025, 9, 1))],
    ),
    (
        "The heads of delegations noted the outcomes of the 24th SCO Economic and Trade Ministers' "
        "Meeting (September 6, 2025, Vladivostok) and exp",
        [("September 6, 2025", (2025, 9, 6), None)],
    ),
    (
        "2024年7月8日，上海合作组织国家绿色发展论坛成功召开，习近平主席向论坛致贺信。"
        "论坛是中方接任2024-2025年上合组织轮值主席国后的首场大型活动",
        [("2024年7月8日", (2024, 7, 8), None), ("2024-2025年", (2024,), (2025,))],
    ),
    (
        "Sustainable Development Forum (April 17, 2025, Omsk; November 17, 2025, Moscow).",
        [("April 17, 2025", (2025, 4, 17), None), ("November 17, 2025", (2025, 11, 17), None)],
    ),
    (
        "elt Framework (2024-2026) (22 May 2024, Astana), the Plan of Me",
        [("2024-2026", (2024,), (2026,)), ("22 May 2024", (2024, 5, 22), None)],
    ),
    (
        "上海合作组织成员国政府首脑(总理)理事会第二十四次会议联合公报(2025-11-19)",
        [("2025-11-19", (2025, 11, 19), None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SEED_CASES)
def test_seed_sentences(text: str, expected: list) -> None:
    assert summary(text) == expected


# ---------------------------------------------------------------------------
# parse_date
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024", (2024,)),
        ("2024-07", (2024, 7)),
        ("2024-07-08", (2024, 7, 8)),
        ("2024年7月8日", (2024, 7, 8)),
        ("2018年6月", (2018, 6)),
        ("2014年", (2014,)),
        ("8 July 2024", (2024, 7, 8)),
        ("July 4th, 2024", (2024, 7, 4)),
        ("June 2018", (2018, 6)),
        ("  May, 2024 ", (2024, 5)),
        ("（2025年9月1日）", (2025, 9, 1)),
        ("２０２４年７月", (2024, 7)),
    ],
)
def test_parse_date(text: str, expected: Tuple) -> None:
    assert parse_date(text) == dv(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "hello",
        "2024-13",
        "2024-02-30",
        "2025年11月17日至18日",
        "2024-2025",
        "2024 and 2025",
        "on 8 July 2024",
        "July 8",
        "1850",
    ],
)
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text) is None


# ---------------------------------------------------------------------------
# Property tests
# ---------------------------------------------------------------------------

_VOCAB = [
    "2024", "2025", "1990", "20", "25", "年", "月", "日", "号", "至", "到", "-", "–", "—", "~",
    "、", ",", "，", ".", "/", " ", "\n", "(", ")", "（", "）", "第", "次", "十", "二", "〇",
    "July", "may", "Sept.", "December", "of", "to", "from", "th", "st", "1", "17", "31", "０", "９",
    "２０２４", "万", "%", "No.", "Tel", "+86", "in", "Since",
]
_TEXTS = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(_VOCAB), max_size=30).map("".join),
)


def _check_invariants(text: str) -> None:
    found = find_dates(text)
    prev_end = 0
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= prev_end
        prev_end = m.end
        assert 1900 <= m.value.year <= 2100
        if m.end_value is not None:
            assert m.value.sort_key() < m.end_value.sort_key()


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_find_dates_never_raises_and_offsets_slice(text: str) -> None:
    _check_invariants(text)
    parse_date(text)


_DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


@settings(max_examples=200, deadline=None)
@given(_DATES, st.sampled_from(["zh", "dmy", "mdy", "iso", "fw"]), st.sampled_from(["见", "On ", "(", ""]))
def test_generated_day_dates_round_trip(d: dt.date, style: str, prefix: str) -> None:
    formatted = {
        "zh": f"{d.year}年{d.month}月{d.day}日",
        "dmy": f"{d.day} {_MONTHS[d.month - 1]} {d.year}",
        "mdy": f"{_MONTHS[d.month - 1]} {d.day}, {d.year}",
        "iso": d.isoformat(),
        "fw": f"{d.year}年{d.month}月{d.day}日".translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    }[style]
    text = prefix + formatted + "，会议"
    found = find_dates(text)
    assert len(found) == 1
    assert found[0].text == formatted
    assert found[0].start == len(prefix)
    assert found[0].value == DateValue(d.year, d.month, d.day)


@settings(max_examples=200, deadline=None)
@given(st.integers(1900, 2100), st.one_of(st.none(), st.integers(1, 12)), st.integers(1, 31))
def test_parse_date_inverts_lexical(year: int, month: int | None, day: int) -> None:
    try:
        value = DateValue(year, month, day if month is not None else None)
    except ValueError:
        return
    assert parse_date(value.lexical()) == value
