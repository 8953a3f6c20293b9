"""The relation properties of meetings, councils and initiatives: HermiT accepts them with the
right types, rejects range clashes, and the SHACL shapes check their values."""
from __future__ import annotations

import shutil

import pytest

from scokg.ontology.files import ONTOLOGY_PATH
from scokg.ontology.namespaces import SCO
from scokg.ontology.reasoning import infer
from scokg.ontology.validation import validate_shapes

NS = str(SCO)
EX = "http://example.org/"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
G = "<http://example.org/graph/main>"

# The 24th meeting of the Council of Heads of Government, chaired by Russia as the council's chair;
# a forum held within the Year of Sustainable Development at an innovation centre; a platform
# carried out by a centre.
TRIPLES = [
    (f"{EX}rus", TYPE, f"<{NS}State>"),
    (f"{EX}rus", LABEL, '"俄罗斯"@zh'),
    (f"{EX}rus", LABEL, '"Russia"@en'),
    (f"{EX}council", TYPE, f"<{NS}Council>"),
    (f"{EX}council", LABEL, '"上合组织成员国政府首脑(总理)理事会"@zh'),
    (f"{EX}council", f"{NS}chair", f"<{EX}rus>"),
    (f"{EX}hog24", TYPE, f"<{NS}Summit>"),
    (f"{EX}hog24", LABEL, '"上合组织成员国政府首脑(总理)理事会第二十四次会议"@zh'),
    (f"{EX}hog24", f"{NS}meetingOf", f"<{EX}council>"),
    (f"{EX}year", LABEL, '"上合组织可持续发展年"@zh'),
    (f"{EX}forum", TYPE, f"<{NS}Forum>"),
    (f"{EX}forum", LABEL, '"上合组织可持续发展论坛"@zh'),
    (f"{EX}forum", f"{NS}heldWithin", f"<{EX}year>"),
    (f"{EX}forum", f"{NS}venue", f"<{EX}skolkovo>"),
    (f"{EX}skolkovo", LABEL, '"“斯科尔科沃”创新中心"@zh'),
    (f"{EX}platform", TYPE, f"<{NS}Platform>"),
    (f"{EX}platform", LABEL, '"上合组织环保信息共享平台"@zh'),
    (f"{EX}platform", f"{NS}carriedOutBy", f"<{EX}csec>"),
    (f"{EX}csec", TYPE, f"<{NS}Centre>"),
    (f"{EX}csec", LABEL, '"中国-上海合作组织环境保护合作中心"@zh'),
]


def ntriples(extra: list[tuple[str, str, str]] = ()) -> bytes:
    return "".join(f"<{s}> <{p}> {o} .\n" for s, p, o in [*TRIPLES, *extra]).encode()


def nquads(extra: list[tuple[str, str, str]] = ()) -> str:
    return "".join(f"<{s}> <{p}> {o} {G} .\n" for s, p, o in [*TRIPLES, *extra])


needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")


@needs_java
def test_relations_are_consistent_and_type_their_values() -> None:
    result = infer(ONTOLOGY_PATH, ntriples())
    assert result.consistent, result.explanation
    inferred = set(result.inferred)
    assert (f"{EX}year", TYPE, f"{NS}Initiative") in inferred  # heldWithin range
    assert (f"{EX}skolkovo", TYPE, f"{NS}Body") in inferred  # venue range
    assert (f"{EX}forum", "https://schema.org/location", f"{EX}skolkovo") in inferred  # venue ⊑ location


@needs_java
@pytest.mark.parametrize(("triple", "culprit"), [
    ((f"{EX}hog24", f"{NS}meetingOf", f"<{EX}rus>"), f"{EX}rus"),  # a state is no body
    ((f"{EX}platform", f"{NS}carriedOutBy", f"<{EX}hog24>"), None),  # a meeting carries out nothing (union range)
    ((f"{EX}forum", f"{NS}heldWithin", f"<{EX}council>"), f"{EX}council"),  # a body is no initiative
])
def test_range_clashes_are_inconsistent(triple: tuple[str, str, str], culprit: str | None) -> None:
    bad = infer(ONTOLOGY_PATH, ntriples([triple]))
    assert not bad.consistent
    assert culprit is None or culprit in bad.explanation


def test_shapes_accept_the_relations() -> None:
    extra = [(f"{EX}year", TYPE, f"<{NS}ThemedYear>"), (f"{EX}skolkovo", TYPE, f"<{NS}Centre>")]
    report = validate_shapes(nquads(extra))
    assert report.conforms, report.results


@pytest.mark.parametrize(("triple", "path"), [
    ((f"{EX}forum", f"{NS}heldWithin", f"<{EX}council>"), "sco:heldWithin"),
    ((f"{EX}hog24", f"{NS}meetingOf", f"<{EX}platform>"), "sco:meetingOf"),
    ((f"{EX}platform", f"{NS}carriedOutBy", f"<{EX}forum>"), "sco:carriedOutBy"),
    ((f"{EX}council", f"{NS}chair", f"<{EX}platform>"), "sco:chair"),
])
def test_shapes_reject_wrong_values(triple: tuple[str, str, str], path: str) -> None:
    extra = [(f"{EX}year", TYPE, f"<{NS}ThemedYear>"), (f"{EX}skolkovo", TYPE, f"<{NS}Centre>"), triple]
    report = validate_shapes(nquads(extra))
    assert not report.conforms
    assert any(line.startswith(f"{triple[0]} – {path} – ") for line in report.results), report.results
