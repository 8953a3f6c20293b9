"""Entities to RDF quads: one named graph per source document, plus the reference graph."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Iterator

from pyoxigraph import Literal, NamedNode, Quad

from ..ontology.namespaces import DCTERMS, ORG, PROV, RDF, RDFS, SCHEMA, SCO, SKOS, XSD, graph_namespace, resource_namespace
from .model import Fact, Ref, Span
from .resolve import Entity
from .temporal import DateValue

_PREFIXES = {"sco": SCO, "dcterms": DCTERMS, "schema": SCHEMA, "rdfs": RDFS, "skos": SKOS, "org": ORG, "prov": PROV}
_KIND_PATH = {"category": "category"}
_ATTENDANCE = {"online": SCHEMA.OnlineEventAttendanceMode, "offline": SCHEMA.OfflineEventAttendanceMode}
REFERENCE_KINDS = ("state", "place", "theme")  # their names come from the reference data
_NO_EVIDENCE = {"rdfs:label", "skos:altLabel"}
# Terms of every mention and piece of evidence, made once (a namespace lookup builds a new node).
_TYPE, _LABEL, _ALT_LABEL = RDF.type, RDFS.label, SKOS.altLabel
_MENTION, _MENTION_OF, _HAS_MENTION, _TEXT = SCO.Mention, SCO.mentionOf, SCO.hasMention, SCO.text
_EVIDENCE, _SUBJECT, _PREDICATE, _OBJECT = SCO.Evidence, RDF.subject, RDF.predicate, RDF.object
_QUOTE, _START, _END, _DERIVED_FROM, _INTEGER = SCO.quote, SCO.startOffset, SCO.endOffset, PROV.wasDerivedFrom, XSD.integer


@lru_cache(maxsize=None)
def curie(name: str) -> NamedNode:
    prefix, _, local = name.partition(":")
    return _PREFIXES[prefix].term(local)


class Emitter:
    """Turns resolved entities into quads under a base IRI."""

    def __init__(self, base_iri: str, entities: dict[Ref, Entity]) -> None:
        self.resource = resource_namespace(base_iri)
        self.reference_graph = graph_namespace(base_iri).reference
        self.entities = entities
        self._source_graphs: dict[str, NamedNode] = {}

    def iri(self, ref: Ref) -> NamedNode:
        if ref.kind == "role":
            return SCO.term(ref.key)
        entity = self.entities[ref]
        return self.resource.term(f"{_KIND_PATH.get(ref.kind, ref.kind)}/{entity.slug}")

    def source_graph(self, source_id: str) -> NamedNode:
        graph = self._source_graphs.get(source_id)
        if graph is None:
            graph = self._source_graphs[source_id] = self.resource.term(f"source/{source_id}")
        return graph

    def graph_of(self, source_id: str | None) -> NamedNode:
        return self.source_graph(source_id) if source_id else self.reference_graph

    def value(self, fact: Fact) -> NamedNode | Literal:
        value = fact.value
        if isinstance(value, Ref):
            return self.iri(value)
        if isinstance(value, DateValue):
            return Literal(value.lexical(), datatype=NamedNode(value.xsd_datatype()))
        if isinstance(value, bool):
            return Literal("true" if value else "false", datatype=XSD.boolean)
        if isinstance(value, int):
            return Literal(str(value), datatype=XSD.integer)
        if fact.predicate == "schema:eventAttendanceMode":
            return _ATTENDANCE[value]
        return Literal(value, language=fact.lang) if fact.lang else Literal(value)

    def entity_quads(self, entity: Entity, evidence: bool = True) -> Iterator[Quad]:
        """The quads of `entity`; without its mentions and the evidence of its facts unless `evidence`."""
        subject = self.iri(entity.ref)
        sources = sorted(entity.sources) or [None]
        class_iri = SKOS.Concept if entity.sco_class in ("Category", "Theme") else SCO.term(entity.sco_class)
        for source in sources:
            yield Quad(subject, _TYPE, class_iri, self.graph_of(source))
        unsourced = [None] if entity.ref.kind in REFERENCE_KINDS else sources
        for lang, label in entity.labels.items():
            for source in sorted(entity.name_sources.get((label, lang), ())) or unsourced:
                yield Quad(subject, _LABEL, Literal(label, language=lang), self.graph_of(source))
        for text, lang in entity.alt_labels:
            for source in sorted(entity.name_sources.get((text, lang), ())) or unsourced:
                yield Quad(subject, _ALT_LABEL, Literal(text, language=lang), self.graph_of(source))
        for fact in entity.facts:
            yield from self.fact_quads(subject, fact, evidence)
        if evidence:
            for span in entity.spans:
                yield from self.mention_quads(subject, span)

    def fact_quads(self, subject: NamedNode, fact: Fact, evidence: bool = True) -> Iterator[Quad]:
        graph = self.graph_of(fact.evidence.source_id if fact.evidence else None)
        predicate = curie(fact.predicate)
        obj = self.value(fact)
        yield Quad(subject, predicate, obj, graph)
        if fact.predicate == "sco:scoRole":
            yield from self.membership_quads(subject, obj, graph)
        if evidence and fact.evidence and fact.predicate not in _NO_EVIDENCE:
            ev = fact.evidence
            digest = hashlib.sha1(f"{subject}|{predicate}|{obj}".encode()).hexdigest()[:12]
            node = self.resource.term(f"evidence/{ev.source_id}-{ev.start}-{digest}")
            yield Quad(node, _TYPE, _EVIDENCE, graph)
            yield Quad(node, _SUBJECT, subject, graph)
            yield Quad(node, _PREDICATE, predicate, graph)
            yield Quad(node, _OBJECT, obj, graph)
            yield from self._quote_quads(node, ev.quote, ev.lang, ev.start, ev.end, ev.source_id, graph)

    def membership_quads(self, state: NamedNode, role: NamedNode, graph: NamedNode) -> Iterator[Quad]:
        """The SCO status as an ORG membership: state, organisation and role."""
        organisation = self.iri(Ref("body", "sco"))
        node = self.resource.term(f"membership/{str(state.value).rsplit('/', 1)[-1]}-sco")
        yield Quad(node, RDF.type, ORG.Membership, graph)
        yield Quad(node, ORG.member, state, graph)
        yield Quad(node, ORG.organization, organisation, graph)
        yield Quad(node, ORG.role, role, graph)
        yield Quad(state, ORG.hasMembership, node, graph)

    def mention_quads(self, subject: NamedNode, span: Span) -> Iterator[Quad]:
        ev = span.evidence
        graph = self.source_graph(ev.source_id)
        digest = hashlib.sha1(str(subject).encode()).hexdigest()[:6]
        node = self.resource.term(f"mention/{ev.source_id}-{span.start}-{span.end}-{digest}")
        yield Quad(node, _TYPE, _MENTION, graph)
        yield Quad(node, _MENTION_OF, subject, graph)
        yield Quad(subject, _HAS_MENTION, node, graph)
        yield Quad(node, _TEXT, Literal(span.text), graph)
        yield from self._quote_quads(node, ev.quote, ev.lang, span.start, span.end, ev.source_id, graph)

    def _quote_quads(self, node, quote: str, lang: str, start: int, end: int, source_id: str, graph) -> Iterator[Quad]:
        yield Quad(node, _QUOTE, Literal(quote, language=lang), graph)
        yield Quad(node, _START, Literal(str(start), datatype=_INTEGER), graph)
        yield Quad(node, _END, Literal(str(end), datatype=_INTEGER), graph)
        yield Quad(node, _DERIVED_FROM, self.source_graph(source_id), graph)
