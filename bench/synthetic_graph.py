"""A synthetic graph shaped like the corpus graph, at any size (about a million quads by default).

The shape follows what the corpus graph holds (measured with `scokg stats` and per-predicate
counts on the 5-document corpus: 18,782 quads, about 3,500 per source document):

- one named graph per source document, holding the document's metadata, the entities it
  introduces (meetings in series with dates, places, participants and guests; documents;
  persons with job titles; initiatives with themes), the type of every entity it
  mentions, about 285 mentions (sco:Mention with text, quote, offsets, source; 8 quads with the
  sco:hasMention link: 60 % of all quads) and about 100 sco:Evidence reifications of its facts
  (8 quads each: 22 %);
- a reference graph with the real gazetteer (states with ISO codes, cities with their country,
  themes), the ontology graph (sco.ttl) and a small inferred graph (the SCO role classes).

Mentions favour a few entities the way real text does (states and SCO bodies most), so that
entity pages such as …/resource/state/kaz grow with the graph. The same seed gives the same
graph. Usage::

    python bench/synthetic_graph.py --triples 1000000 --output /tmp/synthetic.nq [--store /tmp/store]
"""
from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections.abc import Iterator
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from datetime import date, timedelta
from importlib.resources import files
from pathlib import Path

import yaml
from pyoxigraph import CanonicalizationAlgorithm, Dataset, Literal, NamedNode, Quad, RdfFormat, parse, serialize

from scokg.graph.store import build_store
from scokg.loaders.gazetteer import load_gazetteer
from scokg.loaders.resolve import slugify
from scokg.ontology.files import ONTOLOGY_PATH
from scokg.ontology.namespaces import (
    DCTERMS, DEFAULT_BASE_IRI, ORG, PROV, RDF, RDFS, SCHEMA, SCO, SKOS, XSD, graph_namespace, resource_namespace,
)

MENTIONS_PER_SOURCE = 285
EVIDENCE_PER_SOURCE = 100
# Entities each source document introduces: (kind, count).
NEW_PER_SOURCE = {"series": 3, "meeting": 13, "document": 12, "person": 4, "initiative": 9}
MEETING_KINDS = [  # (class, English pattern, Chinese pattern) for a series on a topic
    ("MinisterialMeeting", "Meeting of Ministers on {}", "{}部长会议"),
    ("Forum", "Forum on {}", "{}论坛"),
    ("ExpertMeeting", "Expert Meeting on {}", "{}专家会议"),
    ("Conference", "Conference on {}", "{}大会"),
    ("Seminar", "Seminar on {}", "{}研讨会"),
    ("Summit", "Summit on {}", "{}峰会"),
    ("Meeting", "Meeting on {}", "{}会议"),
]
DOCUMENT_KINDS = [
    ("Agreement", "Agreement on {}", "{}合作协定"), ("Plan", "Action Plan on {}", "{}行动计划"),
    ("Statement", "Joint Statement on {}", "{}联合声明"), ("Declaration", "Declaration on {}", "{}宣言"),
    ("Strategy", "Strategy for {}", "{}战略"), ("Roadmap", "Roadmap for {}", "{}路线图"),
    ("Report", "Report on {}", "{}报告"), ("Guideline", "Guidelines on {}", "{}指南"),
]
INITIATIVE_KINDS = [
    ("Project", "{} Project", "{}项目"), ("Fund", "{} Fund", "{}基金"), ("Platform", "{} Platform", "{}平台"),
    ("CooperationProgramme", "{} Cooperation Programme", "{}合作计划"), ("Base", "{} Demonstration Base", "{}示范基地"),
]
JOB_TITLES = [("Minister of Ecology", "生态部长"), ("Deputy Minister", "副部长"), ("Director-General", "总司长"),
              ("Prime Minister", "总理"), ("Ambassador", "大使")]
SYLLABLES = ["ka", "ra", "zu", "mi", "to", "na", "bek", "ov", "li", "an", "sha", "dor", "yu", "en", "gul"]
HANZI = "阿巴卡拉米纳托别克利安沙多尤恩古扎伊图"
FILLER_EN = "The parties agreed to strengthen practical cooperation in environmental protection and ecology."
FILLER_ZH = "各方同意加强环境保护和生态领域的务实合作。"
# SCO role, inferred class and how many states take it (as in the corpus).
ROLES = [("MemberStateRole", "MemberState", 10), ("ObserverStateRole", "ObserverState", 2),
         ("DialoguePartnerRole", "DialoguePartnerState", 14)]
# Share of the mentions going to each kind of entity.
MENTIONED_KINDS = {"state": 30, "body": 12, "place": 10, "meeting": 14, "document": 14, "person": 8,
                   "initiative": 10, "theme": 2}


Fact = tuple[NamedNode, NamedNode, NamedNode | Literal]


@dataclass(frozen=True)
class Entity:
    """A resource the generator can mention: IRI, class, labels (and a series' meeting class)."""

    iri: NamedNode
    cls: NamedNode
    en: str
    zh: str
    meeting_class: str | None = None


class Generator:
    """Writes the quads of one synthetic graph; see the module docstring for its shape."""

    def __init__(self, seed: int = 1, base_iri: str = DEFAULT_BASE_IRI) -> None:
        self.rng = random.Random(seed)
        self.res = resource_namespace(base_iri)
        self.graphs = graph_namespace(base_iri)
        self.pools: dict[str, list[Entity]] = defaultdict(list)
        self.sco_body: NamedNode | None = None

    def quads(self, target: int) -> Iterator[Quad]:
        """Reference, ontology and inferred graphs, then source documents until `target` quads."""
        count = 0
        for quad in self._fixed_graphs():
            count += 1
            yield quad
        number = 0
        while count < target:
            number += 1
            for quad in self._source(number):
                count += 1
                yield quad

    # --- graphs that do not grow -------------------------------------------------------------

    def _fixed_graphs(self) -> Iterator[Quad]:
        yield from self._reference()
        yield from self._roles()
        ontology = Dataset(Quad(q.subject, q.predicate, q.object, self.graphs.ontology)
                           for q in parse(path=ONTOLOGY_PATH, format=RdfFormat.TURTLE))
        ontology.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)  # the same blank nodes every time
        yield from sorted(ontology, key=str)  # and in the same order

    def _reference(self) -> Iterator[Quad]:
        """The real gazetteer (states, places, themes) in the reference graph; SCO bodies as a pool."""
        graph = self.graphs.reference
        gazetteer = load_gazetteer()
        for state in gazetteer.states:
            entity = Entity(self.res[f"state/{state.alpha3.lower()}"], SCO.State, state.en, state.zh)
            self.pools["state"].append(entity)
            yield from self._typed(entity, graph)
            yield Quad(entity.iri, SKOS.altLabel, Literal(state.en_official, language="en"), graph)
            yield Quad(entity.iri, SKOS.altLabel, Literal(state.zh_official, language="zh"), graph)
            yield Quad(entity.iri, SCO.iso3166Alpha2, Literal(state.alpha2), graph)
            yield Quad(entity.iri, SCO.iso3166Alpha3, Literal(state.alpha3), graph)
        for place in gazetteer.places:
            cls = SCO.City if place.kind == "city" else SCO.Region
            entity = Entity(self.res[f"place/{slugify(place.en)}"], cls, place.en, place.zh)
            self.pools["place"].append(entity)
            yield from self._typed(entity, graph)
            yield Quad(entity.iri, SCO.country, self.res[f"state/{place.country.lower()}"], graph)
        for theme in gazetteer.themes:
            entity = Entity(self.res[f"theme/{theme.slug}"], SKOS.Concept, theme.en, theme.zh)
            self.pools["theme"].append(entity)
            yield from self._typed(entity, graph)
            yield Quad(entity.iri, SKOS.definition, Literal(theme.definition_en, language="en"), graph)
            yield Quad(entity.iri, SKOS.definition, Literal(theme.definition_zh, language="zh"), graph)
        bodies = yaml.safe_load((files("scokg.loaders") / "data" / "bodies.yaml").read_text(encoding="utf-8"))
        for body in bodies:  # typed in the source graphs that mention them, as in the corpus
            self.pools["body"].append(Entity(self.res[f"body/{body['id']}"], SCO[body["class"]], body["en"], body["zh"]))
        self.sco_body = self.pools["body"][0].iri  # bodies.yaml begins with the SCO itself

    def _roles(self) -> Iterator[Quad]:
        """SCO roles of randomly chosen states, their memberships, and the inferred role classes."""
        chosen = self.rng.sample(self.pools["state"], sum(count for _, _, count in ROLES))
        for role, cls, count in ROLES:
            for entity in (chosen.pop() for _ in range(count)):
                membership = self.res[f"membership/{entity.iri.value.rsplit('/', 1)[1]}-sco"]
                graph = self.graphs.reference
                yield Quad(entity.iri, RDF.type, SCO[cls], self.graphs.inferred)
                yield Quad(entity.iri, SCO.scoRole, SCO[role], graph)
                yield Quad(entity.iri, ORG.hasMembership, membership, graph)
                yield Quad(membership, RDF.type, ORG.Membership, graph)
                yield Quad(membership, ORG.member, entity.iri, graph)
                yield Quad(membership, ORG.organization, self.sco_body, graph)
                yield Quad(membership, ORG.role, SCO[role], graph)

    # --- one source document -----------------------------------------------------------------

    def _source(self, number: int) -> Iterator[Quad]:
        slug = f"synthetic-source-{number:05d}"
        source = self.res[f"source/{slug}"]
        seen: set[Quad] = set()
        facts: list[Fact] = []
        for quad in self._source_metadata(source, slug, number):
            yield quad
        for quad in self._new_entities(source, number, facts):
            if quad not in seen:
                seen.add(quad)
                yield quad
        offset = 0
        for index in range(MENTIONS_PER_SOURCE):
            entity = self._mentioned()
            typed = Quad(entity.iri, RDF.type, entity.cls, source)  # each graph types what it mentions
            if typed not in seen:
                seen.add(typed)
                yield typed
            offset += self.rng.randint(20, 200)
            yield from self._mention(entity, source, slug, offset, index)
        for index in range(EVIDENCE_PER_SOURCE):
            offset += self.rng.randint(20, 200)
            yield from self._evidence(facts[index % len(facts)], source, slug, offset)

    def _source_metadata(self, source: NamedNode, slug: str, number: int) -> Iterator[Quad]:
        title_en, title_zh = f"Environmental Cooperation Bulletin No. {number}", f"环境合作简报第{number}期"
        yield Quad(source, RDF.type, SCO.SourceDocument, source)
        yield Quad(source, DCTERMS.identifier, Literal(slug), source)
        for text, lang in ((title_en, "en"), (title_zh, "zh")):
            yield Quad(source, DCTERMS.title, Literal(text, language=lang), source)
            yield Quad(source, RDFS.label, Literal(text, language=lang), source)
            yield Quad(source, DCTERMS.language, Literal(lang, datatype=XSD.language), source)
        yield Quad(source, DCTERMS.publisher, self.sco_body, source)
        yield Quad(source, SCHEMA.genre, Literal("bulletin"), source)
        yield Quad(source, SCO.layout, Literal("bilingual-line-pairs"), source)

    def _new_entities(self, source: NamedNode, number: int, facts: list[Fact]) -> Iterator[Quad]:
        """The entities source `number` introduces, with their facts (also added to `facts`)."""
        rng = self.rng
        for i in range(NEW_PER_SOURCE["series"]):
            cls, en, zh = rng.choice(MEETING_KINDS)
            theme = rng.choice(self.pools["theme"])
            series = Entity(self.res[f"series/s{number}-{i}"], SCO.MeetingSeries, en.format(theme.en),
                            zh.format(theme.zh), meeting_class=cls)
            self.pools["series"].append(series)
            yield from self._typed(series, source)
            yield Quad(series.iri, DCTERMS.subject, theme.iri, source)
        for i in range(NEW_PER_SOURCE["meeting"]):
            series = rng.choice(self.pools["series"][-30:])
            ordinal = rng.randint(1, 30)
            meeting = Entity(self.res[f"meeting/m{number}-{i}"], SCO[series.meeting_class],
                             f"{_ordinal(ordinal)} {series.en}", f"第{ordinal}次{series.zh}")
            self.pools["meeting"].append(meeting)
            yield from self._typed(meeting, source)
            place = rng.choice(self.pools["place"])
            start = date(2001, 1, 1) + timedelta(days=rng.randint(0, 9000))
            for predicate, value in (
                (SCO.inSeries, series.iri), (SCHEMA.superEvent, series.iri), (SCO.place, place.iri),
                (SCHEMA.location, place.iri), (SCHEMA.startDate, Literal(start.isoformat(), datatype=XSD.date)),
                (SCO.ordinal, Literal(str(ordinal), datatype=XSD.integer)),
                (SCHEMA.eventAttendanceMode, SCHEMA.OfflineEventAttendanceMode),
            ):
                yield Quad(meeting.iri, predicate, value, source)
                facts.append((meeting.iri, predicate, value))
            if rng.random() < 0.3:
                end = Literal((start + timedelta(days=rng.randint(1, 3))).isoformat(), datatype=XSD.date)
                yield Quad(meeting.iri, SCHEMA.endDate, end, source)
            for state in rng.sample(self.pools["state"], 2):
                yield Quad(meeting.iri, SCO.guest, state.iri, source)
                yield Quad(meeting.iri, SCHEMA.attendee, state.iri, source)
        for i in range(NEW_PER_SOURCE["person"]):
            state = rng.choice(self.pools["state"][:40])
            en_name = " ".join(_word(rng, SYLLABLES) for _ in range(2)).title()
            person = Entity(self.res[f"person/p{number}-{i}"], SCO.Person, en_name, "".join(rng.sample(HANZI, 3)))
            self.pools["person"].append(person)
            yield from self._typed(person, source)
            title_en, title_zh = rng.choice(JOB_TITLES)
            yield Quad(person.iri, SCHEMA.jobTitle, Literal(title_en, language="en"), source)
            yield Quad(person.iri, SCHEMA.jobTitle, Literal(title_zh, language="zh"), source)
            yield Quad(person.iri, SCO.represents, state.iri, source)
            facts.append((person.iri, SCO.represents, state.iri))
            meeting = rng.choice(self.pools["meeting"][-NEW_PER_SOURCE["meeting"]:])
            yield Quad(meeting.iri, SCO.participant, person.iri, source)
            facts.append((meeting.iri, SCO.participant, person.iri))
        for kinds, kind, count in ((DOCUMENT_KINDS, "document", NEW_PER_SOURCE["document"]),
                                   (INITIATIVE_KINDS, "initiative", NEW_PER_SOURCE["initiative"])):
            for i in range(count):
                cls, en, zh = rng.choice(kinds)
                theme = rng.choice(self.pools["theme"])
                entity = Entity(self.res[f"{kind}/{kind[0]}{number}-{i}"], SCO[cls], en.format(theme.en), zh.format(theme.zh))
                self.pools[kind].append(entity)
                yield from self._typed(entity, source)
                yield Quad(entity.iri, DCTERMS.subject, theme.iri, source)
                facts.append((entity.iri, DCTERMS.subject, theme.iri))
                if kind == "document":
                    year = Literal(str(rng.randint(2001, 2025)), datatype=XSD.gYear)
                    yield Quad(entity.iri, DCTERMS.date, year, source)
                    facts.append((entity.iri, DCTERMS.date, year))

    def _mentioned(self) -> Entity:
        """An entity to mention: shared ones (states, bodies) are favoured, as in the corpus."""
        kind = self.rng.choices(list(MENTIONED_KINDS), weights=list(MENTIONED_KINDS.values()))[0]
        pool = self.pools[kind]
        if kind in ("state", "body"):  # Zipf: the n-th in gazetteer order gets a share of 1/n
            return self.rng.choices(pool, cum_weights=_zipf(len(pool)))[0]
        recent = pool[-200:] if self.rng.random() < 0.8 else pool  # mostly what this part of the corpus is about
        return self.rng.choice(recent)

    def _typed(self, entity: Entity, graph: NamedNode) -> Iterator[Quad]:
        yield Quad(entity.iri, RDF.type, entity.cls, graph)
        yield Quad(entity.iri, RDFS.label, Literal(entity.en, language="en"), graph)
        yield Quad(entity.iri, RDFS.label, Literal(entity.zh, language="zh"), graph)

    def _mention(self, entity: Entity, source: NamedNode, slug: str, start: int, index: int) -> Iterator[Quad]:
        english = index % 2 == 0
        text = entity.en if english else entity.zh
        end = start + len(text)
        mention = self.res[f"mention/{slug}-{start}-{end}-{_digest(entity.iri.value)}"]
        quote = f"{text}: {FILLER_EN}" if english else f"{text}{FILLER_ZH}"
        yield Quad(mention, RDF.type, SCO.Mention, source)
        yield Quad(mention, SCO.mentionOf, entity.iri, source)
        yield Quad(mention, SCO.text, Literal(text), source)
        yield Quad(mention, SCO.quote, Literal(quote, language="en" if english else "zh"), source)
        yield Quad(mention, SCO.startOffset, Literal(str(start), datatype=XSD.integer), source)
        yield Quad(mention, SCO.endOffset, Literal(str(end), datatype=XSD.integer), source)
        yield Quad(mention, PROV.wasDerivedFrom, source, source)
        yield Quad(entity.iri, SCO.hasMention, mention, source)

    def _evidence(self, fact: Fact, source: NamedNode, slug: str, start: int) -> Iterator[Quad]:
        subject, predicate, value = fact
        evidence = self.res[f"evidence/{slug}-{start}-{_digest(str(fact))}"]
        quote = Literal(FILLER_ZH, language="zh")
        yield Quad(evidence, RDF.type, SCO.Evidence, source)
        yield Quad(evidence, RDF.subject, subject, source)
        yield Quad(evidence, RDF.predicate, predicate, source)
        yield Quad(evidence, RDF.object, value, source)
        yield Quad(evidence, SCO.quote, quote, source)
        yield Quad(evidence, SCO.startOffset, Literal(str(start), datatype=XSD.integer), source)
        yield Quad(evidence, SCO.endOffset, Literal(str(start + len(FILLER_ZH)), datatype=XSD.integer), source)
        yield Quad(evidence, PROV.wasDerivedFrom, source, source)


@cache
def _zipf(size: int) -> list[float]:
    """Cumulative weights 1, 1 + 1/2, 1 + 1/2 + 1/3, ... for `size` ranks."""
    return list(accumulate(1 / rank for rank in range(1, size + 1)))


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _word(rng: random.Random, syllables: list[str]) -> str:
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3)))


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]


def write_nquads(path: Path, target: int, seed: int = 1, base_iri: str = DEFAULT_BASE_IRI) -> int:
    """Write a synthetic graph of at least `target` quads to `path` as N-Quads; returns the count."""
    counter = _Counter(Generator(seed, base_iri).quads(target))
    serialize(counter, output=str(path), format=RdfFormat.N_QUADS)
    return counter.count


def load(nquads: Path, store_path: Path) -> Path:
    """Load an N-Quads file into a new store at `store_path` (graph.store.build_store)."""
    return build_store(store_path, parse(path=str(nquads), format=RdfFormat.N_QUADS))


class _Counter:
    """Counts the items of an iterator as they pass through."""

    def __init__(self, items: Iterator[Quad]) -> None:
        self._items = items
        self.count = 0

    def __iter__(self) -> Iterator[Quad]:
        for item in self._items:
            self.count += 1
            yield item


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic graph shaped like the corpus graph.")
    parser.add_argument("--triples", type=int, default=1_000_000, help="quads to write at least (default 1,000,000)")
    parser.add_argument("--output", type=Path, required=True, help="N-Quads file to write")
    parser.add_argument("--store", type=Path, help="also load it into a store at this path")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    count = write_nquads(args.output, args.triples, args.seed)
    print(f"wrote {count} quads to {args.output}")
    if args.store:
        print(f"loaded into {load(args.output, args.store)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
