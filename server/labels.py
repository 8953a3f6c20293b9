"""Labels and links of RDF terms for the HTML pages and the graph view, looked up once per request."""
from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode, Store

from scokg.graph.export import curie
from scokg.ontology.namespaces import RDFS, XSD
from scokg.server.paths import href

# Label languages in order of preference for display ("" is an untagged label).
PREFERRED_LANGUAGES = ("en", "zh", "")


@dataclass(frozen=True)
class Link:
    """A resource to show: its IRI, display label (and the label's language) and link target."""

    iri: str
    label: str
    lang: str | None
    href: str | None


@dataclass(frozen=True)
class Value:
    """An RDF term to show: a link for resources, else literal text with language or datatype."""

    text: str
    link: Link | None = None
    lang: str | None = None
    datatype: str | None = None


def local_name(iri: str) -> str:
    """The last segment of `iri` (after '#' or '/'), or the IRI itself."""
    tail = iri.rstrip("/#")
    for separator in ("#", "/"):
        if separator in tail:
            tail = tail.rsplit(separator, 1)[1]
    return tail or iri


class Labeller:
    """Looks up and caches `rdfs:label`s in the store (all graphs) for one request."""

    def __init__(self, store: Store, base_iri: str) -> None:
        self._store = store
        self._base_iri = base_iri
        self._labels: dict[str, dict[str, list[str]]] = {}

    def labels(self, iri: str) -> dict[str, list[str]]:
        """The labels of `iri` by language tag (lower-case primary subtag, "" for none), sorted."""
        if iri not in self._labels:
            by_lang: dict[str, set[str]] = {}
            for quad in self._store.quads_for_pattern(NamedNode(iri), RDFS.label, None, None):
                if isinstance(quad.object, Literal):
                    lang = (quad.object.language or "").split("-")[0].lower()
                    by_lang.setdefault(lang, set()).add(quad.object.value)
            self._labels[iri] = {lang: sorted(values) for lang, values in by_lang.items()}
        return self._labels[iri]

    def link(self, iri: str) -> Link:
        """`iri` with its preferred label (English, Chinese, untagged, else its local name)."""
        labels = self.labels(iri)
        for lang in PREFERRED_LANGUAGES:
            if labels.get(lang):
                return Link(iri, labels[lang][0], lang or None, href(iri, self._base_iri))
        if any(labels.values()):
            lang, values = sorted((lang, values) for lang, values in labels.items() if values)[0]
            return Link(iri, values[0], lang, href(iri, self._base_iri))
        return Link(iri, local_name(iri), None, href(iri, self._base_iri))

    def predicate(self, iri: str) -> Link:
        """A property shown by its CURIE, linked to its definition."""
        return Link(iri, curie(iri), None, href(iri, self._base_iri))

    def value(self, term: NamedNode | BlankNode | Literal) -> Value:
        """How to show `term`: a link for IRIs, the text (with language or datatype) for literals."""
        if isinstance(term, NamedNode):
            link = self.link(term.value)
            return Value(link.label, link=link)
        if isinstance(term, Literal):
            datatype = term.datatype.value
            shown = None if term.language or datatype == XSD.string.value else curie(datatype)
            return Value(term.value, lang=term.language, datatype=shown)
        return Value(str(term))
