"""Corpus to store: load the documents, add the ontology, reason, write the store (local or remote)."""
from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from pyoxigraph import CanonicalizationAlgorithm, Dataset, Literal, Quad, RdfFormat, parse, serialize

from scokg.graph.backends import open_backend
from scokg.loaders.errors import CorpusProblem
from scokg.loaders.pipeline import load_corpus
from scokg.ontology.files import ONTOLOGY_PATH
from scokg.ontology.namespaces import RDF, SCO, graph_namespace
from scokg.ontology.reasoning import ReasoningResult, infer, inferred_quads
from scokg.settings import Settings

Progress = Callable[[str], None]

# The steps of a build, in order; `build_graph` reports each name to `progress` as it starts.
STEPS = ("load corpus", "ontology", "reasoning", "store")


class BuildError(Exception):
    """The corpus cannot become a store (for example, it contradicts the ontology)."""


@dataclass(frozen=True)
class BuildReport:
    """What a build did: counts, the corpus problems it skipped, and seconds per step."""

    store: str  # the new local version directory, or the remote store's URLs
    sources: int
    quads: int
    inferred: int
    problems: list[CorpusProblem]
    seconds: dict[str, float]


def build_graph(settings: Settings, progress: Progress | None = None) -> BuildReport:
    """Build the store `settings` name (a local directory or a remote store) from `settings.corpus_dir`.

    A bad document (unreadable, empty, not UTF-8, unknown layout, missing or invalid sidecar)
    is left out and reported in `BuildReport.problems`, as is a bilingual document whose sides
    do not match (it still loads); the rest of the corpus builds.

    Raises `scokg.loaders.errors.CorpusError` for a fatal input error and `BuildError` if the
    facts are inconsistent with the ontology; the previous store is then left as it was.
    """
    say = progress or (lambda message: None)
    seconds: dict[str, float] = {}
    graphs = graph_namespace(settings.base_iri)
    with _step("load corpus", seconds, say):
        corpus = load_corpus(settings.corpus_dir, settings.base_iri, progress=say)
        problems = sorted(corpus.problems, key=lambda problem: (str(problem.path), problem.line or 0))
    with _step("ontology", seconds, say):
        ontology = Dataset(
            Quad(q.subject, q.predicate, q.object, graphs.ontology)
            for q in parse(path=ONTOLOGY_PATH, format=RdfFormat.TURTLE)
        )
        ontology.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)  # same blank nodes on every build
    with _step("reasoning", seconds, say):
        result = reason(corpus.quads)
        if not result.consistent:
            raise BuildError(f"the corpus facts contradict the ontology: {result.explanation}")
        inferred = inferred_quads(result, graphs.inferred.value)
    quads = list(dict.fromkeys([*corpus.quads, *ontology, *inferred]))
    with _step("store", seconds, say):
        store = open_backend(settings).build(quads)
    return BuildReport(
        store=store,
        sources=len(corpus.sources),
        quads=len(quads),
        inferred=len(inferred),
        problems=problems,
        seconds=seconds,
    )


def reason(quads: Iterable[Quad]) -> ReasoningResult:
    """Run the reasoner over the ontology and the entity-level triples of `quads`."""
    return infer(ONTOLOGY_PATH, entity_ntriples(quads))


def entity_ntriples(quads: Iterable[Quad]) -> bytes:
    """The entity-level triples of `quads` as sorted N-Triples, the input of the reasoner.

    Leaves out literal-valued triples and every triple about a mention or a piece of evidence.
    """
    quads = list(quads)
    rdf_type, evidence_layer = RDF.type, (SCO.Mention, SCO.Evidence)  # looked up once, not per quad
    excluded = {q.subject for q in quads if q.predicate == rdf_type and q.object in evidence_layer}
    triples = {
        q.triple
        for q in quads
        if not isinstance(q.object, Literal) and q.subject not in excluded and q.object not in excluded
    }
    return serialize(sorted(triples, key=str), format=RdfFormat.N_TRIPLES)


@contextmanager
def _step(name: str, seconds: dict[str, float], say: Progress) -> Iterator[None]:
    say(name)
    start = time.perf_counter()
    yield
    seconds[name] = time.perf_counter() - start
