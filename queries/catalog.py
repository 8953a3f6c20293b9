"""The catalogue of canned queries: the `.rq` files shipped in this package, with their headers.

Every file opens with a comment block::

    # question: Which documents were adopted or signed in a given year, ...?
    # 问题: 某一年通过或签署了哪些文件？...
    # parameters: year (xsd:gYear-like integer, e.g. 2024)

`# parameters:` is `none` or a list of `name (description, e.g. EXAMPLE)` separated by `;`.

The type rule: the example is written as a SPARQL term, and its syntax gives the parameter's
type — `<http…>` an IRI, `"…"` a string, digits an integer. A description that names a
different type (the words IRI, integer, string) is an error. The example's value is the
parameter's default, so every query runs without arguments.

A header that cannot be understood raises `CatalogError` naming the file and line. The
catalogue also checks each query against an empty in-memory store (never evaluated): it must be
a SELECT query that parses, and every parameter must be in its projection, since pyoxigraph can
only substitute projected variables.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib.resources import files
from pathlib import PurePath
from urllib.parse import urlsplit

from pyoxigraph import Literal, NamedNode, QuerySolutions, Store, Variable

from scokg.ontology.namespaces import XSD

_HEADER = re.compile(r"#\s*(question|问题|parameters)\s*[:：]\s*(.*)")
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PARAMETER_START = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(")
_SEPARATOR = re.compile(r"\s*;\s*")
_INTEGER = re.compile(r"[+-]?[0-9]{1,30}")
_TYPE_WORDS = re.compile(r"\b(IRI|integer|string)\b", re.IGNORECASE)
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|\\^`]')
_EXAMPLE_MARK = "e.g."

# Request parameters the server reads itself, so no query parameter may take these names.
RESERVED_NAMES = frozenset({"format"})


class CatalogError(ValueError):
    """A query file cannot be understood; the message names the file and, where known, the line."""

    def __init__(self, source: str, line: int | None, message: str) -> None:
        where = f"{source}, line {line}" if line else source
        super().__init__(f"{where}: {message}")


class ParameterError(ValueError):
    """A value given for a parameter does not fit its type; the message names the parameter."""


class ParameterType(Enum):
    """What a parameter value is bound as."""

    IRI = "IRI"
    INTEGER = "integer"
    STRING = "string"


@dataclass(frozen=True)
class Parameter:
    """A query parameter as its header declares it."""

    name: str
    type: ParameterType
    description: str
    example: str  # as written in the header, e.g. `2024`, `"RUS"`, `<https://…>`
    default: str  # the example's value as typed into a form: `2024`, `RUS`, `https://…`

    def term(self, value: str) -> NamedNode | Literal:
        """`value` as the RDF term bound to the variable; raises ParameterError naming the parameter."""
        if self.type is ParameterType.INTEGER:
            if not _INTEGER.fullmatch(value):
                raise ParameterError(f"parameter `{self.name}`: {value!r} is not an integer (e.g. {self.default})")
            return Literal(str(int(value)), datatype=XSD.integer)
        if self.type is ParameterType.IRI:
            if not is_absolute_http_iri(value):
                raise ParameterError(
                    f"parameter `{self.name}`: {value!r} is not an absolute http(s) IRI (e.g. {self.default})"
                )
            return NamedNode(value)
        return Literal(value)


@dataclass(frozen=True)
class CannedQuery:
    """One `.rq` file: its name (the file stem), questions, parameters and full text."""

    name: str
    question_en: str
    question_zh: str
    parameters: tuple[Parameter, ...]
    text: str

    def default_bindings(self) -> dict[str, NamedNode | Literal]:
        """Each parameter bound to its default."""
        return {p.name: p.term(p.default) for p in self.parameters}


def is_absolute_http_iri(value: str) -> bool:
    """Whether `value` is an absolute http or https IRI with a host and no forbidden characters."""
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not _IRI_FORBIDDEN.search(value)


@cache
def load_catalog() -> dict[str, CannedQuery]:
    """Every `.rq` file of the `scokg.queries` package, by name, sorted; raises CatalogError."""
    entries = (entry for entry in files("scokg.queries").iterdir() if entry.name.endswith(".rq"))
    queries = [parse_query_file(entry.read_text(encoding="utf-8"), str(entry)) for entry in entries]
    return {query.name: query for query in sorted(queries, key=lambda q: q.name)}


def parse_query_file(text: str, source: str) -> CannedQuery:
    """The canned query in `text`, read from the file `source` (its stem is the query's name)."""
    name = PurePath(source).stem
    if not _NAME.fullmatch(name):
        raise CatalogError(source, None, "the file name must be lower-case letters, digits and hyphens")
    headers: dict[str, tuple[int, str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.group(1), match.group(2).strip()
        if key in headers:
            raise CatalogError(source, number, f"`# {key}:` given twice (first on line {headers[key][0]})")
        if not value:
            raise CatalogError(source, number, f"`# {key}:` is empty")
        headers[key] = (number, value)
    for key in ("question", "问题", "parameters"):
        if key not in headers:
            raise CatalogError(source, 1, f"the leading comment block has no `# {key}:` line")
    parameters_line, declared = headers["parameters"]
    parameters = _parse_parameters(declared, source, parameters_line)
    query = CannedQuery(name, headers["question"][1], headers["问题"][1], parameters, text)
    _check_query(query, source, parameters_line)
    return query


def _parse_parameters(declared: str, source: str, line: int) -> tuple[Parameter, ...]:
    if declared == "none":
        return ()
    parameters: list[Parameter] = []
    position = 0
    while True:
        start = _PARAMETER_START.match(declared, position)
        if not start:
            raise CatalogError(source, line, f"expected `name (description, e.g. EXAMPLE)` at {declared[position:]!r}")
        end = _closing_parenthesis(declared, start.end())
        if end is None:
            raise CatalogError(source, line, f"unclosed parenthesis after `{start.group(1)}`")
        if start.group(1) in RESERVED_NAMES:
            raise CatalogError(source, line, f"`{start.group(1)}` is reserved and cannot name a parameter")
        parameter = _parameter(start.group(1), declared[start.end():end], source, line)
        if any(p.name == parameter.name for p in parameters):
            raise CatalogError(source, line, f"parameter `{parameter.name}` declared twice")
        parameters.append(parameter)
        position = end + 1
        if position == len(declared):
            return tuple(parameters)
        separator = _SEPARATOR.match(declared, position)
        if not separator:
            raise CatalogError(source, line, f"expected `;` between parameters at {declared[position:]!r}")
        position = separator.end()


def _closing_parenthesis(text: str, start: int) -> int | None:
    """Index of the `)` closing the group opened just before `start`; quotes and <IRIs> are skipped."""
    depth, closer = 1, None
    for index in range(start, len(text)):
        char = text[index]
        if closer:
            if char == closer:
                closer = None
        elif char == '"':
            closer = '"'
        elif char == "<":
            closer = ">"
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
    return None


def _parameter(name: str, inside: str, source: str, line: int) -> Parameter:
    description, mark, example = inside.rpartition(_EXAMPLE_MARK)
    description, example = description.strip().rstrip(",").strip(), example.strip()
    if not mark or not example:
        raise CatalogError(source, line, f"parameter `{name}` has no example (`e.g. …`), which gives its type and default")
    type_, default = _typed_example(example)
    if type_ is None:
        raise CatalogError(
            source, line, f"parameter `{name}`: example {example} is not an <http(s) IRI>, an integer or a \"string\""
        )
    named = {word.lower() for word in _TYPE_WORDS.findall(description)} - {type_.value.lower()}
    if named:
        raise CatalogError(
            source, line, f"parameter `{name}`: the description names {', '.join(sorted(named))} but the example is {type_.value}"
        )
    return Parameter(name, type_, description, example, default)


def _typed_example(example: str) -> tuple[ParameterType | None, str]:
    if len(example) >= 2 and example[0] == "<" and example[-1] == ">" and is_absolute_http_iri(example[1:-1]):
        return ParameterType.IRI, example[1:-1]
    if len(example) >= 2 and example[0] == '"' and example[-1] == '"' and '"' not in example[1:-1]:
        return ParameterType.STRING, example[1:-1]
    if _INTEGER.fullmatch(example):
        return ParameterType.INTEGER, example
    return None, example


def _check_query(query: CannedQuery, source: str, parameters_line: int) -> None:
    """Parse the query with the defaults bound, against an empty store (lazy: nothing is evaluated)."""
    bindings = {Variable(name): term for name, term in query.default_bindings().items()}
    try:
        results = Store().query(query.text, substitutions=bindings)
    except SyntaxError as error:
        raise CatalogError(source, None, f"SPARQL syntax {error}") from None
    except RuntimeError as error:  # pyoxigraph: a substituted variable is not projected
        raise CatalogError(
            source, parameters_line, f"every parameter must be a projected variable of the SELECT clause ({error})"
        ) from None
    if not isinstance(results, QuerySolutions):
        raise CatalogError(source, None, "only SELECT queries can be canned queries")
