"""The corpus loader: documents in, quads out (one named graph per source, plus reference data)."""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from ..ontology.namespaces import DCTERMS, RDF, RDFS, SCHEMA, SCO, SKOS, XSD
from .agreements import AgreementFinder
from .bodies import find_bodies
from .corpus import SourceText, corpus_files, read_source
from .corpus_links import link_corpus
from .discourse import link_document
from .emit import Emitter
from .errors import CorpusError, CorpusProblem
from .gazetteer import Gazetteer, load_gazetteer
from .initiatives import find_initiatives
from .known_names import find_known_names, find_role_lists
from .layout import UnknownLayoutError
from .lexicon import Lexicon, load_lexicon
from .meetings import find_meetings
from .model import Observation, Ref
from .names import NameIndex, default_name_index
from .people import find_persons
from .reading import alignment_problems, document_layout, read_source_text
from .resolve import Entity, resolve
from .temporal import parse_date
from .themes import tag_themes, theme_entities
from .titles import find_documents

EXTRACTORS = [find_known_names, find_bodies, find_role_lists, find_documents, find_meetings, find_persons, find_initiatives]

Progress = Callable[[str], None]


@dataclass
class CorpusLoad:
    """The quads drawn from a corpus, the source graphs, and the files that could not be read.

    `quads` can be iterated again and again; from `load_corpus` they are made on each pass
    (a `CorpusQuads`), so that a build need never hold them all at once.
    """

    quads: Iterable[Quad] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    problems: list[CorpusProblem] = field(default_factory=list)
    entities: dict[Ref, Entity] = field(default_factory=dict)

    def reasoning_quads(self) -> Iterable[Quad]:
        """`quads` for the reasoner, which reads no mention or evidence: when they are made on
        each pass, they are made without that layer (in a fraction of the time)."""
        return self.quads.without_evidence() if isinstance(self.quads, CorpusQuads) else self.quads


@dataclass
class DocumentRead:
    """One document read and extracted: its text and observations and the problems found in it
    (a bad file has no source and only its problem)."""

    path: Path
    source: SourceText | None
    observations: list[Observation]
    problems: list[CorpusProblem]


def read_document(path: Path) -> DocumentRead:
    """Read, extract and link one document with the packaged reference data (in any process).

    A bad file becomes its problem; any other error is raised with a note naming the file.
    """
    names, lexicon = default_name_index(), load_lexicon()
    try:
        source = read_source(path)
        extractors = [*EXTRACTORS, AgreementFinder.for_source(source.meta, names, lexicon)]
        found = read_source_text(source, names, lexicon, extractors)
        link_document(source, found, names, lexicon)
        return DocumentRead(path, source, found, alignment_problems(source))  # an unmatched side still loads
    except CorpusError as err:
        return DocumentRead(path, None, [], [err.problem])
    except UnknownLayoutError as err:
        return DocumentRead(path, None, [], [CorpusProblem(path, None, f"unknown layout: {err}")])
    except Exception as err:
        err.add_note(f"while reading {path}")
        raise


def read_documents(paths: list[Path], jobs: int = 1) -> Iterator[DocumentRead]:
    """`read_document` of each path, in the order of `paths`; in `jobs` worker processes when
    there is more than one job and more than one document."""
    workers = min(jobs, len(paths))
    if workers <= 1:
        yield from map(read_document, paths)
        return
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_worker_context())
    try:
        yield from pool.map(read_document, paths)
    finally:
        pool.shutdown(cancel_futures=True)  # on an error, the documents not yet read are dropped


def _worker_context() -> BaseContext:
    """Forked workers where the platform has fork: they start at once with the modules and the
    reference data already loaded here; else the platform's default."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def load_corpus(corpus_dir: Path, base_iri: str, progress: Progress | None = None, jobs: int = 1) -> CorpusLoad:
    """Read every document of `corpus_dir` (in `jobs` processes); a bad file is reported and
    skipped, the rest still loads. The quads are made when `CorpusLoad.quads` is iterated."""
    say = progress or (lambda message: None)
    gazetteer, lexicon = load_gazetteer(), load_lexicon()
    names = default_name_index()  # loaded before the workers fork, so that they share it
    paths = corpus_files(Path(corpus_dir))
    result = CorpusLoad()
    observations: list[Observation] = []
    sources: list[SourceText] = []
    say(f"reading {len(paths)} documents")
    for document in read_documents(paths, jobs):
        say(f"read {document.path.name}")
        observations.extend(document.observations)
        sources.extend([document.source] if document.source else [])
        result.problems.extend(document.problems)
    say("resolving entities")
    observations.extend(_reference_observations(gazetteer, lexicon, observations))
    entities = resolve(observations)
    link_corpus(entities)
    _label_reference_entities(entities, gazetteer)
    entities.update(theme_entities(gazetteer))
    tag_themes(entities, gazetteer)
    result.entities = entities
    emitter = Emitter(base_iri, entities)
    result.quads = CorpusQuads(emitter, sources, names, gazetteer, lexicon)
    result.sources = [emitter.source_graph(source.id).value for source in sources]
    return result


@dataclass(eq=False)
class CorpusQuads:
    """The quads of a loaded corpus, made afresh on each iteration: the entities, the reference
    data, then each source document. Equal to another iterable of the same quads in the same order."""

    emitter: Emitter
    sources: list[SourceText]
    names: NameIndex
    gazetteer: Gazetteer
    lexicon: Lexicon

    def __iter__(self) -> Iterator[Quad]:
        return self._quads(evidence=True)

    def without_evidence(self) -> Iterator[Quad]:
        """The quads but the mention and evidence layer: no mention or piece of evidence, and no
        quad about one (what reasoning leaves out anyway), made in a fraction of the time."""
        return self._quads(evidence=False)

    def _quads(self, evidence: bool) -> Iterator[Quad]:
        for entity in self.emitter.entities.values():
            yield from self.emitter.entity_quads(entity, evidence)
        yield from _reference_quads(self.emitter, self.gazetteer, self.lexicon)
        for source in self.sources:
            yield from _source_quads(self.emitter, source, self.names)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Iterable):
            return NotImplemented
        return list(self) == list(other)


def _label_reference_entities(entities: dict[Ref, Entity], gazetteer: Gazetteer) -> None:
    """States and places are labelled by their reference names; names read in the text become aliases."""
    records = {("state", s.alpha3): (s.en, s.zh) for s in gazetteer.states}
    records.update({("place", p.en): (p.en, p.zh) for p in gazetteer.places})
    for entity in entities.values():
        names = records.get((entity.ref.kind, entity.ref.key))
        if not names:
            continue
        for lang, label in zip(("en", "zh"), names):
            seen = entity.labels.get(lang)
            if seen and seen != label and (seen, lang) not in entity.alt_labels:
                entity.alt_labels.append((seen, lang))
            entity.labels[lang] = label
        entity.alt_labels = [(t, l) for t, l in entity.alt_labels if entity.labels.get(l) != t]


def _reference_observations(gazetteer: Gazetteer, lexicon: Lexicon, observations: list[Observation]) -> list[Observation]:
    """Observations (without a source) of every state, place and body another observation refers
    to, and of the states and parent bodies the reference data gives those."""
    states = {s.alpha3: s for s in gazetteer.states}
    places = {p.en: p for p in gazetteer.places}
    bodies = lexicon.bodies_by_id
    referenced = _with_reference_links(
        {o.ref for o in observations} | {f.value for o in observations for f in o.facts if isinstance(f.value, Ref)} | {Ref("body", "sco")},
        places,
        bodies,
    )
    result = []
    for ref in sorted(referenced, key=lambda r: (r.kind, r.key)):
        if ref.kind == "state" and ref.key in states:
            record = states[ref.key]
            obs = Observation(ref, "State", names=[(record.en, "en"), (record.zh, "zh")])
        elif ref.kind == "place" and ref.key in places:
            record = places[ref.key]
            obs = Observation(ref, "City" if record.kind == "city" else "Region", names=[(record.en, "en"), (record.zh, "zh")])
            obs.add("sco:country", Ref("state", record.country), None)
        elif ref.kind == "body" and ref.key in bodies:
            record = bodies[ref.key]
            obs = Observation(ref, record.sco_class, names=[(record.en, "en"), (record.zh, "zh")])
            if record.part_of:
                obs.add("sco:partOf", Ref("body", record.part_of), None)
            if record.country:
                obs.add("sco:country", Ref("state", record.country), None)
        else:
            continue
        obs.primary = True
        result.append(obs)
    return result


def _with_reference_links(refs: set[Ref], places: dict, bodies: dict) -> set[Ref]:
    """`refs` plus, transitively, the countries of places and the parents and countries of bodies."""
    result, pending = set(refs), list(refs)
    while pending:
        ref = pending.pop()
        linked = []
        if ref.kind == "place" and ref.key in places:
            linked.append(Ref("state", places[ref.key].country))
        elif ref.kind == "body" and ref.key in bodies:
            record = bodies[ref.key]
            linked += [Ref("body", record.part_of)] if record.part_of else []
            linked += [Ref("state", record.country)] if record.country else []
        for item in linked:
            if item not in result:
                result.add(item)
                pending.append(item)
    return result


def _reference_quads(emitter: Emitter, gazetteer: Gazetteer, lexicon: Lexicon) -> list[Quad]:
    """Names and codes from the reference data, in the reference graph."""
    graph = emitter.reference_graph
    quads = []
    for state in gazetteer.states:
        ref = Ref("state", state.alpha3)
        if ref not in emitter.entities:
            continue
        subject = emitter.iri(ref)
        quads += [
            Quad(subject, SCO.iso3166Alpha3, Literal(state.alpha3), graph),
            Quad(subject, SCO.iso3166Alpha2, Literal(state.alpha2), graph),
        ]
        for name, lang in [(state.en_official, "en"), (state.zh_official, "zh")]:
            if name not in (state.en, state.zh):
                quads.append(Quad(subject, SKOS.altLabel, Literal(name, language=lang), graph))
    for body in lexicon.bodies:
        ref = Ref("body", body.id)
        if ref in emitter.entities:
            subject = emitter.iri(ref)
            quads += [Quad(subject, SKOS.altLabel, Literal(n, language="en"), graph) for n in body.en_aliases]
            quads += [Quad(subject, SKOS.altLabel, Literal(n, language="zh"), graph) for n in body.zh_aliases]
    return quads


def _source_quads(emitter: Emitter, source: SourceText, names: NameIndex) -> list[Quad]:
    """The source document itself, described in its own graph."""
    meta = source.meta
    subject = emitter.source_graph(meta.id)
    graph = subject
    quads = [
        Quad(subject, RDF.type, SCO.SourceDocument, graph),
        Quad(subject, DCTERMS.identifier, Literal(meta.id), graph),
        Quad(subject, SCO.layout, Literal(document_layout(source).value), graph),
        Quad(subject, SCHEMA.genre, Literal(meta.genre), graph),
    ]
    for text, lang in [(meta.title_zh, "zh"), (meta.title_en, "en")]:
        if text:
            quads.append(Quad(subject, DCTERMS.title, Literal(text, language=lang), graph))
            quads.append(Quad(subject, RDFS.label, Literal(text, language=lang), graph))
    for lang in meta.languages:
        quads.append(Quad(subject, DCTERMS.language, Literal(lang, datatype=XSD.language), graph))
    published = parse_date(meta.published) if meta.published else None
    if published:
        quads.append(Quad(subject, DCTERMS.issued, Literal(published.lexical(), datatype=NamedNode(published.xsd_datatype())), graph))
    issuer = _issuer(emitter, names, meta.issuer_zh, "zh") or _issuer(emitter, names, meta.issuer_en, "en")
    if issuer is not None:
        quads.append(Quad(subject, DCTERMS.publisher, issuer, graph))
    else:
        for text, lang in [(meta.issuer_zh, "zh"), (meta.issuer_en, "en")]:
            if text:
                quads.append(Quad(subject, DCTERMS.publisher, Literal(text, language=lang), graph))
    return quads


def _issuer(emitter: Emitter, names: NameIndex, text: str | None, lang: str) -> NamedNode | None:
    """The issuer as a known body when its whole name is one."""
    if not text:
        return None
    for match in names.find(text, lang):
        if match.kind == "body" and match.start == 0 and match.end == len(text):
            ref = Ref("body", match.key)
            return emitter.iri(ref) if ref in emitter.entities else None
    return None
