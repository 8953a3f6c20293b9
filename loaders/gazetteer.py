"""Reference gazetteer: states, places and environmental themes read from ``data/*.yaml``.

The YAML files hold general reference data (ISO codes, official names, capitals,
a SKOS theme list). They are validated on load: any problem raises
:class:`ReferenceDataError` naming the file and the entry.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from .lexicon import read_data_file

DATA_DIR = Path(__file__).parent / "data"
STATES_FILE = "states.yaml"
PLACES_FILE = "places.yaml"
THEMES_FILE = "themes.yaml"
PLACE_KINDS: tuple[str, ...] = ("city", "region")

_ALPHA3 = re.compile(r"^[A-Z]{3}$")
_ALPHA2 = re.compile(r"^[A-Z]{2}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")
_NAME_CHARS = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'",  # apostrophes
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-",  # hyphens
        "\u2022": "\u00b7", "\u2027": "\u00b7", "\u30fb": "\u00b7", "\u22c5": "\u00b7",  # middle dots
    }
)


class ReferenceDataError(ValueError):
    """A problem in a reference-data file; the message names the file and the entry."""

    def __init__(self, path: Path | str, message: str, entry: str | None = None) -> None:
        self.path = Path(path)
        self.entry = entry
        self.message = message
        where = f"{self.path}{entry}" if entry else str(self.path)
        super().__init__(f"{where}: {message}")


def normalize_name(name: str) -> str:
    """The lookup key of a name: NFKC, unified apostrophes/hyphens/dots, single spaces,
    case-folded, without a leading "the "."""
    text = unicodedata.normalize("NFKC", name).translate(_NAME_CHARS)
    text = _WHITESPACE.sub(" ", text).strip().casefold()
    return _LEADING_THE.sub("", text)


def _strip_the(name: str) -> str:
    return _LEADING_THE.sub("", name.strip())


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for name in names:
        seen.setdefault(name, None)
    return tuple(seen)


# --- records ---------------------------------------------------------------------


@dataclass(frozen=True)
class StateRecord:
    """A sovereign state: ISO 3166-1 codes, English and Chinese names, capital."""

    alpha3: str
    alpha2: str
    en: str
    en_official: str
    zh: str
    zh_official: str
    en_aliases: tuple[str, ...] = ()
    zh_aliases: tuple[str, ...] = ()
    zh_abbreviation: str | None = None
    capital: str | None = None

    @property
    def all_en_names(self) -> tuple[str, ...]:
        """Short and official names and aliases, each without a leading "the "."""
        return _unique(_strip_the(n) for n in (self.en, self.en_official, *self.en_aliases))

    @property
    def all_zh_names(self) -> tuple[str, ...]:
        """Short and official Chinese names and aliases (not the one-character abbreviation)."""
        return _unique((self.zh, self.zh_official, *self.zh_aliases))


@dataclass(frozen=True)
class PlaceRecord:
    """A city or sub-national region and the state it lies in."""

    en: str
    zh: str
    kind: str
    country: str
    en_aliases: tuple[str, ...] = ()
    zh_aliases: tuple[str, ...] = ()

    @property
    def all_en_names(self) -> tuple[str, ...]:
        """English name and aliases, each without a leading "the "."""
        return _unique(_strip_the(n) for n in (self.en, *self.en_aliases))

    @property
    def all_zh_names(self) -> tuple[str, ...]:
        """Chinese name and aliases."""
        return _unique((self.zh, *self.zh_aliases))


@dataclass(frozen=True)
class ThemeRecord:
    """A SKOS concept of environmental cooperation, with keywords for tagging text."""

    slug: str
    en: str
    zh: str
    definition_en: str
    definition_zh: str
    keywords_en: tuple[str, ...] = ()
    keywords_zh: tuple[str, ...] = ()
    broader: str | None = None


def _name_index(records: Iterable[StateRecord | PlaceRecord]) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for record in records:
        for name in (*record.all_en_names, *record.all_zh_names):
            index.setdefault(normalize_name(name), record)
    return index


@dataclass(frozen=True)
class Gazetteer:
    """Validated reference data with name and code lookups."""

    states: tuple[StateRecord, ...]
    places: tuple[PlaceRecord, ...]
    themes: tuple[ThemeRecord, ...]
    _states_by_name: Mapping[str, StateRecord] = field(init=False, repr=False, compare=False)
    _states_by_code: Mapping[str, StateRecord] = field(init=False, repr=False, compare=False)
    _states_by_abbreviation: Mapping[str, StateRecord] = field(
        init=False, repr=False, compare=False
    )
    _places_by_name: Mapping[str, PlaceRecord] = field(init=False, repr=False, compare=False)
    place_countries: Mapping[str, str] = field(init=False, repr=False, compare=False)
    """English place name -> ISO alpha-3 of its country."""
    _themes_by_slug: Mapping[str, ThemeRecord] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        codes: dict[str, StateRecord] = {}
        for state in self.states:
            codes.setdefault(state.alpha3, state)
            codes.setdefault(state.alpha2, state)
        setattr_ = object.__setattr__
        setattr_(self, "_states_by_name", _name_index(self.states))
        setattr_(self, "_states_by_code", codes)
        setattr_(
            self,
            "_states_by_abbreviation",
            {s.zh_abbreviation: s for s in self.states if s.zh_abbreviation},
        )
        setattr_(self, "_places_by_name", _name_index(self.places))
        setattr_(self, "place_countries", {p.en: p.country for p in self.places})
        setattr_(self, "_themes_by_slug", {t.slug: t for t in self.themes})

    @property
    def states_by_abbreviation(self) -> Mapping[str, StateRecord]:
        """One-character Chinese abbreviations (俄, 哈…) -> state."""
        return self._states_by_abbreviation

    def state_by_name(self, name: str) -> StateRecord | None:
        """The state with this English (case-insensitive, leading "the " ignored) or
        Chinese name or alias; one-character abbreviations are not names."""
        return self._states_by_name.get(normalize_name(name))

    def state_by_code(self, code: str) -> StateRecord | None:
        """The state with this ISO 3166-1 alpha-3 or alpha-2 code (case-insensitive)."""
        return self._states_by_code.get(code.strip().upper())

    def state_by_abbreviation(self, char: str) -> StateRecord | None:
        """The state whose one-character Chinese press abbreviation is ``char`` (中, 俄, 哈 ...).

        Only meaningful in safe contexts such as “哈方” or “中哈”."""
        return self._states_by_abbreviation.get(char)

    def place_by_name(self, name: str) -> PlaceRecord | None:
        """The city or region with this English (case-insensitive) or Chinese name or alias."""
        return self._places_by_name.get(normalize_name(name))

    def places_in(self, alpha3: str) -> tuple[PlaceRecord, ...]:
        """All places of the state with this alpha-3 code."""
        return tuple(p for p in self.places if p.country == alpha3)

    def capital_of(self, state: StateRecord) -> PlaceRecord | None:
        """The capital of ``state`` as a place record, if it has one."""
        return self.place_by_name(state.capital) if state.capital else None

    def theme_by_slug(self, slug: str) -> ThemeRecord | None:
        """The theme with this slug."""
        return self._themes_by_slug.get(slug)

    def narrower_themes(self, slug: str) -> tuple[ThemeRecord, ...]:
        """Themes whose ``broader`` is ``slug``."""
        return tuple(t for t in self.themes if t.broader == slug)


# --- reading and validation ------------------------------------------------------


def _read_entries(path: Path) -> list[Any]:
    if not path.is_file():
        raise ReferenceDataError(path, "file not found")
    try:
        data = read_data_file(path)
    except UnicodeDecodeError as exc:
        raise ReferenceDataError(path, f"not UTF-8: {exc}") from exc
    except yaml.YAMLError as exc:
        raise ReferenceDataError(path, f"invalid YAML: {exc}") from exc
    if not isinstance(data, list) or not data:
        raise ReferenceDataError(path, "expected a non-empty list of entries")
    return data


class _Entry:
    """Typed access to one YAML mapping, raising errors that name file and entry."""

    def __init__(
        self, path: Path, index: int, raw: Any, fields: Iterable[str], label_keys: Iterable[str]
    ) -> None:
        self.path = path
        self.index = index
        if not isinstance(raw, dict):
            raise ReferenceDataError(path, "expected a mapping", f"[{index}]")
        self.raw = raw
        label = " ".join(str(raw[k]) for k in label_keys if isinstance(raw.get(k), str))
        self.where = f"[{index}] ({label})" if label else f"[{index}]"
        unknown = sorted(str(k) for k in raw if k not in set(fields))
        if unknown:
            self.fail(f"unknown field(s): {', '.join(unknown)}")

    def fail(self, message: str) -> None:
        raise ReferenceDataError(self.path, message, self.where)

    def text(self, key: str) -> str:
        if key not in self.raw or self.raw[key] is None:
            self.fail(f"missing field '{key}'")
        value = self.raw[key]
        if not isinstance(value, str) or not value.strip():
            self.fail(f"field '{key}' must be a non-empty string, got {value!r}")
        return value.strip()

    def optional_text(self, key: str) -> str | None:
        if self.raw.get(key) is None:
            return None
        return self.text(key)

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.raw.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(f"field '{key}' must be a list, got {value!r}")
        items = []
        for item in value:
            if not isinstance(item, str) or not item.strip():
                self.fail(f"field '{key}' must hold non-empty strings, got {item!r}")
            items.append(item.strip())
        if len(set(items)) != len(items):
            self.fail(f"field '{key}' repeats an item")
        return tuple(items)


class _NameRegistry:
    """Checks that each normalized name belongs to one entry of a file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.owners: dict[str, str] = {}

    def add(self, entry: _Entry, names: Iterable[str]) -> None:
        for name in _unique(normalize_name(n) for n in names):
            owner = self.owners.setdefault(name, entry.where)
            if owner != entry.where:
                entry.fail(f"name {name!r} is already used by entry {owner}")


def _check_en_names(entry: _Entry, names: Iterable[str]) -> None:
    for name in names:
        if _LEADING_THE.match(name):
            entry.fail(f"English name {name!r} must not start with 'the' (the loader strips it)")


_STATE_FIELDS = (
    "alpha3", "alpha2", "en", "en_official", "zh", "zh_official",
    "en_aliases", "zh_aliases", "zh_abbreviation", "capital",
)
_PLACE_FIELDS = ("en", "zh", "kind", "country", "en_aliases", "zh_aliases")
_THEME_FIELDS = (
    "slug", "en", "zh", "definition_en", "definition_zh", "broader", "keywords_en", "keywords_zh",
)


def load_states(path: Path) -> tuple[StateRecord, ...]:
    """Read and validate a states file (codes, names unique across entries)."""
    names = _NameRegistry(path)
    codes: dict[str, str] = {}
    abbreviations: dict[str, str] = {}
    states = []
    for index, raw in enumerate(_read_entries(path)):
        e = _Entry(path, index, raw, _STATE_FIELDS, ("alpha3", "en"))
        state = StateRecord(
            alpha3=e.text("alpha3"),
            alpha2=e.text("alpha2"),
            en=e.text("en"),
            en_official=e.text("en_official"),
            zh=e.text("zh"),
            zh_official=e.text("zh_official"),
            en_aliases=e.texts("en_aliases"),
            zh_aliases=e.texts("zh_aliases"),
            zh_abbreviation=e.optional_text("zh_abbreviation"),
            capital=e.optional_text("capital"),
        )
        if not _ALPHA3.match(state.alpha3):
            e.fail(f"alpha3 must be three capital letters, got {state.alpha3!r}")
        if not _ALPHA2.match(state.alpha2):
            e.fail(f"alpha2 must be two capital letters, got {state.alpha2!r}")
        for code in (state.alpha3, state.alpha2):
            owner = codes.setdefault(code, e.where)
            if owner != e.where:
                e.fail(f"code {code!r} is already used by entry {owner}")
        _check_en_names(e, (state.en, state.en_official, *state.en_aliases))
        for alias in state.zh_aliases:
            if len(alias) < 2:
                e.fail(f"zh alias {alias!r} has one character: use zh_abbreviation")
        if state.zh_abbreviation is not None:
            if len(state.zh_abbreviation) != 1:
                e.fail(f"zh_abbreviation must be one character, got {state.zh_abbreviation!r}")
            owner = abbreviations.setdefault(state.zh_abbreviation, e.where)
            if owner != e.where:
                e.fail(f"zh_abbreviation {state.zh_abbreviation!r} is already used by {owner}")
        names.add(e, (*state.all_en_names, *state.all_zh_names))
        states.append(state)
    return tuple(states)


def load_places(path: Path, states: Iterable[StateRecord]) -> tuple[PlaceRecord, ...]:
    """Read and validate a places file against the given states."""
    known = {s.alpha3 for s in states}
    names = _NameRegistry(path)
    places = []
    for index, raw in enumerate(_read_entries(path)):
        e = _Entry(path, index, raw, _PLACE_FIELDS, ("en",))
        place = PlaceRecord(
            en=e.text("en"),
            zh=e.text("zh"),
            kind=e.text("kind"),
            country=e.text("country"),
            en_aliases=e.texts("en_aliases"),
            zh_aliases=e.texts("zh_aliases"),
        )
        if place.kind not in PLACE_KINDS:
            e.fail(f"kind must be one of {', '.join(PLACE_KINDS)}, got {place.kind!r}")
        if place.country not in known:
            e.fail(f"unknown country {place.country!r} (not an alpha3 code in {STATES_FILE})")
        _check_en_names(e, (place.en, *place.en_aliases))
        names.add(e, (*place.all_en_names, *place.all_zh_names))
        places.append(place)
    return tuple(places)


def load_themes(path: Path) -> tuple[ThemeRecord, ...]:
    """Read and validate a themes file (slugs, labels, keywords, ``broader`` links)."""
    labels = _NameRegistry(path)
    entries: dict[str, _Entry] = {}
    themes = []
    for index, raw in enumerate(_read_entries(path)):
        e = _Entry(path, index, raw, _THEME_FIELDS, ("slug",))
        theme = ThemeRecord(
            slug=e.text("slug"),
            en=e.text("en"),
            zh=e.text("zh"),
            definition_en=e.text("definition_en"),
            definition_zh=e.text("definition_zh"),
            keywords_en=e.texts("keywords_en"),
            keywords_zh=e.texts("keywords_zh"),
            broader=e.optional_text("broader"),
        )
        if not _SLUG.match(theme.slug):
            e.fail(f"slug must be lower-case words joined by '-', got {theme.slug!r}")
        if theme.slug in entries:
            e.fail(f"slug {theme.slug!r} is already used by entry {entries[theme.slug].where}")
        if not theme.keywords_en or not theme.keywords_zh:
            e.fail("keywords_en and keywords_zh must not be empty")
        for keyword in theme.keywords_en:
            if keyword != keyword.lower():
                e.fail(f"English keyword {keyword!r} must be lower-case")
        labels.add(e, (theme.en, theme.zh))
        entries[theme.slug] = e
        themes.append(theme)
    by_slug = {t.slug: t for t in themes}
    for theme in themes:
        seen = {theme.slug}
        current = theme
        while current.broader is not None:
            if current.broader not in by_slug:
                entries[current.slug].fail(f"broader theme {current.broader!r} does not exist")
            if current.broader in seen:
                entries[theme.slug].fail(f"broader chain of {theme.slug!r} has a cycle")
            seen.add(current.broader)
            current = by_slug[current.broader]
    return tuple(themes)


def _check_capitals(
    path: Path, states: tuple[StateRecord, ...], places: tuple[PlaceRecord, ...]
) -> None:
    by_name = _name_index(places)
    for index, state in enumerate(states):
        if state.capital is None:
            continue
        place = by_name.get(normalize_name(state.capital))
        if place is None or place.kind != "city" or place.country != state.alpha3:
            raise ReferenceDataError(
                path,
                f"capital {state.capital!r} is not a city of {state.alpha3} in {PLACES_FILE}",
                f"[{index}] ({state.alpha3} {state.en})",
            )


def _load(data_dir: Path) -> Gazetteer:
    states = load_states(data_dir / STATES_FILE)
    places = load_places(data_dir / PLACES_FILE, states)
    _check_capitals(data_dir / STATES_FILE, states, places)
    themes = load_themes(data_dir / THEMES_FILE)
    return Gazetteer(states=states, places=places, themes=themes)


@functools.lru_cache(maxsize=1)
def _load_default() -> Gazetteer:
    return _load(DATA_DIR)


def load_gazetteer(data_dir: Path | None = None) -> Gazetteer:
    """Load and validate ``states.yaml``, ``places.yaml`` and ``themes.yaml`` from
    ``data_dir`` (default: the package's ``data`` directory, loaded once and cached)."""
    if data_dir is None:
        return _load_default()
    return _load(Path(data_dir))


def clear_gazetteer_cache() -> None:
    """Forget the cached default gazetteer (e.g. after editing the data files)."""
    _load_default.cache_clear()


__all__ = [
    "DATA_DIR",
    "PLACE_KINDS",
    "Gazetteer",
    "PlaceRecord",
    "ReferenceDataError",
    "StateRecord",
    "ThemeRecord",
    "clear_gazetteer_cache",
    "load_gazetteer",
    "load_places",
    "load_states",
    "load_themes",
    "normalize_name",
]
