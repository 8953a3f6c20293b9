"""Regular-expression alternations of word lists, built once per list."""
from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=None)
def alternation(words: tuple[str, ...], longest_first: bool = False) -> str:
    """`words` escaped and joined with "|", in their order or longest first (an alternation
    takes the first word that matches, so a word must come before its prefixes)."""
    ordered = sorted(words, key=len, reverse=True) if longest_first else words
    return "|".join(map(re.escape, ordered))


@lru_cache(maxsize=None)
def word_pattern(words: tuple[str, ...], lang: str) -> re.Pattern[str]:
    """Any of `words`, compiled once per list and language: as written in Chinese, as whole words
    in any case in English."""
    if lang == "zh":
        return re.compile(alternation(words))
    return re.compile(rf"\b(?:{alternation(words)})\b", re.IGNORECASE)
