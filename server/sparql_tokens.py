"""A SPARQL 1.1 tokenizer: enough of the grammar's terminals to find keywords safely.

Strings (all four quote forms), IRIs, comments, variables, prefixed names and blank nodes are
read as whole tokens, so that a keyword is only ever found where the SPARQL parser would find
one. The terminals follow the SPARQL 1.1 grammar (§19.8); no token is read more generously than
the grammar allows, so that a tokenizer mistake can only split text, never swallow a keyword.
Anything else is one-character punctuation; malformed text never raises (the parser rejects it).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PN_LOCAL = f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"


class Kind(Enum):
    """The kinds of token the tokenizer tells apart."""

    STRING = "string"
    IRI = "iri"
    VAR = "var"
    PNAME = "pname"
    BNODE = "bnode"
    WORD = "word"
    NUMBER = "number"
    PUNCT = "punct"


_TOKEN = re.compile(
    "|".join(
        [
            r"(?P<skip>[ \t\r\n]+|#[^\r\n]*)",
            r"(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''"
            r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
            r"|'(?:[^'\\\r\n]|\\.)*'"
            r'|"(?:[^"\\\r\n]|\\.)*")',
            f"(?P<iri><(?:[^<>\"{{}}|^`\\\\\\x00-\\x20]|{_UCHAR})*>)",
            f"(?P<var>[?$][{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*)",
            f"(?P<bnode>_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)",
            f"(?P<pname>(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?)",
            r"(?P<word>[A-Za-z][A-Za-z0-9_]*)",
            r"(?P<number>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)",
            r"(?P<punct>.)",
        ]
    ),
    re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    """One token: its kind, its text as written, and where it starts in the query."""

    kind: Kind
    text: str
    start: int

    def is_word(self, *words: str) -> bool:
        """Whether this is one of `words` (keywords are case-insensitive)."""
        return self.kind is Kind.WORD and self.text.upper() in words

    @property
    def iri(self) -> str:
        """The IRI of an IRI token, with its \\u and \\U escapes decoded."""
        return re.sub(_UCHAR, lambda match: chr(int(match.group()[2:], 16)), self.text[1:-1])


def tokenize(text: str) -> Iterator[Token]:
    """The tokens of `text`, without whitespace and comments."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind != "skip":
            yield Token(Kind(kind), match.group(), match.start())
