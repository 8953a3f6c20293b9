"""Read a SPARQL 1.1 Protocol request: the operation text and the dataset IRIs, strictly.

Parameters are decoded from the raw bytes (Werkzeug would silently replace invalid UTF-8), so
that a malformed request is a clear 400 naming the parameter, and a repeated operation is
refused instead of picking one of the copies.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

from pyoxigraph import NamedNode
from werkzeug.wrappers import Request

FORM = "application/x-www-form-urlencoded"


class ProtocolError(Exception):
    """A request the protocol does not allow; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class OperationKind:
    """A protocol operation: its endpoint, its parameter, its direct POST media type, its dataset parameters."""

    endpoint: str
    parameter: str
    media_type: str
    default_graph_parameter: str
    named_graph_parameter: str


QUERY = OperationKind("/sparql", "query", "application/sparql-query", "default-graph-uri", "named-graph-uri")
UPDATE = OperationKind("/update", "update", "application/sparql-update", "using-graph-uri", "using-named-graph-uri")


@dataclass(frozen=True)
class Operation:
    """The text of a query or update and the dataset the request names (empty: none named)."""

    text: str
    default_graphs: tuple[NamedNode, ...]
    named_graphs: tuple[NamedNode, ...]

    @property
    def names_dataset(self) -> bool:
        """Whether the request itself names a dataset (it then replaces the query's own)."""
        return bool(self.default_graphs or self.named_graphs)


def read_operation(kind: OperationKind, request: Request) -> Operation | None:
    """The operation in `request`, or None for a GET that names neither operation nor dataset.

    Raises ProtocolError (400 bad parameters, 415 unsupported body) for anything else.
    """
    params = parse_params(request.query_string, "URL")
    texts = list(params.get(kind.parameter, []))
    if request.method == "POST":
        media_type = request.mimetype
        if media_type == FORM:
            for name, values in parse_params(request.get_data(cache=True), "form body").items():
                params.setdefault(name, []).extend(values)
            texts = params.get(kind.parameter, [])
        elif media_type == kind.media_type:
            texts.append(_decode_body(request, kind))
        else:
            shown = f"Content-Type {media_type!r} is not supported" if media_type else "no Content-Type given"
            raise ProtocolError(415, f"header `Content-Type`: {shown}: send {FORM} or {kind.media_type}")
    other = UPDATE if kind is QUERY else QUERY
    if other.parameter in params:
        raise ProtocolError(400, f"parameter `{other.parameter}`: not accepted at {kind.endpoint}; send it to {other.endpoint}")
    dataset_named = kind.default_graph_parameter in params or kind.named_graph_parameter in params
    if request.method != "POST" and not texts and not dataset_named:
        return None
    if not any(text.strip() for text in texts):
        raise ProtocolError(400, f"parameter `{kind.parameter}`: missing {kind.parameter}")
    if len(texts) > 1:
        raise ProtocolError(400, f"parameter `{kind.parameter}`: {len(texts)} {kind.parameter} texts given, send exactly one")
    return Operation(
        texts[0],
        _graphs(params, kind.default_graph_parameter),
        _graphs(params, kind.named_graph_parameter),
    )


def parse_params(raw: bytes, where: str) -> dict[str, list[str]]:
    """`application/x-www-form-urlencoded` pairs, decoded as strict UTF-8; repeated names keep every value."""
    params: dict[str, list[str]] = {}
    for pair in raw.split(b"&"):
        if not pair:
            continue
        raw_name, _, raw_value = pair.partition(b"=")
        name = _decode_component(raw_name, f"a parameter name in the {where}")
        params.setdefault(name, []).append(_decode_component(raw_value, f"parameter `{name}` in the {where}"))
    return params


def _decode_component(raw: bytes, what: str) -> str:
    try:
        return unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(400, f"{what}: not valid UTF-8 ({error.reason} at byte {error.start})") from None


def _decode_body(request: Request, kind: OperationKind) -> str:
    charset = request.mimetype_params.get("charset", "utf-8")
    try:
        return request.get_data(cache=True).decode(charset)
    except LookupError:
        raise ProtocolError(415, f"Content-Type {kind.media_type}: unknown charset {charset!r}") from None
    except UnicodeDecodeError as error:
        raise ProtocolError(
            400, f"parameter `{kind.parameter}` (request body): not valid {charset} ({error.reason} at byte {error.start})"
        ) from None


def _graphs(params: dict[str, list[str]], name: str) -> tuple[NamedNode, ...]:
    graphs = []
    for value in params.get(name, []):
        try:
            graphs.append(NamedNode(value))
        except ValueError as error:
            raise ProtocolError(400, f"parameter `{name}`: invalid graph IRI {value!r}: {error}") from None
    return tuple(graphs)
