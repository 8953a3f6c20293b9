"""The words relation linking keys on (lexicon.yaml `relation_cues`), per language."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .lexicon import DATA_DIR, read_data_file

_SECTIONS = (
    "meeting_subjects", "meeting_heads", "speech_verbs", "group_words", "implementation_markers",
    "basis_markers", "creation_verbs",
)


@dataclass(frozen=True)
class RelationCues:
    """Cue words by section and language, longest first so that alternations match greedily."""

    words: dict[str, dict[str, tuple[str, ...]]]

    def get(self, section: str, lang: str) -> tuple[str, ...]:
        return self.words.get(section, {}).get(lang, ())


@lru_cache(maxsize=None)
def load_relation_cues(data_dir: Path = DATA_DIR) -> RelationCues:
    """Read the `relation_cues` section of `lexicon.yaml`."""
    data = read_data_file(data_dir / "lexicon.yaml")["relation_cues"]
    return RelationCues({
        section: {lang: tuple(sorted(words, key=len, reverse=True)) for lang, words in data[section].items()}
        for section in _SECTIONS
    })
