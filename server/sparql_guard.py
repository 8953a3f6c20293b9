"""Refuse SPARQL that would make the server contact other hosts, or crash its parser.

Oxigraph evaluates `SERVICE <iri>` (queries and updates) and `LOAD <iri>` (updates) with real
outbound HTTP requests. `check` finds every such place with the tokenizer, resolves its target
the way the parser would (prefixed names through the PREFIX declarations, \\u escapes), and
refuses the text unless every target is on the allow-list. It errs on the side of refusing:

- the parser accepts keywords run together with their neighbours (`SERVICESILENT`, `trueSERVICE`,
  `SERVICEe:x`), so every word containing SERVICE or LOAD counts as the keyword, and so does a
  prefixed name whose prefix contains LOAD, or SERVICE when a group `{` follows it;
- a variable target, a relative IRI, an undeclared prefix or anything unreadable is refused.

Allow-list entries match a target exactly, or as a prefix that ends at a path boundary (the entry
ends with `/`, `#` or `?`, or the target continues with one), so `http://a.example` never admits
`http://a.example.evil/`.

It also bounds the nesting of brackets: Oxigraph's parser overflows its stack (and kills the
process) on a few thousand nested groups.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scokg.server.sparql_tokens import Kind, Token, tokenize

MAX_NESTING = 128
_REMOTE_KEYWORDS = ("SERVICE", "LOAD")
_OPENING, _CLOSING = "{([", "})]"
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_LOCAL_ESCAPE = re.compile(r"\\(.)")
_DOT_SEGMENT = re.compile(r"/\.\.?(?:[/?#]|$)")


class GuardError(ValueError):
    """The text is refused; the message names what was refused and why."""


class RemoteAccessRefused(GuardError):
    """A SERVICE or LOAD whose target is not on the allow-list."""


class TooDeeplyNested(GuardError):
    """Brackets nested deeper than MAX_NESTING."""


@dataclass(frozen=True)
class RemoteAccess:
    """One SERVICE or LOAD: its keyword, the target as written, and the resolved IRI (None if unknown)."""

    keyword: str
    written: str
    iri: str | None


def check(text: str, allowlist: Sequence[str], *, update: bool) -> list[RemoteAccess]:
    """Raise GuardError unless `text` is safe to evaluate; return its (allowed) remote accesses.

    `update` says whether `text` is an update (LOAD is only looked for there). Verdicts on texts
    of up to `_REMEMBERED_LENGTH` characters are remembered (clients send the same queries
    again and again), so a repeated text is not tokenised again.
    """
    if len(text) > _REMEMBERED_LENGTH:
        return _check(text, tuple(allowlist), update)
    verdict = _remembered(text, tuple(allowlist), update)
    if isinstance(verdict, _Refusal):
        raise verdict.kind(verdict.message)
    return list(verdict)


_REMEMBERED_LENGTH = 8192
_REMEMBERED = 1024


@dataclass(frozen=True)
class _Refusal:
    """A remembered GuardError: its class and message (not the exception, which holds its frames)."""

    kind: type[GuardError]
    message: str


@functools.lru_cache(maxsize=_REMEMBERED)
def _remembered(text: str, allowlist: tuple[str, ...], update: bool) -> tuple[RemoteAccess, ...] | _Refusal:
    try:
        return tuple(_check(text, allowlist, update))
    except GuardError as error:
        return _Refusal(type(error), str(error))


def _check(text: str, allowlist: tuple[str, ...], update: bool) -> list[RemoteAccess]:
    tokens = list(tokenize(text))
    _check_nesting(tokens)
    keywords = _REMOTE_KEYWORDS if update else ("SERVICE",)
    accesses = remote_accesses(tokens, keywords, update=update)
    for access in accesses:
        if access.iri is None:
            raise RemoteAccessRefused(
                f"{access.keyword} {access.written}: refused, the target must be an absolute IRI "
                "(no variable, no relative IRI or dot segments, no undeclared prefix)"
            )
        if not is_allowed(access.iri, allowlist):
            raise RemoteAccessRefused(
                f"{access.keyword} <{access.iri}>: refused, this server contacts no other host "
                "unless its IRI is on the service allow-list (SCOKG_SERVICE_ALLOWLIST)"
            )
    return accesses


def is_allowed(iri: str, allowlist: Iterable[str]) -> bool:
    """Whether `iri` equals an entry of `allowlist` or starts with it at a path boundary."""
    for entry in allowlist:
        if iri == entry:
            return True
        if entry and iri.startswith(entry) and (entry[-1] in "/#?" or iri[len(entry)] in "/#?"):
            return True
    return False


def remote_accesses(
    tokens: Sequence[Token], keywords: Sequence[str] = _REMOTE_KEYWORDS, *, update: bool = False
) -> list[RemoteAccess]:
    """Every place where one of `keywords` (SERVICE, LOAD) would make a request, with its target.

    Where the parser could read a target two ways (`SERVICE SILENTe:x`), both readings are listed.
    """
    prefixes: dict[str, str] = {}
    accesses: list[RemoteAccess] = []
    index, depth, prologue = 0, 0, True
    while index < len(tokens):
        token = tokens[index]
        if prologue:
            consumed = _declaration(tokens, index, prefixes)
            if consumed:
                index += consumed
                continue
            prologue = False
        if token.kind is Kind.PUNCT:
            depth += (token.text in _OPENING) - (token.text in _CLOSING)
            prologue = update and depth == 0 and token.text == ";"  # each update operation has a prologue
        keyword = _keyword_in(token, tokens[index + 1 : index + 2], keywords)
        if keyword:
            accesses.extend(_targets(keyword, token, tokens[index + 1 : index + 3], prefixes))
        index += 1
    return accesses


def _check_nesting(tokens: Iterable[Token]) -> None:
    depth = 0
    for token in tokens:
        if token.kind is not Kind.PUNCT:
            continue
        if token.text in _OPENING:
            depth += 1
            if depth > MAX_NESTING:
                raise TooDeeplyNested(f"brackets nested deeper than {MAX_NESTING} levels (at character {token.start})")
        elif token.text in _CLOSING:
            depth -= 1


def _declaration(tokens: Sequence[Token], index: int, prefixes: dict[str, str]) -> int:
    """Record a PREFIX declaration starting at `index`; the number of tokens it spans (0: none).

    BASE and VERSION declarations are skipped (relative IRIs are refused anyway); `PREFIXe:` is
    `PREFIX e:` to the parser.
    """
    token = tokens[index]
    following = tokens[index + 1 : index + 3]
    kinds = [t.kind for t in following]
    if token.is_word("PREFIX") and kinds == [Kind.PNAME, Kind.IRI]:
        prefixes[following[0].text.partition(":")[0]] = following[1].iri
        return 3
    glued = token.kind is Kind.PNAME and token.text.upper().startswith("PREFIX") and token.text.endswith(":")
    if glued and kinds[:1] == [Kind.IRI]:
        prefixes[token.text[len("PREFIX") :].partition(":")[0]] = following[0].iri
        return 2
    if token.is_word("BASE") and kinds[:1] == [Kind.IRI]:
        return 2
    if token.is_word("VERSION") and kinds[:1] == [Kind.STRING]:
        return 2
    return 0


def _keyword_in(token: Token, following: Sequence[Token], keywords: Sequence[str]) -> str | None:
    """The remote keyword this word (or prefixed name glued to SERVICE/LOAD) carries, if any."""
    if token.kind is Kind.WORD:
        text = token.text.upper()
    elif token.kind is Kind.PNAME:
        text = token.text.partition(":")[0].upper()
    else:
        return None
    keyword = next((keyword for keyword in keywords if keyword in text), None)
    # A prefixed name such as `service:x` is only SERVICE + target where a group follows it.
    if keyword == "SERVICE" and token.kind is Kind.PNAME and not (following and following[0].text == "{"):
        return None
    return keyword


def _targets(keyword: str, token: Token, following: Sequence[Token], prefixes: dict[str, str]) -> list[RemoteAccess]:
    """The possible targets of the SERVICE or LOAD carried by `token`."""
    rest = token.text[token.text.upper().index(keyword) + len(keyword) :]
    if token.kind is Kind.PNAME:  # `SERVICEe:x`: the target is glued to the keyword
        return [RemoteAccess(keyword, written, _expand(written, prefixes)) for written in _silent_readings(rest)]
    if not rest and following and following[0].is_word("SILENT"):
        following = following[1:]
    if not following:
        return [RemoteAccess(keyword, "(nothing)", None)]
    target = following[0]
    if target.kind is Kind.IRI:
        return [RemoteAccess(keyword, target.text, _absolute(target.iri))]
    if target.kind is Kind.PNAME:
        return [RemoteAccess(keyword, written, _expand(written, prefixes)) for written in _silent_readings(target.text)]
    return [RemoteAccess(keyword, target.text, None)]


def _silent_readings(pname: str) -> list[str]:
    """`SILENTe:x` reads as the name itself or as SILENT + `e:x`."""
    if pname.upper().startswith("SILENT"):
        return [pname, pname[len("SILENT") :]]
    return [pname]


def _expand(pname: str, prefixes: dict[str, str]) -> str | None:
    """The absolute IRI of a prefixed name, or None if its prefix is undeclared."""
    prefix, colon, local = pname.partition(":")
    if not colon or prefix not in prefixes:
        return None
    return _absolute(prefixes[prefix] + _LOCAL_ESCAPE.sub(r"\1", local))


def _absolute(iri: str) -> str | None:
    """`iri` if it is absolute and has no dot segments (which resolution would rewrite), else None."""
    return iri if _ABSOLUTE.match(iri) and not _DOT_SEGMENT.search(iri) else None
