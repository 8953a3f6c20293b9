"""OWL 2 DL reasoning over the entity layer with HermiT (through owlready2).

Only class assertions and object-property assertions between IRIs are given
to the reasoner: literal-valued triples are dropped, because dates typed
xsd:gYear / xsd:gYearMonth / xsd:date lie outside the OWL 2 datatype map that
HermiT supports, and the inferences wanted here (defined classes such as
sco:MemberState, inverse and super-property facts) need only types and links.
The one non-DL axiom of the ontology (sco:Evidence ⊑ rdf:Statement) is removed
as well.

owlready2 applies HermiT's class assertions and *direct* property instances but
skips facts implied by owl:inverseOf, and HermiT's property realization (-Y)
lists only the most specific property of each pair; the property facts are
therefore closed here under the ontology's rdfs:subPropertyOf, owl:inverseOf
and owl:equivalentProperty axioms (the only property axioms it uses).
"""
from __future__ import annotations

import io
import os
import shutil
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import owlready2
import pyoxigraph as ox

from .namespaces import ONTOLOGY_IRI, OWL, RDF, RDFS, SCO

_RDF_TYPE = RDF.type
_SUBCLASS = RDFS.subClassOf
_RESERVED = (str(RDF), str(RDFS), str(OWL), "http://www.w3.org/2001/XMLSchema#")
_IDENTITY = {OWL.sameAs, OWL.differentFrom}
_SYMMETRIC = {OWL.inverseOf, OWL.equivalentProperty}
_LINKS = {_SUBCLASS, RDFS.subPropertyOf, RDFS.domain, RDFS.range} | _SYMMETRIC
_DEFAULT_JAVA_MB = 2000
# The serial garbage collector costs HermiT a quarter less CPU than the JVM's default (G1) and
# keeps its heap a fraction of the size (100x corpus: 68 s of CPU instead of 95 s, 0.5 GB of
# memory instead of 3.3 GB). The `java` launcher reads these options from JDK_JAVA_OPTIONS.
_JVM_OPTIONS_VARIABLE = "JDK_JAVA_OPTIONS"
_JVM_OPTIONS = "-XX:+UseSerialGC"
_TOP_CLASSES = [SCO[n] for n in (
    "State", "Body", "Document", "Meeting", "MeetingSeries", "Initiative",
    "Place", "Person", "SourceDocument", "Mention", "Evidence")]


@dataclass
class ReasoningResult:
    """Outcome of one HermiT run."""

    consistent: bool
    inferred: list[tuple[str, str, str]] = field(default_factory=list)
    seconds: float = 0.0
    explanation: str = ""


@dataclass
class _TBox:
    triples: list[ox.Quad]
    classes: set[ox.NamedNode]
    object_properties: set[ox.NamedNode]
    terms: set[ox.NamedNode]
    superclasses: dict[ox.NamedNode, set[ox.NamedNode]]
    superproperties: dict[ox.NamedNode, set[ox.NamedNode]]
    inverses: dict[ox.NamedNode, set[ox.NamedNode]]
    domains: dict[ox.NamedNode, set[ox.NamedNode]]
    ranges: dict[ox.NamedNode, set[ox.NamedNode]]


def _load_tbox(ontology_ttl: Path) -> _TBox:
    """Parse the ontology, dropping axioms that mention rdf: vocabulary as a class."""
    triples = [
        t for t in ox.parse(path=str(ontology_ttl), format=ox.RdfFormat.TURTLE)
        if not (t.predicate == _SUBCLASS and isinstance(t.object, ox.NamedNode)
                and t.object.value.startswith(str(RDF)))
    ]
    declared: dict[ox.NamedNode, set[ox.NamedNode]] = defaultdict(set)
    links: dict[ox.NamedNode, dict[ox.NamedNode, set[ox.NamedNode]]] = defaultdict(lambda: defaultdict(set))
    for t in triples:
        if not isinstance(t.subject, ox.NamedNode) or not isinstance(t.object, ox.NamedNode):
            continue
        if t.predicate == _RDF_TYPE:
            declared[t.object].add(t.subject)
        elif t.predicate in _LINKS:
            links[t.predicate][t.subject].add(t.object)
            if t.predicate in _SYMMETRIC:
                links[t.predicate][t.object].add(t.subject)
    classes = declared[OWL.Class]
    props = declared[OWL.ObjectProperty]
    terms = classes | props | declared[OWL.DatatypeProperty] | declared[OWL.AnnotationProperty]
    sub_props = links[RDFS.subPropertyOf]
    for p, eqs in links[OWL.equivalentProperty].items():
        sub_props[p] |= eqs
    supers = {p: _ancestors(p, sub_props) for p in props}
    return _TBox(
        triples, classes, props, terms,
        superclasses={c: _ancestors(c, links[_SUBCLASS]) for c in classes},
        superproperties={p: sp - {p} for p, sp in supers.items()},
        inverses=dict(links[OWL.inverseOf]),
        domains={p: {c for q in sp for c in links[RDFS.domain].get(q, ())} for p, sp in supers.items()},
        ranges={p: {c for q in sp for c in links[RDFS.range].get(q, ())} for p, sp in supers.items()},
    )


def _ancestors(cls: ox.NamedNode, parents: dict[ox.NamedNode, set[ox.NamedNode]]) -> set[ox.NamedNode]:
    seen, todo = {cls}, [cls]
    while todo:
        for p in parents.get(todo.pop(), ()):
            if p not in seen:
                seen.add(p)
                todo.append(p)
    return seen


def _abox(tbox: _TBox, entity_ntriples: bytes | str) -> list[ox.Quad]:
    """Keep class assertions and object-property assertions between IRIs."""
    data = entity_ntriples.encode() if isinstance(entity_ntriples, str) else entity_ntriples
    kept = []
    for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        s, p, o = t.subject, t.predicate, t.object
        if not (isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode)) or s in tbox.terms:
            continue
        if p == _RDF_TYPE and not o.value.startswith(_RESERVED):
            kept.append(t)
        elif p in tbox.object_properties or p in _IDENTITY:
            kept.append(t)
    return kept


def _java() -> None:
    """The `java` on the path, with a heap of half the memory (at least owlready2's 2000 MB):
    a large corpus needs more than the default, HermiT's model grows with the individuals."""
    java = shutil.which("java")
    if java:
        owlready2.JAVA_EXE = java
    owlready2.reasoning.JAVA_MEMORY = max(_DEFAULT_JAVA_MB, _memory_mb() // 2)


@contextmanager
def _jvm_options() -> Iterator[None]:
    """`_JVM_OPTIONS` for the `java` started meanwhile, before any options the user set there."""
    previous = os.environ.get(_JVM_OPTIONS_VARIABLE)
    os.environ[_JVM_OPTIONS_VARIABLE] = f"{_JVM_OPTIONS} {previous}" if previous else _JVM_OPTIONS
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(_JVM_OPTIONS_VARIABLE, None)
        else:
            os.environ[_JVM_OPTIONS_VARIABLE] = previous


def _memory_mb() -> int:
    """Physical memory in MB (0 where the platform does not say)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    except (ValueError, OSError, AttributeError):
        return 0


def _explain(tbox: _TBox, abox: list[ox.Quad]) -> str:
    """A best-effort hint: individuals typed (directly or by a named domain/range) in two disjoint top classes."""
    typed: dict[ox.NamedNode, set[tuple[ox.NamedNode, str]]] = defaultdict(set)
    for t in abox:
        if t.predicate == _RDF_TYPE:
            typed[t.subject].add((t.object, "asserted"))
        else:
            why = f"by <{t.predicate.value}>"
            typed[t.subject] |= {(c, why + " domain") for c in tbox.domains.get(t.predicate, ())}
            typed[t.object] |= {(c, why + " range") for c in tbox.ranges.get(t.predicate, ())}
    clashes = []
    for node, reasons in typed.items():
        tops = {top: why for cls, why in sorted(reasons, key=str)
                for top in tbox.superclasses.get(cls, {cls}) & set(_TOP_CLASSES)}
        if len(tops) > 1:
            clashes.append(f"<{node.value}> falls in disjoint classes "
                           + ", ".join(f"<{c.value}> ({why})" for c, why in sorted(tops.items(), key=str)))
    head = "HermiT found the ontology plus data inconsistent."
    if not clashes:
        return head + " No disjoint-class clash found among asserted types, domains and ranges."
    return head + "\n" + "\n".join(sorted(clashes))


def infer(ontology_ttl: Path, entity_ntriples: bytes) -> ReasoningResult:
    """Run HermiT on the ontology plus entity triples and return the new facts."""
    start = time.perf_counter()
    tbox = _load_tbox(Path(ontology_ttl))
    abox = _abox(tbox, entity_ntriples)
    payload = ox.serialize(tbox.triples + abox, format=ox.RdfFormat.N_TRIPLES)
    asserted = {(t.subject.value, t.predicate.value, t.object.value)
                for t in tbox.triples + abox if isinstance(t.object, ox.NamedNode)
                and isinstance(t.subject, ox.NamedNode)}
    _java()
    world = owlready2.World()
    try:
        world.get_ontology(ONTOLOGY_IRI).load(fileobj=io.BytesIO(payload), format="ntriples")
        try:
            with _jvm_options():
                owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return ReasoningResult(False, [], time.perf_counter() - start, _explain(tbox, abox))
        out = io.BytesIO()
        world.save(out, format="ntriples")
    finally:
        world.close()
    individuals = {t.subject.value for t in abox} | {t.object.value for t in abox if t.predicate != _RDF_TYPE}
    facts = {(t.subject.value, t.predicate.value, t.object.value)
             for t in ox.parse(out.getvalue(), format=ox.RdfFormat.N_TRIPLES) if _wanted(t, tbox)}
    facts = {f for f in _close_properties(facts, tbox) if f[0] in individuals}
    return ReasoningResult(True, sorted(facts - asserted), time.perf_counter() - start, "")


def _close_properties(facts: set[tuple[str, str, str]], tbox: _TBox) -> set[tuple[str, str, str]]:
    """Add the facts entailed by sub-property, equivalent-property and inverse axioms."""
    supers = {p.value: {q.value for q in qs} for p, qs in tbox.superproperties.items()}
    inverses = {p.value: {q.value for q in qs} for p, qs in tbox.inverses.items()}
    closed, todo = set(facts), list(facts)
    while todo:
        s, p, o = todo.pop()
        for new in [(s, q, o) for q in supers.get(p, ())] + [(o, q, s) for q in inverses.get(p, ())]:
            if new not in closed:
                closed.add(new)
                todo.append(new)
    return closed


def _wanted(t: ox.Quad, tbox: _TBox) -> bool:
    s, p, o = t.subject, t.predicate, t.object
    if not (isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode)) or s in tbox.terms:
        return False
    if p == _RDF_TYPE:
        return o in tbox.classes and not o.value.startswith(_RESERVED)
    return p in tbox.object_properties or p in _IDENTITY


def inferred_quads(result: ReasoningResult, graph_iri: str) -> list[ox.Quad]:
    """The inferred triples as quads in the named graph ``graph_iri``."""
    g = ox.NamedNode(graph_iri)
    return [ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o), g)
            for s, p, o in result.inferred]
