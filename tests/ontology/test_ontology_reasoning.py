"""HermiT (through owlready2) finds the data consistent and derives defined classes and property facts."""
from __future__ import annotations

import os
import shutil

import owlready2
import pyoxigraph
import pytest

from scokg.ontology.files import ONTOLOGY_PATH
from scokg.ontology.namespaces import SCO
from scokg.ontology.reasoning import ReasoningResult, infer, inferred_quads

pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")

NS = str(SCO)
EX = "http://example.org/"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"

DATA = f"""
<{EX}kaz> <{TYPE}> <{NS}State> .
<{EX}kaz> <http://www.w3.org/2000/01/rdf-schema#label> "哈萨克斯坦"@zh .
<{EX}kaz> <{NS}scoRole> <{NS}MemberStateRole> .
<{EX}mng> <{NS}scoRole> <{NS}ObserverStateRole> .
<{EX}m6> <{TYPE}> <{NS}MinisterialMeeting> .
<{EX}m6> <{NS}ordinal> "6"^^<{XSD}integer> .
<{EX}m6> <https://schema.org/startDate> "2024-06"^^<{XSD}gYearMonth> .
<{EX}m6> <https://schema.org/endDate> "2024"^^<{XSD}gYear> .
<{EX}m6> <{NS}place> <{EX}astana> .
<{EX}m6> <{NS}guest> <{EX}mng> .
<{EX}mn1> <{NS}mentionOf> <{EX}kaz> .
""".encode()


@pytest.fixture(scope="module")
def result() -> ReasoningResult:
    return infer(ONTOLOGY_PATH, DATA)


def test_consistent_and_infers_member_state(result: ReasoningResult) -> None:
    assert result.consistent, result.explanation
    assert (f"{EX}kaz", TYPE, f"{NS}MemberState") in result.inferred
    assert (f"{EX}mng", TYPE, f"{NS}ObserverState") in result.inferred
    assert result.seconds > 0


def test_infers_range_types_and_property_hierarchy(result: ReasoningResult) -> None:
    inferred = set(result.inferred)
    assert (f"{EX}astana", TYPE, f"{NS}Place") in inferred
    assert (f"{EX}m6", "https://schema.org/attendee", f"{EX}mng") in inferred  # guest ⊑ attendee
    assert (f"{EX}m6", f"{NS}participant", f"{EX}mng") not in inferred  # a guest is not a participant
    assert (f"{EX}kaz", f"{NS}hasMention", f"{EX}mn1") in inferred


def test_inferred_triples_are_new_and_clean(result: ReasoningResult) -> None:
    asserted = {(q.subject.value, q.predicate.value, q.object.value)
                for q in pyoxigraph.parse(DATA, format=pyoxigraph.RdfFormat.N_TRIPLES)}
    for s, p, o in result.inferred:
        assert (s, p, o) not in asserted
        assert o not in ("http://www.w3.org/2002/07/owl#Thing", "http://www.w3.org/2002/07/owl#NamedIndividual")
        assert not s.startswith("_:") and not o.startswith("_:")


def test_inferred_quads(result: ReasoningResult) -> None:
    quads = inferred_quads(result, f"{EX}graph/inferred")
    assert len(quads) == len(result.inferred)
    assert all(q.graph_name == pyoxigraph.NamedNode(f"{EX}graph/inferred") for q in quads)


def test_state_that_is_a_meeting_is_inconsistent() -> None:
    data = DATA + f"<{EX}kaz> <{TYPE}> <{NS}Meeting> .\n".encode()
    bad = infer(ONTOLOGY_PATH, data)
    assert not bad.consistent
    assert bad.inferred == []
    assert f"{EX}kaz" in bad.explanation


def test_range_clash_is_explained() -> None:
    data = DATA + f"<{EX}m6> <{NS}place> <{EX}kaz> .\n".encode()
    bad = infer(ONTOLOGY_PATH, data)
    assert not bad.consistent
    assert f"<{EX}kaz>" in bad.explanation and f"<{NS}place> range" in bad.explanation


def test_the_user_java_options_still_apply_and_are_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JDK_JAVA_OPTIONS", "-Dscokg.test=1")
    assert infer(ONTOLOGY_PATH, DATA).consistent
    assert os.environ["JDK_JAVA_OPTIONS"] == "-Dscokg.test=1"
    monkeypatch.setenv("JDK_JAVA_OPTIONS", "-XX:+NoSuchOptionAnywhere")  # passed on, after ours: java refuses to start
    with pytest.raises(owlready2.OwlReadyJavaError, match=r"UseSerialGC -XX:\+NoSuchOptionAnywhere"):
        infer(ONTOLOGY_PATH, DATA)
    assert os.environ["JDK_JAVA_OPTIONS"] == "-XX:+NoSuchOptionAnywhere"
