"""Write a table of SPARQL solutions in the four W3C results formats: JSON, XML, CSV and TSV.

pyoxigraph can only serialise a whole `QuerySolutions`, so a result cut after N rows whose cut
cannot be found in pyoxigraph's own output is written here, from the variables and the rows
already read. The output follows the W3C specifications
(SPARQL 1.1/1.2 Query Results JSON, XML, CSV and TSV, with triple terms and directional language
strings) and has the same shape as pyoxigraph's own: compact JSON and XML, CSV with CRLF line
ends and no language tags or datatypes, TSV terms in Turtle syntax with integers, decimals and
booleans abbreviated.

`CappedOutput` is the other way: a file that pyoxigraph's own `serialize` writes into, which
finds record boundaries in the bytes (`LAYOUTS`) and cuts the output after N records, so that
a result under the cap costs no Python work per row.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

Term = NamedNode | BlankNode | Literal | Triple
Row = Sequence[Term | None]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_PLAIN = {_XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
          "http://www.w3.org/1999/02/22-rdf-syntax-ns#dirLangString"}
_ITS = "http://www.w3.org/2005/11/its"
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"})
_TURTLE_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_CSV_SPECIAL = re.compile(r'[",\n\r]')
# Literals TSV writes bare, as Turtle abbreviates them: datatype -> lexical forms that may be.
_TSV_BARE = {
    _XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    _XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    _XSD + "boolean": re.compile(r"true|false"),
}


def write_json(variables: Sequence[str], rows: Sequence[Row]) -> bytes:
    """SPARQL Query Results JSON: `head.vars` and one object per row (unbound variables left out)."""
    document = {
        "head": {"vars": list(variables)},
        "results": {"bindings": [_json_row(variables, row) for row in rows]},
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_xml(variables: Sequence[str], rows: Sequence[Row]) -> bytes:
    """SPARQL Query Results XML: `<head>` with the variables, one `<result>` per row."""
    parts = ['<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    parts.extend(f'<variable name="{_xml(name)}"/>' for name in variables)
    parts.append("</head><results>")
    for row in rows:
        parts.append("<result>")
        for name, term in zip(variables, row):
            if term is not None:
                parts.append(f'<binding name="{_xml(name)}">{_xml_term(term)}</binding>')
        parts.append("</result>")
    parts.append("</results></sparql>")
    return "".join(parts).encode("utf-8")


def write_csv(variables: Sequence[str], rows: Sequence[Row]) -> bytes:
    """SPARQL Query Results CSV: values only (no language tags, no datatypes), CRLF line ends."""
    lines = [",".join(variables)]
    lines.extend(",".join("" if term is None else _csv_term(term) for term in row) for row in rows)
    return "".join(line + "\r\n" for line in lines).encode("utf-8")


def write_tsv(variables: Sequence[str], rows: Sequence[Row]) -> bytes:
    """SPARQL Query Results TSV: `?name` headers, terms in Turtle syntax, LF line ends."""
    lines = ["\t".join(f"?{name}" for name in variables)]
    lines.extend("\t".join("" if term is None else _tsv_term(term) for term in row) for row in rows)
    return "".join(line + "\n" for line in lines).encode("utf-8")


WRITERS: dict[str, Callable[[Sequence[str], Sequence[Row]], bytes]] = {
    "application/sparql-results+json": write_json,
    "application/sparql-results+xml": write_xml,
    "text/csv": write_csv,
    "text/tab-separated-values": write_tsv,
}


def _json_row(variables: Sequence[str], row: Row) -> dict[str, Any]:
    return {name: _json_term(term) for name, term in zip(variables, row) if term is not None}


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Triple):
        parts = {"subject": term.subject, "predicate": term.predicate, "object": term.object}
        return {"type": "triple", "value": {role: _json_term(part) for role, part in parts.items()}}
    value: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        value["xml:lang"] = term.language
        if term.direction is not None:
            value["its:dir"] = str(term.direction)
    elif term.datatype.value not in _PLAIN:
        value["datatype"] = term.datatype.value
    return value


def _xml(text: str) -> str:
    return text.translate(_XML_ESCAPES)


def _xml_term(term: Term) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{_xml(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{_xml(term.value)}</bnode>"
    if isinstance(term, Triple):
        return (
            f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
            f"</predicate><object>{_xml_term(term.object)}</object></triple>"
        )
    attributes = ""
    if term.language:
        attributes = f' xml:lang="{_xml(term.language)}"'
        if term.direction is not None:
            attributes += f' its:dir="{term.direction}" xmlns:its="{_ITS}" its:version="2.0"'
    elif term.datatype.value not in _PLAIN:
        attributes = f' datatype="{_xml(term.datatype.value)}"'
    return f"<literal{attributes}>{_xml(term.value)}</literal>"


def _csv_term(term: Term) -> str:
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Triple):
        return " ".join(_csv_term(part) for part in (term.subject, term.predicate, term.object))
    if _CSV_SPECIAL.search(term.value):
        return '"' + term.value.replace('"', '""') + '"'
    return term.value


def _tsv_term(term: Term) -> str:
    if isinstance(term, NamedNode):
        return f"<{term.value}>"
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Triple):
        return f"<<( {_tsv_term(term.subject)} {_tsv_term(term.predicate)} {_tsv_term(term.object)} )>>"
    bare = _TSV_BARE.get(term.datatype.value)
    if bare is not None and bare.fullmatch(term.value):
        return term.value
    quoted = '"' + term.value.translate(_TURTLE_ESCAPES) + '"'
    if term.language:
        direction = f"--{term.direction}" if term.direction is not None else ""
        return f"{quoted}@{term.language}{direction}"
    if term.datatype.value in _PLAIN:
        return quoted
    return f"{quoted}^^<{term.datatype.value}>"


# --- native output, cut at a cap -----------------------------------------------------------------


class CapReached(Exception):
    """Raised from `CappedOutput.write` to stop a native serialisation once the cap is exceeded."""


@dataclass(frozen=True)
class RecordLayout:
    """Where records begin in one format's native output, so that it can be cut after N records.

    `marker` finds a byte pattern once per record boundary; the (`cap` + `skip`)th match is where
    record `cap` + 1 begins (its start, or its end with `after`); `suffix` closes a cut document.
    When `ambiguous` occurs in the output the markers may also have matched inside values (a
    CSV quoted field, a JSON string), so a cut cannot be trusted there.
    """

    marker: re.Pattern[bytes]
    skip: int = 0
    after: bool = False
    suffix: bytes = b""
    ambiguous: bytes | None = None
    overlap: int = 0  # bytes of the previous chunk a marker may start in


# Row boundaries of pyoxigraph's outputs. JSON: `,{"` opening a row's first key, or `,{}` an empty
# row; the quote in `,{"` cannot close a string (a closing quote is followed by `,:}]`, a key's
# first letter never is), but an empty row's `,{}` can occur inside a string.
LAYOUTS: dict[str, RecordLayout] = {
    "application/sparql-results+json": RecordLayout(
        re.compile(rb',\{(?:"[^,:}\]]|\})'), suffix=b"]}}", ambiguous=b",{}", overlap=3
    ),
    "application/sparql-results+xml": RecordLayout(
        re.compile(rb"<result>"), skip=1, suffix=b"</results></sparql>", overlap=7
    ),
    "text/tab-separated-values": RecordLayout(re.compile(rb"\n"), skip=1, after=True),  # newlines in terms are escaped
    "text/csv": RecordLayout(re.compile(rb"\n"), skip=1, after=True, ambiguous=b'"'),  # quoted fields keep theirs
    "application/n-triples": RecordLayout(re.compile(rb"\n"), after=True),
    "application/n-quads": RecordLayout(re.compile(rb"\n"), after=True),
}


class CappedOutput:
    """A binary file for pyoxigraph's `serialize` that keeps at most `cap` records of `layout`.

    Counting markers is done by the regular expression engine on each chunk, so a result under
    the cap costs no Python work per row. Once record `cap` + 1 begins, `write` raises CapReached.
    """

    def __init__(self, layout: RecordLayout, cap: int) -> None:
        self._layout = layout
        self._wanted = cap + layout.skip
        self._chunks: list[bytes] = []
        self._size = 0
        self._count = 0
        self._tail = b""
        self._cut: int | None = None
        self.ambiguous = False

    def write(self, chunk: bytes) -> int:
        """Keep `chunk`; raise CapReached once the output runs past the cap."""
        chunk = bytes(chunk)
        if self._cut is None:
            self._scan(chunk)
        self._chunks.append(chunk)
        self._size += len(chunk)
        if self.truncated:
            raise CapReached
        return len(chunk)

    def flush(self) -> None:
        """Nothing to flush: the output is kept in memory."""

    @property
    def truncated(self) -> bool:
        """Whether more than `cap` records were written."""
        return self._cut is not None and self._size > self._cut

    def getvalue(self) -> bytes:
        """The output, cut after `cap` records (and closed) if there were more."""
        body = b"".join(self._chunks)
        if self.truncated:
            assert self._cut is not None
            return body[: self._cut] + self._layout.suffix
        return body

    def _scan(self, chunk: bytes) -> None:
        layout = self._layout
        window = self._tail + chunk
        found = len(layout.marker.findall(window))
        if self._tail and layout.marker.fullmatch(self._tail):
            found -= 1  # a whole marker in the carried-over bytes was counted with the previous chunk
        if layout.ambiguous is not None and layout.ambiguous in window:
            self.ambiguous = True
        if self._count + found >= self._wanted:
            nth = self._wanted - self._count
            matches = [m for m in layout.marker.finditer(window) if m.end() > len(self._tail)]
            match = matches[nth - 1]
            position = match.end() if layout.after else match.start()
            self._cut = self._size - len(self._tail) + position
        self._count += found
        self._tail = window[-layout.overlap :] if layout.overlap else b""
