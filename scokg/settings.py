"""Settings for every command and the server: defaults, SCOKG_* environment variables, flags."""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import urlsplit

from scokg.ontology.namespaces import DEFAULT_BASE_IRI

if TYPE_CHECKING:
    from scokg.graph.remote import RemoteEndpoints


class SettingsError(ValueError):
    """A setting has an invalid value; the message names the variable."""


# Field name -> environment variable.
ENV_VARS: dict[str, str] = {
    "base_iri": "SCOKG_BASE_IRI",
    "store_path": "SCOKG_STORE",
    "corpus_dir": "SCOKG_CORPUS",
    "host": "SCOKG_HOST",
    "port": "SCOKG_PORT",
    "update_token": "SCOKG_UPDATE_TOKEN",
    "service_allowlist": "SCOKG_SERVICE_ALLOWLIST",
    "union_default_graph": "SCOKG_UNION_DEFAULT_GRAPH",
    "query_timeout_s": "SCOKG_QUERY_TIMEOUT",
    "max_rows": "SCOKG_MAX_ROWS",
    "max_triples": "SCOKG_MAX_TRIPLES",
    "query_workers": "SCOKG_QUERY_WORKERS",
    "max_body_bytes": "SCOKG_MAX_BODY_BYTES",
    "max_query_length": "SCOKG_MAX_QUERY_LENGTH",
    "server_threads": "SCOKG_SERVER_THREADS",
    "query_cache_bytes": "SCOKG_QUERY_CACHE_BYTES",
    "build_jobs": "SCOKG_BUILD_JOBS",
}

# Integer fields that may be 0 (0 turns the feature off).
_NON_NEGATIVE_INTEGERS = ("query_cache_bytes",)
# Positive integer fields, with their upper bound (None: no bound).
_POSITIVE_INTEGERS: dict[str, int | None] = {
    "max_rows": None,
    "max_triples": None,
    "query_workers": 64,
    "max_body_bytes": None,
    "max_query_length": None,
    "server_threads": 256,
    "build_jobs": 256,
}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
_IRI_FORBIDDEN = set(' <>"{}|\\^`')


def _bool(text: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"expected one of {sorted(_TRUE | _FALSE)}")


def _allowlist(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(",") if item.strip())


REMOTE_PREFIX = "remote:"
_DEFAULT_STORE = Path("data/store")


def _store(text: str) -> Path | str:
    """A directory, or the `remote:…` text of a remote store (read by `Settings`)."""
    return text if text.startswith(REMOTE_PREFIX) else Path(text)

_PARSERS: dict[str, Callable[[str], Any]] = {
    "store_path": _store,
    "corpus_dir": Path,
    "port": int,
    "update_token": lambda text: text or None,
    "service_allowlist": _allowlist,
    "union_default_graph": _bool,
    "query_timeout_s": float,
    **{name: int for name in (*_POSITIVE_INTEGERS, *_NON_NEGATIVE_INTEGERS)},
}


def _name(field: str) -> str:
    return f"{ENV_VARS[field]} ({field})"


@dataclass(frozen=True)
class Settings:
    """Validated settings; build them with `Settings.from_env`.

    The store is a local directory (`store_path`) unless `store_path` is given as
    `remote:query=URL,update=URL,gsp=URL`: then `remote_store` holds those URLs and `store_path`
    falls back to its default, used only as the place where dump files are cached.
    """

    base_iri: str = DEFAULT_BASE_IRI
    store_path: Path = _DEFAULT_STORE
    remote_store: RemoteEndpoints | None = None
    corpus_dir: Path = Path("corpus")
    host: str = "127.0.0.1"
    port: int = 7878
    update_token: str | None = None
    service_allowlist: tuple[str, ...] = ()
    union_default_graph: bool = True
    query_timeout_s: float = 10.0  # seconds a user query may run (queueing included)
    max_rows: int = 10000  # solutions of a SELECT returned, the rest left out
    max_triples: int = 100000  # triples of a CONSTRUCT or DESCRIBE returned
    query_workers: int = 2  # query worker processes per server process
    max_body_bytes: int = 1024 * 1024  # request body size
    max_query_length: int = 100000  # characters of a query text
    server_threads: int = 4  # request threads per `scokg serve` worker process
    query_cache_bytes: int = 64 * 1024 * 1024  # /sparql answers kept per server process (0: no cache)
    build_jobs: int = field(default_factory=lambda: os.cpu_count() or 1)  # processes reading documents in a build

    def __post_init__(self) -> None:
        object.__setattr__(self, "base_iri", _check_base_iri(self.base_iri))
        if isinstance(self.store_path, str) and self.store_path.startswith(REMOTE_PREFIX):
            from scokg.graph.remote import RemoteEndpoints  # its HTTP client only when a remote store is named

            try:
                remote = RemoteEndpoints.parse(self.store_path, setting=_name("store_path"))
            except ValueError as error:
                raise SettingsError(str(error)) from None
            object.__setattr__(self, "remote_store", remote)
            object.__setattr__(self, "store_path", _DEFAULT_STORE)
        object.__setattr__(self, "store_path", Path(self.store_path))
        object.__setattr__(self, "corpus_dir", Path(self.corpus_dir))
        object.__setattr__(self, "service_allowlist", tuple(self.service_allowlist))
        if not self.host:
            raise SettingsError(f"{_name('host')}: must not be empty")
        if isinstance(self.port, bool) or not isinstance(self.port, int) or not 0 < self.port < 65536:
            raise SettingsError(f"{_name('port')}: must be an integer in 1..65535, got {self.port!r}")
        timeout = self.query_timeout_s
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not (timeout > 0 and math.isfinite(timeout)):
            raise SettingsError(f"{_name('query_timeout_s')}: must be a positive number of seconds, got {timeout!r}")
        for name, bound in _POSITIVE_INTEGERS.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1 or (bound and value > bound):
                allowed = f"an integer in 1..{bound}" if bound else "a positive integer"
                raise SettingsError(f"{_name(name)}: must be {allowed}, got {value!r}")
        for name in _NON_NEGATIVE_INTEGERS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise SettingsError(f"{_name(name)}: must be a non-negative integer (0: off), got {value!r}")

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Defaults, then SCOKG_* environment variables, then `overrides` (field name -> value).

        Overrides that are None are ignored, so unset command-line flags can be passed as they are.
        """
        values: dict[str, Any] = {}
        for name, var in ENV_VARS.items():
            text = os.environ.get(var)
            if text is None:
                continue
            try:
                values[name] = _PARSERS.get(name, str)(text)
            except ValueError as error:
                raise SettingsError(f"{var}: invalid value {text!r}: {error}") from None
        values.update({name: value for name, value in overrides.items() if value is not None})
        return cls(**values)


def _check_base_iri(value: str) -> str:
    """An absolute http(s) IRI without query or fragment, ending with '/'."""
    problem = None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        problem = "must be an absolute http(s) IRI"
    elif parts.query or parts.fragment or "?" in value or "#" in value:
        problem = "must not have a query or a fragment"
    elif _IRI_FORBIDDEN & set(value) or any(ord(c) < 0x20 for c in value):
        problem = "contains characters not allowed in an IRI"
    if problem:
        raise SettingsError(f"{_name('base_iri')}: {problem}, got {value!r}")
    return value if value.endswith("/") else value + "/"
