"""Whether a meeting name speaks of a recurring series: cue words in its clause, and generic names."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .lexicon import read_data_file

DATA_FILE = Path(__file__).parent / "data" / "recurrence.yaml"
_CLAUSE_END = {"zh": re.compile(r"[，。；;！？!?]"), "en": re.compile(r"[,;:!?]|\.(?=\s|$)")}
# Names listed after a name before the closing cue: "欧亚经济论坛、中非合作论坛、…等合作机制".
_ZH_LISTED = r"(?:(?:、|和|及|以及|与)[^，。；、]{1,25}?)*等?[\u4e00-\u9fff]{0,4}?"
_ZH_PUNCTUATION = re.compile(r"[“”\"'《》（）()\s·•\-—–+]")


@dataclass(frozen=True)
class RecurrenceWords:
    """Cue words per position and language, and the words of generic names."""

    before: dict[str, tuple[str, ...]]
    after: dict[str, tuple[str, ...]]
    later: dict[str, tuple[str, ...]]
    founding: dict[str, tuple[str, ...]]
    generic: dict[str, tuple[str, ...]]


@lru_cache(maxsize=None)
def load_recurrence_words(path: Path = DATA_FILE) -> RecurrenceWords:
    """Read `recurrence.yaml`."""
    data = read_data_file(path)

    def section(name: str) -> dict[str, tuple[str, ...]]:
        return {lang: tuple(data[name][lang]) for lang in ("zh", "en")}

    return RecurrenceWords(section("before"), section("after"), section("later"), section("founding"), section("generic_words"))


def clause(text: str, start: int, end: int, lang: str) -> tuple[int, int]:
    """The bounds of the clause holding text[start:end] (between clause punctuation)."""
    pattern = _CLAUSE_END[lang]
    begin = max((m.end() for m in pattern.finditer(text, 0, start)), default=0)
    stop = pattern.search(text, end)
    return begin, stop.start() if stop else len(text)


def _has_word(text: str, words: tuple[str, ...], lang: str) -> bool:
    if lang == "zh":
        return any(word in text for word in words)
    lowered = text.lower()
    return any(re.search(rf"\b{re.escape(word)}\b", lowered) for word in words)


def speaks_of_series(text: str, start: int, end: int, lang: str, later_names: tuple[int, ...] = ()) -> bool:
    """A cue in the clause says the name at text[start:end] is the recurring series: "每年举办X",
    "X机制", "X于2005年启动", "the mechanism of the X", "X was launched", "the X annually".

    "在X框架内举办<meeting>" holds a meeting within the X, an event: a framework cue followed by
    another meeting name (its start in `later_names`) does not count.
    """
    words = load_recurrence_words()
    begin, stop = clause(text, start, end, lang)
    if _has_word(text[begin:start], words.before[lang], lang) or _has_word(text[end:stop], words.later[lang], lang):
        return True
    rest = text[end:stop]
    after = "|".join(map(re.escape, words.after[lang]))
    if lang == "zh":
        cue = re.match(rf"(?:的)?(?:{after})|{_ZH_LISTED}(?:{after})", rest)
    else:
        cue = re.match(rf"\s*(?:{after})\b", rest, re.IGNORECASE)
    return cue is not None and not any(end + cue.end() <= name < stop for name in later_names)


def founded_in_clause(text: str, start: int, end: int, lang: str) -> bool:
    """The sentence, up to the end of the name's clause, says when the series began ("于2005年启动",
    "自2023年起，…", "was launched in 2005", "Since 2023, …")."""
    _, stop = clause(text, start, end, lang)
    return _has_word(text[:stop], load_recurrence_words().founding[lang], lang)


def is_generic(name: str, lang: str, heads: tuple[str, ...]) -> bool:
    """The name holds nothing but generic words and meeting heads ("部长级会议", "the Ministerial Meeting")."""
    generic = load_recurrence_words().generic[lang]
    if lang == "zh":
        rest = _ZH_PUNCTUATION.sub("", name)
        for word in sorted(set(generic) | set(heads), key=len, reverse=True):
            rest = rest.replace(word, "")
        return not rest
    words = re.findall(r"[a-z][a-z\-']*", name.lower())
    head_words = {w for head in heads for w in head.lower().split()}
    return all(word in generic or word in head_words for word in words)
