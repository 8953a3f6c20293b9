"""Names of bodies in a sentence: well-known ones, and others found by their head words.

Chinese names end with their head (理事会, 中心, 部 …) and run left over their modifiers up to a
boundary word or punctuation, or up to a state's name, which then begins the name and is the
body's country ("塔吉克斯坦外交部"); a ministry named right after "<state>的" is that state's too.
English names are capitalised words before a head, with an "of / for / on …" complement after
it ("SCO Center for People-to-People Diplomacy of Russia").
A body whose name begins with the name of another (not an international organisation such as
the SCO itself) is part of that one ("上合组织银行联合体理事会" of the Interbank Consortium).
The words that bound names are data: `body_names` and `body_kinds` in lexicon.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .gazetteer import load_gazetteer
from .lexicon import KindWords, Lexicon, load_lexicon
from .model import Ref
from .names import NameMatch
from .normalize import name_key
from .person_names import en_titled_names

ORGANISATION = "InternationalOrganisation"
_CJK = re.compile(r"[\u3400-\u9fff]")
_DASHES = "-—–"
_MAX_QUOTE = 30
_MIN_LISTED, _MAX_LISTED = 2, 8  # characters before the head of an item listed with a well-known body
_LIST_SEPARATOR = "(?:、|和|及)"
_EN_TOKEN = re.compile(r"[A-Za-z0-9][\w'’\-]*|[^\sA-Za-z0-9]")
_EN_COMPLEMENT = ("of", "for", "on")
_EN_ARTICLES = ("the", "a", "an")


@dataclass(frozen=True)
class BodyName:
    """A body named in a text: offsets, surface, class, and what the name itself tells."""

    start: int
    end: int
    text: str
    sco_class: str
    ref: Ref
    country: str | None = None  # alpha-3 of the state the name begins (or, in English, ends) with
    place: str | None = None  # the place the sentence says it is set up in
    part_of: Ref | None = None
    title_words: tuple[int, int] | None = None  # a person's title inside the span, not of the name ("新任", "副总统兼")

    @property
    def known(self) -> bool:
        """A well-known body (its key is language-free)."""
        return not self.ref.key.startswith(("zh:", "en:"))


def body_names(text: str, lang: str, names: tuple[NameMatch, ...]) -> list[BodyName]:
    """Every body named in `text` (well-known and found by head), ordered by start, longer first.

    `names` are the dictionary names found in `text` (states, places, well-known bodies).
    """
    return list(_body_names(text, lang, names))


@lru_cache(maxsize=256)
def _body_names(text: str, lang: str, names: tuple[NameMatch, ...]) -> tuple[BodyName, ...]:
    lexicon = load_lexicon()
    finder = _ZhFinder(text, names, lexicon) if lang == "zh" else _EnFinder(text, names, lexicon)
    return tuple(sorted(_with_parents(finder.find(), lexicon), key=lambda b: (b.start, -b.end)))


def _known_body(lexicon: Lexicon, match: NameMatch) -> BodyName:
    record = lexicon.bodies_by_id[match.key]
    return BodyName(match.start, match.end, match.text, record.sco_class, Ref("body", match.key))


def _named_parents(known: list[NameMatch], lexicon: Lexicon, lang: str) -> list[BodyName]:
    """The parent a well-known body's name holds ("经合组织" in "经合组织核能署"): named too."""
    records = lexicon.bodies_by_id
    result = []
    for match in known:
        parent = records[match.key].part_of
        names = (records[parent].zh_names if lang == "zh" else records[parent].en_names) if parent else ()
        for name in sorted(names, key=len, reverse=True):
            offset = match.text.find(name)
            if offset >= 0:
                start = match.start + offset
                result.append(BodyName(start, start + len(name), name, records[parent].sco_class, Ref("body", parent)))
                break
    return result


def _head_classes(lexicon: Lexicon, lang: str) -> dict[str, str]:
    """Each head word and the class it gives (the first kind that lists it); shared, not to be changed."""
    return _heads_of(lexicon.body_kinds, lang)


@lru_cache(maxsize=8)
def _heads_of(kinds: tuple[KindWords, ...], lang: str) -> dict[str, str]:
    heads: dict[str, str] = {}
    for kind in kinds:
        for word in kind.zh if lang == "zh" else kind.en:
            heads.setdefault(word, kind.sco_class)
    return heads


@lru_cache(maxsize=64)
def _alternation(*groups: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled pattern of a capturing group per tuple of words, each group's words longest
    first (compiled once per word list, not per sentence); one tuple gives a plain alternation."""
    parts = ["|".join(map(re.escape, sorted(words, key=len, reverse=True))) for words in groups]
    return re.compile(parts[0] if len(parts) == 1 else "|".join(f"({part})" for part in parts))


@lru_cache(maxsize=8)
def _bridge_pattern(bridges: tuple[str, ...], person_titles: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """"新任" and the like, or "<title>兼" (titles longest first)."""
    titles = sorted((zh for zh, _ in person_titles), key=len, reverse=True)
    return re.compile("|".join([*map(re.escape, bridges), f"(?:{'|'.join(map(re.escape, titles))})兼"]))


@lru_cache(maxsize=8)
def _en_heads_by_first_word(kinds: tuple[KindWords, ...]) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """The English heads (longest first) by their first word: (words, class)."""
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for head, sco_class in sorted(_heads_of(kinds, "en").items(), key=lambda item: -len(item[0])):
        parts = tuple(head.split())
        by_first.setdefault(parts[0], []).append((parts, sco_class))
    return {word: tuple(heads) for word, heads in by_first.items()}


def _merge(found: dict[tuple[int, int], BodyName], body: BodyName, known: list[NameMatch], lexicon: Lexicon) -> set[tuple[int, int]]:
    """Add a body found by its head unless a well-known name covers it; returns the spans of
    well-known names it shows to be a modifier-less part of another body's name."""
    if (body.start, body.end) in found or any(k.start <= body.start and body.end <= k.end for k in known):
        return set()
    if any(k.start < body.start < k.end < body.end for k in known):
        return set()  # begins inside a well-known name
    tails = [k for k in known if body.start < k.start and k.end == body.end]
    superseded = set()
    if tails:
        country = lexicon.bodies_by_id[tails[0].key].country
        if body.country is None or country is None or body.country == country:
            return set()  # "中国生态环境部", "中国上合组织": the well-known body, with a modifier
        superseded.add((tails[0].start, tails[0].end))  # "白俄罗斯…环境保护部" is not China's
    found[(body.start, body.end)] = body
    return superseded


def _with_parents(found: list[BodyName], lexicon: Lexicon) -> list[BodyName]:
    """A body found by its head whose name begins with another body's name is part of that body,
    unless that one is an international organisation, whose name only qualifies the other's."""
    result = []
    for body in found:
        inner = [b for b in found if b.start == body.start and b.end < body.end]
        if body.known or body.part_of is not None or not inner:
            result.append(body)
            continue
        parent = max(inner, key=lambda b: b.end)
        result.append(body if parent.sco_class == ORGANISATION else replace(body, part_of=parent.ref))
    return result


@dataclass(frozen=True)
class _Scan:
    """The left part of a Chinese name: where it starts and what anchors it."""

    start: int
    anchors: tuple[tuple[int, int, str], ...] = ()  # (start, end, kind) of names and quotes it holds
    country: str | None = None
    enumerated: bool = False  # holds an enumeration comma (、)
    gap: tuple[int, int] | None = None  # words of a person's title inside the span, not of the name
    owner: str = ""  # "<state>的" before the span: the state's name, which the name is keyed with

    def anchored_by(self, *kinds: str) -> bool:
        return any(kind in kinds for _, _, kind in self.anchors)


class _ZhFinder:
    """Chinese body names in one sentence."""

    def __init__(self, text: str, names: tuple[NameMatch, ...], lexicon: Lexicon) -> None:
        self.text = text
        self.lexicon = lexicon
        self.words = lexicon.body_names
        self.heads = _head_classes(lexicon, "zh")
        self.head_words = tuple(self.heads)
        self.known = [n for n in names if n.kind == "body"]
        self.names = [n for n in names if n.kind in ("state", "place")] + self.known
        self.ends: dict[int, NameMatch] = {}
        for name in sorted(self.names, key=lambda n: n.start):
            self.ends.setdefault(name.end, name)
        self.starts = {n.start for n in self.names}
        self.words_at: list[tuple[int, int]] = []  # boundary and keep words
        self.cuts = self._cuts()
        self.bridges = self._bridges()
        gazetteer = load_gazetteer()
        self.abbreviations = gazetteer.states_by_abbreviation
        self.place_country = gazetteer.place_countries

    def find(self) -> list[BodyName]:
        found = {(k.start, k.end): _known_body(self.lexicon, k) for k in self.known}
        found.update({(b.start, b.end): b for b in _named_parents(self.known, self.lexicon, "zh")})
        superseded: set[tuple[int, int]] = set()
        for match in _alternation(self.head_words).finditer(self.text):
            body = self._body_ending_at(match.start(), match.end(), match.group(0))
            if body is not None:
                superseded |= _merge(found, body, self.known, self.lexicon)
        for body in self._mechanisms():
            found.setdefault((body.start, body.end), body)
        kept = [b for span, b in found.items() if span not in superseded]
        by_end = {b.end: b for b in sorted(kept, key=lambda b: b.end - b.start)}
        return [self._placed(b, by_end) for b in kept]

    # --- heads and the scan to the left ---------------------------------------------------

    def _blocked(self, head: str, end: int) -> bool:
        """The head is part of a longer word (部长, 中心城市)."""
        followers = self.words.blocked_followers
        return any(head.endswith(word) and self.text[end : end + 1] in chars for word, chars in followers.items())

    def _cuts(self) -> dict[int, tuple[int, str]]:
        """Boundary words and conjunctions, by end offset (none inside a known name)."""
        words = self.words
        pattern = _alternation(words.keep, (*words.boundaries, *words.conjunctions))
        result: dict[int, tuple[int, str]] = {}
        for match in pattern.finditer(self.text):
            if any(n.start < match.end() and match.start() < n.end for n in self.names):
                continue
            self.words_at.append(match.span())
            if match.group(2):
                result[match.end()] = (match.start(), match.group(2))
        return result

    def _bridges(self) -> dict[int, tuple[int, NameMatch]]:
        """By end offset: "新任" or "<title>兼" right after a state's name, with its start and the state."""
        result = {}
        for match in _bridge_pattern(self.words.title_bridges, self.lexicon.person_titles).finditer(self.text):
            state = self.ends.get(match.start())
            if state is not None and state.kind == "state":
                result[match.end()] = (match.start(), state)
        return result

    def _body_ending_at(self, head_start: int, head_end: int, head: str) -> BodyName | None:
        text, words = self.text, self.words
        if self._blocked(head, head_end):
            return None
        if any(s < head_end and head_start < e for s, e in self.words_at):
            return None  # part of a boundary word (签署)
        following = next((h for h in self.heads if text.startswith(h, head_end)), None)
        if head in words.anchored_heads and following and not self._blocked(following, head_end + len(following)):
            return None  # "…机构联盟": an alliance of institutions
        holders = [n for n in self.names if n.start <= head_start and head_end <= n.end]
        if holders and (holders[0].kind != "body" or holders[0].end != head_end):
            return None  # a head inside a state's or another body's name
        scan_from = holders[0].start if holders else head_start  # "白俄罗斯…与环境保护部": go on left of 环境保护部
        scan = self._scan_left(scan_from)
        modifier = self._without_gap(scan, scan.start, scan_from)
        sco_class = self.heads[head]
        if not scan.anchors and sco_class == "GovernmentAgency" and len(modifier) > 2 and modifier[0] in self.abbreviations:
            state = self.abbreviations[modifier[0]]  # "俄经济发展部": 俄 stands for Russia
            scan = replace(scan, anchors=((scan.start, scan.start + 1, "abbreviation"),), country=state.alpha3)
        if not scan.anchors and sco_class == "GovernmentAgency":
            scan = self._owned(scan)
        sibling = None if scan.anchors or holders else self._listed_sibling(scan.start, head_end, head)
        if sibling is not None:
            scan = replace(scan, anchors=((sibling.start, sibling.end, "sibling"),))
        elif text.startswith(words.kind_followers, head_end):
            return None
        if not self._acceptable(scan, scan_from, head):
            return None
        name = self._without_gap(scan, scan.start, head_end)
        ref = Ref("body", self._key(name, scan))
        return BodyName(scan.start, head_end, name, sco_class, ref, scan.country, title_words=scan.gap)

    def _listed_sibling(self, start: int, end: int, head: str) -> NameMatch | None:
        """A well-known body whose name ends with the same head, listed with text[start:end] in
        one enumeration ("水利部、外交部、财政部等部门"): it anchors the other items of the list."""
        if end - start - len(head) < _MIN_LISTED:
            return None  # "西部、外交部": a one-character modifier makes no name
        item = rf"[\u3400-\u9fff]{{{_MIN_LISTED},{_MAX_LISTED}}}?{re.escape(head)}"
        for known in self.known:
            if not known.text.endswith(head):
                continue
            if known.end <= start and re.fullmatch(rf"(?:{_LIST_SEPARATOR}{item})*{_LIST_SEPARATOR}", self.text[known.end : start]):
                return known
            if end <= known.start and re.fullmatch(rf"{_LIST_SEPARATOR}(?:{item}{_LIST_SEPARATOR})*", self.text[end : known.start]):
                return known
        return None

    def _without_gap(self, scan: _Scan, start: int, end: int) -> str:
        if scan.gap is None:
            return self.text[start:end]
        return self.text[start : scan.gap[0]] + self.text[scan.gap[1] : end]

    def _acceptable(self, scan: _Scan, modifier_end: int, head: str) -> bool:
        """A name, not a bare head, a fragment or a description of a kind of body."""
        words = self.words
        modifier = [i for i in range(scan.start, modifier_end) if not (scan.gap and scan.gap[0] <= i < scan.gap[1])]
        if not modifier or (scan.enumerated and not scan.anchors):
            return False
        if head in words.national_heads and not scan.anchored_by("state", "place", "abbreviation"):
            return False
        residue = "".join(self.text[i] for i in modifier if not any(s <= i < e for s, e, _ in scan.anchors))
        if scan.anchors and not residue:
            return True  # "上合组织大学"
        for word in words.generic_modifiers:
            residue = residue.replace(word, "")
        if not scan.anchors:
            return head not in words.anchored_heads and len(residue) >= words.min_unanchored and not self.text[: scan.start].endswith("的")
        return bool(residue)

    def _owned(self, scan: _Scan) -> _Scan:
        """"蒙古国的自然环境、绿色发展和旅游部": a ministry named right after "<state>的" is that state's;
        the state anchors the name from outside its span and is keyed with it."""
        owner = self.ends.get(scan.start - 1) if self.text[: scan.start].endswith("的") else None
        if owner is None or owner.kind != "state":
            return scan
        return replace(scan, anchors=((owner.start, owner.end, "state"),), country=owner.key, owner=owner.text)

    def _key(self, name: str, scan: _Scan) -> str:
        """The resolution key; a state's one-character abbreviation is keyed as its name, and a
        ministry named after "<state>的" with the state's name before it."""
        if scan.anchored_by("abbreviation"):
            name = self.abbreviations[name[0]].zh + name[1:]
        return name_key(scan.owner + name, "zh")

    def _scan_left(self, pos: int) -> _Scan:
        """The left part of a name whose head (or well-known tail) begins at `pos`."""
        text, anchors, enumerated, tail = self.text, [], False, pos
        while pos > 0:
            if pos in self.bridges:
                bridge_start, state = self.bridges[pos]
                anchors.append((state.start, state.end, "state"))
                return _Scan(state.start, tuple(anchors), state.key, enumerated, (bridge_start, pos))
            name = self.ends.get(pos)
            if name is not None:
                anchors.append((name.start, name.end, name.kind))
                if name.kind == "state":
                    return _Scan(name.start, tuple(anchors), name.key, enumerated)
                pos = name.start
                if not self._continues(pos):
                    break
                continue
            char = text[pos - 1]
            if char == "”":
                opening = text.rfind("“", max(0, pos - 1 - _MAX_QUOTE), pos - 1)
                if opening < 0:
                    break
                anchors.append((opening, pos, "quote"))
                pos = opening
                continue
            if char in _DASHES and pos in self.starts and (pos - 1) in self.ends:
                pos -= 1
                continue
            cut = self.cuts.get(pos)
            if cut is not None:
                if cut[1] in self.words.conjunctions and self._joins(cut[0], pos, tail):
                    enumerated = enumerated or cut[1] == self.words.enumeration
                    pos = cut[0]
                    continue
                break
            if not _CJK.match(char):
                break
            pos -= 1
        return _Scan(pos, tuple(anchors), None, enumerated)

    def _continues(self, pos: int) -> bool:
        """A name goes on left of a place's or body's name only into another name, a head word
        or a word it may hold ("印度世界事务委员会|上合组织|研究中心", not "建设|上合组织…")."""
        before = self.text[:pos]
        return pos in self.ends or pos in self.cuts or pos in self.bridges or not before or not _CJK.match(before[-1]) or before.endswith(self.head_words)

    def _joins(self, conjunction_start: int, conjunction_end: int, tail: int) -> bool:
        """A conjunction inside one name ("育种和种业合作专家工作组"), not between two names:
        the words after it do not begin with a known name (other than the name's own tail, as
        in "…与环境保护部"), the words before it do not end with one or with a head."""
        conjunction = self.text[conjunction_start:conjunction_end]
        own_tail = conjunction_end == tail and conjunction != self.words.enumeration
        if conjunction_start == 0 or (conjunction_end in self.starts and not own_tail) or conjunction_start in self.ends:
            return False
        before = self.text[:conjunction_start]
        return bool(_CJK.match(before[-1])) and not before.endswith(self.head_words)

    # --- what the sentence says about a body ---------------------------------------------

    def _placed(self, body: BodyName, by_end: dict[int, BodyName]) -> BodyName:
        """"在杜尚别建立…中心": the place a body is set up in; "在X框架内设立Y": Y is part of X."""
        before = self.text[: body.start]
        verb = next((v for v in self.words.founding_verbs if before.endswith(v)), None)
        if body.known or verb is None:
            return body
        rest = before[: -len(verb)]
        for word in self.words.framework_words:
            holder = by_end.get(len(rest) - len(word)) if rest.endswith(word) else None
            if holder is not None:
                return replace(body, part_of=holder.ref)
        place = self.ends.get(len(rest))
        if place is not None and place.kind == "place" and rest[: place.start].endswith("在"):
            return replace(body, place=place.key, country=body.country or self.place_country.get(place.key))
        return body

    def _mechanisms(self) -> list[BodyName]:
        """"中国—东盟、…、中非合作论坛、亚信等合作机制": each item of the list is a cooperation mechanism."""
        text, result = self.text, []
        for word in self.words.mechanism_lists:
            for match in re.finditer(re.escape(word), text):
                start = match.start()
                while start > 0 and (_CJK.match(text[start - 1]) or text[start - 1] in _DASHES + "、"):
                    start -= 1
                first = min((n.start for n in self.names if start <= n.start < match.start()), default=None)
                if first is None:
                    continue
                offset = first
                for item in text[first : match.start()].split("、"):
                    body = self._mechanism(offset, item)
                    if body is not None:
                        result.append(body)
                    offset += len(item) + 1
        return result

    def _mechanism(self, start: int, item: str) -> BodyName | None:
        end = start + len(item)
        if len(item) < 2 or any(n.start == start and n.end == end for n in self.names):
            return None  # a known name: found as such
        if self.lexicon.meeting_class(item, "zh") and not item.endswith(self.words.mechanism_forums):
            return None  # a forum held in editions is an event series, not a standing mechanism
        return BodyName(start, end, item, "Body", Ref("body", name_key(item, "zh")))


class _EnFinder:
    """English body names in one sentence: "<Modifiers> <Head> [of|for|on … ]"."""

    def __init__(self, text: str, names: tuple[NameMatch, ...], lexicon: Lexicon) -> None:
        self.text = text
        self.lexicon = lexicon
        self.words = lexicon.body_names
        self.heads = _en_heads_by_first_word(lexicon.body_kinds)
        self.known = [n for n in names if n.kind == "body"]
        self.states = [n for n in names if n.kind == "state"]
        self.places = [n for n in names if n.kind in ("state", "place")]
        self.tokens = list(_EN_TOKEN.finditer(text))
        persons = en_titled_names(text, [en for _, en in lexicon.person_titles])
        self.personal = [(p.start, p.end) for p in persons]  # "… of Ministers Adylbek Kasymaliev": no name of a body

    def find(self) -> list[BodyName]:
        found = {(k.start, k.end): _known_body(self.lexicon, k) for k in self.known}
        found.update({(b.start, b.end): b for b in _named_parents(self.known, self.lexicon, "en")})
        superseded: set[tuple[int, int]] = set()
        for index in range(len(self.tokens)):
            head = self._head_at(index)
            if head is None or self._in_known(index, index + head[0]):
                continue  # no head, or one of a well-known name ("SCO Secretariat on …")
            body = self._body(index, index + head[0], head[1])
            if body is not None and not any(p.start <= body.start and body.end <= p.end for p in self.places):
                superseded |= _merge(found, body, self.known, self.lexicon)
        return [b for span, b in found.items() if span not in superseded]

    def _in_known(self, first: int, last: int) -> bool:
        start, end = self.tokens[first].start(), self.tokens[last - 1].end()
        return any(k.start <= start and end <= k.end for k in self.known)

    def _word(self, index: int) -> str:
        return self.tokens[index].group(0) if 0 <= index < len(self.tokens) else ""

    def _adjacent(self, left: int, right: int) -> bool:
        """Only spaces between two tokens."""
        return not self.text[self.tokens[left].end() : self.tokens[right].start()].strip()

    def _capitalised(self, index: int) -> bool:
        """A capitalised word that can be part of a body's name (not of a person's)."""
        word = self._word(index)
        if not word or not word[0].isupper() or word in self.words.en_determiners:
            return False
        start = self.tokens[index].start()
        return not any(s <= start < e for s, e in self.personal)

    def _head_at(self, index: int) -> tuple[int, str] | None:
        """(number of words, class) of a capitalised head word at token `index`."""
        word = self._word(index)
        if not word[:1].isupper():
            return None
        for parts, sco_class in self.heads.get(word.lower(), ()):
            if all(self._word(index + i).lower() == part for i, part in enumerate(parts[1:], start=1)):
                return len(parts), sco_class
        return None

    def _body(self, head_start: int, head_end: int, sco_class: str) -> BodyName | None:
        first = self._modifiers_start(head_start)
        last = self._complement_end(head_end)
        if first == head_start and last == head_end:
            return None  # a bare head word
        start, end = self.tokens[first].start(), self.tokens[last - 1].end()
        name = self.text[start:end]
        country = next((s.key for s in self.states if s.end == end or s.start == start), None)
        return BodyName(start, end, name, sco_class, Ref("body", name_key(name, "en")), country)

    def _modifiers_start(self, head: int) -> int:
        """The first of the capitalised words before a head, a list among them included
        ("Science and Technology Park …", "Good-Neighborliness, Friendship and Cooperation …")."""
        first = head
        while first > 0:
            before = first - 1
            if self._capitalised(before) and self._adjacent(before, first):
                first = before
            elif self._word(before) in ("and", ",") and self._capitalised(before - 1) and self._adjacent(before - 1, before) and self._adjacent(before, first):
                if self._word(before) == "," and not self._list_to(first, head):
                    break
                first = before - 1
            else:
                break
        return first

    def _list_to(self, start: int, end: int) -> bool:
        """The words from `start` to `end` close a list: an "and", and no comma."""
        words = [self._word(i) for i in range(start, end)]
        return "and" in words and "," not in words

    def _complement_end(self, index: int) -> int:
        """The end of "of / for / on (the) <Capitalised words…>" after a head, or `index`; a comma
        goes on only into the last items of a list ("of Natural Resources, Ecology and …")."""
        if self._word(index) not in _EN_COMPLEMENT or not self._adjacent(index - 1, index):
            return index
        end, cursor = index, index + 1
        while cursor < len(self.tokens) and self._adjacent(cursor - 1, cursor):
            word = self._word(cursor)
            if word == "and" and self._word(cursor + 1) in _EN_ARTICLES:
                break
            if self._capitalised(cursor):
                end = cursor + 1
            elif word not in self.words.en_connectors:
                break
            cursor += 1
            if self._word(cursor) == "," and self._capitalised(cursor + 1) and self._list_from(cursor + 1):
                cursor += 1
        return end

    def _list_from(self, start: int) -> bool:
        """The words from `start` up to the next comma or the end of the phrase hold an "and"."""
        cursor = start
        while cursor < len(self.tokens) and self._word(cursor) not in (",", ".", ";", "(") and self._adjacent(cursor - 1, cursor):
            if self._word(cursor) == "and":
                return True
            cursor += 1
        return False
