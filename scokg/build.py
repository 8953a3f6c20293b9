"""Corpus to store: load the documents, add the ontology, reason, write the store (local or remote)."""
from __future__ import annotations

import gc
import time
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from pyoxigraph import CanonicalizationAlgorithm, Dataset, Literal, Quad, RdfFormat, Triple, parse, serialize

from scokg.graph.backends import open_backend
from scokg.loaders.errors import CorpusProblem
from scokg.loaders.pipeline import load_corpus
from scokg.ontology.files import ONTOLOGY_PATH
from scokg.ontology.namespaces import RDF, SCO, graph_namespace
from scokg.ontology.reasoning import ReasoningResult, infer, inferred_quads
from scokg.settings import Settings

Progress = Callable[[str], None]

# The steps of a build, in the order they start; `build_graph` reports each name to `progress`
# as it starts. HermiT reasons in the background while the store is written, so the seconds of
# these two steps overlap.
STEPS = ("load corpus", "ontology", "reasoning", "store")
_EVIDENCE_LAYER = (SCO.Mention, SCO.Evidence)
_RDF_TYPE = RDF.type


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

    The documents are read in `settings.build_jobs` processes. The quads go into the store as
    they are made, never all held at once: the corpus quads and the ontology while HermiT
    reasons over the entity triples (gathered in a first pass), then what it infers.

    A bad document (unreadable, empty, not UTF-8, unknown layout, missing or invalid sidecar)
    is left out and reported in `BuildReport.problems`, as is a bilingual document whose sides
    do not match (it still loads); the rest of the corpus builds.

    Raises `scokg.loaders.errors.CorpusError` for a fatal input error and `BuildError` if the
    facts are inconsistent with the ontology; the previous store is then left as it was.
    """
    with _without_cyclic_gc():
        return _build(settings, progress or (lambda message: None))


def _build(settings: Settings, say: Progress) -> BuildReport:
    seconds: dict[str, float] = {}
    graphs = graph_namespace(settings.base_iri)
    with _step("load corpus", seconds, say):
        corpus = load_corpus(settings.corpus_dir, settings.base_iri, progress=say, jobs=settings.build_jobs)
        problems = sorted(corpus.problems, key=lambda problem: (str(problem.path), problem.line or 0))
    with _step("ontology", seconds, say):
        ontology = Dataset(
            Quad(q.subject, q.predicate, q.object, graphs.ontology)
            for q in parse(path=ONTOLOGY_PATH, format=RdfFormat.TURTLE)
        )
        ontology.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)  # same blank nodes on every build
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="reasoner") as background:
        reasoning = _start_reasoning(corpus.reasoning_quads(), background, seconds, say)
        with _step("store", seconds, say):
            built = open_backend(settings).build(_with_inferences(corpus.quads, ontology, reasoning, graphs.inferred.value))
    return BuildReport(
        store=built.where,
        sources=len(corpus.sources),
        quads=built.quads,
        inferred=len(reasoning.result().inferred),
        problems=problems,
        seconds=seconds,
    )


def _start_reasoning(quads: Iterable[Quad], background: Executor, seconds: dict[str, float],
                     say: Progress) -> Future[ReasoningResult]:
    """Gather the entity triples of `quads` and run HermiT on them in `background`; its seconds
    (gathering included) are in `seconds["reasoning"]` once it is done."""
    say("reasoning")
    seconds["reasoning"] = 0.0
    start = time.perf_counter()
    reasoning = background.submit(infer, ONTOLOGY_PATH, entity_ntriples(quads))

    def finished(_: Future[ReasoningResult]) -> None:
        seconds["reasoning"] = time.perf_counter() - start

    reasoning.add_done_callback(finished)
    return reasoning


def _with_inferences(corpus: Iterable[Quad], ontology: Dataset, reasoning: Future[ReasoningResult],
                     inferred_graph: str) -> Iterator[Quad]:
    """The corpus quads and the ontology, then (once HermiT is done) the inferred quads;
    `BuildError` instead if HermiT finds the facts inconsistent."""
    yield from corpus
    yield from ontology
    result = reasoning.result()
    if not result.consistent:
        raise BuildError(f"the corpus facts contradict the ontology: {result.explanation}")
    yield from inferred_quads(result, inferred_graph)


def reason(quads: Iterable[Quad]) -> ReasoningResult:
    """Run the reasoner over the ontology and the entity-level triples of `quads`."""
    return infer(ONTOLOGY_PATH, entity_ntriples(quads))


def entity_ntriples(quads: Iterable[Quad]) -> bytes:
    """The entity-level triples of `quads` as sorted N-Triples, the input of the reasoner.

    Leaves out literal-valued triples and every triple about a mention or a piece of evidence.
    """
    entities = EntityTriples()
    for quad in quads:
        entities.add(quad)
    return entities.ntriples()


class EntityTriples:
    """The entity-level triples of a stream of quads, gathered one quad at a time: no
    literal-valued triple, none with a mention or a piece of evidence as subject or object."""

    def __init__(self) -> None:
        self._evidence_nodes: set = set()  # subjects typed sco:Mention or sco:Evidence
        self._triples: set[Triple] = set()

    def add(self, quad: Quad) -> None:
        """Take `quad` in (a node typed as evidence later is left out all the same)."""
        evidence = self._evidence_nodes
        if quad.predicate == _RDF_TYPE and quad.object in _EVIDENCE_LAYER:
            self._evidence_nodes.add(quad.subject)
        elif not isinstance(quad.object, Literal) and quad.subject not in evidence and quad.object not in evidence:
            self._triples.add(quad.triple)

    def ntriples(self) -> bytes:
        """The triples gathered so far as sorted N-Triples."""
        evidence = self._evidence_nodes
        kept = [t for t in self._triples if t.subject not in evidence and t.object not in evidence]
        return serialize(sorted(kept, key=str), format=RdfFormat.N_TRIPLES)


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """No cyclic garbage collection meanwhile: the loaders make none, and the collector's passes
    over the millions of objects a large corpus keeps alive cost a quarter of the resolution."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _step(name: str, seconds: dict[str, float], say: Progress) -> Iterator[None]:
    say(name)
    seconds[name] = 0.0  # listed in the order the steps start
    start = time.perf_counter()
    yield
    seconds[name] = time.perf_counter() - start
