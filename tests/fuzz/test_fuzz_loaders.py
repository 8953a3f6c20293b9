"""Fuzzing the corpus loader: any text, in any layout, either loads into well-formed RDF or is
reported as a corpus problem; nothing else may escape.

Documents are written to a temporary corpus folder with a valid sidecar and read through the
public entry, `load_corpus` (which turns `CorpusError` and `UnknownLayoutError` into problems),
and once through the lower-level `read_source_text` (which may raise exactly those). The quads
must survive an N-Quads round trip through pyoxigraph, every literal must be valid for its
datatype, every resource IRI must have an ASCII slug, and the same text must give the same quads.
"""
from __future__ import annotations

import calendar
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scokg.loaders.corpus import read_source
from scokg.loaders.errors import CorpusError
from scokg.loaders.gazetteer import load_gazetteer
from scokg.loaders.layout import Layout, UnknownLayoutError
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.names import NameIndex
from scokg.loaders.pipeline import EXTRACTORS, load_corpus
from scokg.loaders.reading import read_source_text

BASE = "https://w3id.org/sco-kg/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RESOURCE_IRI = re.compile(re.escape(BASE) + r"resource/[a-z][a-z-]*/[a-z0-9][a-z0-9-]*")
LANGUAGE_TAG = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")
FUZZ = settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


# --- what a literal of each datatype may look like --------------------------------------------


def _calendar_date(text: str) -> bool:
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not match:
        return False
    year, month, day = map(int, match.groups())
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


VALID_LEXICAL: dict[str, Callable[[str], bool]] = {
    XSD + "string": lambda text: True,
    XSD + "integer": lambda text: re.fullmatch(r"[+-]?\d+", text) is not None,
    XSD + "nonNegativeInteger": lambda text: re.fullmatch(r"\+?\d+", text) is not None,
    XSD + "decimal": lambda text: re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text) is not None,
    XSD + "boolean": lambda text: text in ("true", "false", "1", "0"),
    XSD + "gYear": lambda text: re.fullmatch(r"\d{4}", text) is not None,
    XSD + "gYearMonth": lambda text: re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text) is not None,
    XSD + "date": _calendar_date,
    XSD + "language": lambda text: LANGUAGE_TAG.fullmatch(text) is not None,
    XSD + "anyURI": lambda text: not re.search(r"[\s<>\"{}|\\^`]", text),
}


def assert_well_formed(quads: list[ox.Quad]) -> None:
    """The quads survive an N-Quads round trip, and every term is valid."""
    text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert set(ox.parse(text, format=ox.RdfFormat.N_QUADS)) == set(quads)
    for quad in quads:
        for term in (quad.subject, quad.object, quad.graph_name):
            if isinstance(term, ox.NamedNode) and term.value.startswith(BASE + "resource/"):
                assert RESOURCE_IRI.fullmatch(term.value), f"resource IRI without an ASCII slug: {term.value}"
        literal = quad.object
        if not isinstance(literal, ox.Literal):
            continue
        if literal.language:
            assert literal.datatype.value == RDF_LANG_STRING and LANGUAGE_TAG.fullmatch(literal.language)
            continue
        datatype = literal.datatype.value
        assert datatype in VALID_LEXICAL, f"unexpected datatype {datatype} ({literal})"
        assert VALID_LEXICAL[datatype](literal.value), f"invalid {datatype}: {literal.value!r} in {quad}"
        assert "\ufffd" not in literal.value or "\ufffd" in quad.object.value


# --- documents ------------------------------------------------------------------------------

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
FRAGMENTS = st.sampled_from([
    "2018年6月10日", "2021年", "6月", "2025年11月17日至18日", "二〇二四年七月八日", "２０２４年７月", "10 June 2018",
    "June 2018", "2018-06-10", "2018/13/45", "31 April 2024", "2019 to 2021", "1,000", "No. 2024", "0000年00月00日",
    "第十一次", "11th", "第二十四次会议", "上海合作组织", "上合组织", "哈萨克斯坦", "Kazakhstan", "SCO", "the SCO",
    "成员国", "Member States", "观察员国", "对话伙伴", "环境部长会议", "Meeting of the Ministers of Environment",
    "《上海合作组织成员国环境保护合作构想》", "《》", "《《》》", "Concept of Cooperation", "在北京举行", "held in Beijing",
    "李强", "Li Qiang", "总理", "Prime Minister", "（", "）", "“", "”", "—", "…", "；", "：", "、", "。", "，", ". ", ", ",
    "\t", "\u3000", "\u200b", "\ufeff", "\r", "\x00",
])
WORDS = st.text(alphabet=st.characters(categories=["Ll", "Lu"], max_codepoint=0x7F), min_size=1, max_size=12)
NUMBERS = st.integers(min_value=-5, max_value=3000).map(str)
PIECES = st.one_of(FRAGMENTS, st.text(CJK, min_size=1, max_size=8), WORDS, NUMBERS,
                   st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=6))
LINES = st.lists(st.lists(PIECES, max_size=10).map("".join), min_size=1, max_size=25)
TABLE_TAIL = st.integers(min_value=5, max_value=9).map(lambda rows: [str(n) for n in range(1, rows + 1)])


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Lines of mixed Chinese, English, numbers, dates and punctuation; sometimes a numbered column."""
    lines = draw(LINES)
    if draw(st.booleans()):
        lines += draw(TABLE_TAIL) + draw(LINES)
    separator = draw(st.sampled_from(["\n", "\n\n", "\r\n"]))
    return separator.join(lines)


ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400)
LAYOUTS = st.sampled_from([None, *(layout.value for layout in Layout)])
PUBLISHED = st.one_of(st.none(), st.from_regex(r"\A\d{4}(-\d{2}(-\d{2})?)?\Z"))


def sidecar(layout: str | None, published: str | None) -> str:
    lines = ["id: fuzz-doc", "title:", "  zh: 模糊测试文件", "  en: Fuzzed document", "genre: document",
             "languages: [zh, en]", "primary_language: zh"]
    if layout:
        lines.append(f"layout: {layout}")
    if published:
        lines.append(f"published: '{published}'")
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, text: str, layout: str | None, published: str | None = None) -> Path:
    (folder / "fuzz-doc.txt").write_text(text, encoding="utf-8", newline="")
    (folder / "fuzz-doc.meta.yaml").write_text(sidecar(layout, published), encoding="utf-8")
    return folder / "fuzz-doc.txt"


def load_text(text: str, layout: str | None, published: str | None = None) -> list[ox.Quad]:
    """The quads `load_corpus` makes of a one-document corpus; a skipped document must say why."""
    with tempfile.TemporaryDirectory() as folder:
        write_corpus(Path(folder), text, layout, published)
        result = load_corpus(Path(folder), BASE)
    for problem in result.problems:
        assert problem.path.name.startswith("fuzz-doc.") and problem.message
    assert len(result.sources) + len(result.problems) == 1
    return result.quads


# --- the tests ------------------------------------------------------------------------------


@FUZZ
@given(text=documents(), layout=LAYOUTS, published=PUBLISHED)
def test_structured_text_in_any_layout_loads_into_well_formed_rdf(text: str, layout: str | None, published: str | None) -> None:
    quads = load_text(text, layout, published)
    assert_well_formed(quads)
    assert load_text(text, layout, published) == quads  # the same input gives the same quads


@FUZZ
@given(text=ANY_TEXT, layout=LAYOUTS)
def test_any_unicode_text_loads_or_is_reported(text: str, layout: str | None) -> None:
    assert_well_formed(load_text(text, layout))


@FUZZ
@given(text=documents(), layout=LAYOUTS)
def test_the_reading_stage_raises_only_corpus_errors(text: str, layout: str | None) -> None:
    names = NameIndex(load_gazetteer(), load_lexicon())
    with tempfile.TemporaryDirectory() as folder:
        path = write_corpus(Path(folder), text, layout)
        try:
            source = read_source(path)
            read_source_text(source, names, load_lexicon(), list(EXTRACTORS))
        except (CorpusError, UnknownLayoutError) as error:
            assert str(error)


def test_the_fuzzed_loader_still_finds_real_facts() -> None:
    """The fuzz harness itself works: a plain bilingual document gives its state and its date."""
    text = "2018年6月10日，哈萨克斯坦代表出席上海合作组织成员国元首理事会会议。\nOn 10 June 2018, the representative of Kazakhstan attended the SCO summit.\n"
    quads = load_text(text, "bilingual-line-pairs", "2018-06")
    assert_well_formed(quads)
    subjects = {quad.subject.value for quad in quads}
    assert BASE + "resource/state/kaz" in subjects
    assert ox.Literal("2018-06", datatype=ox.NamedNode(XSD + "gYearMonth")) in {quad.object for quad in quads}
