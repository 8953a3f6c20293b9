"""Persons: "<employer><title><name>", "<name><title>", "<Title> <Name> of <state>" and dotted
foreign names, with their role, the state or body they represent and their country."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .alternation import alternation
from .body_names import BodyName, body_names
from .context import SentenceContext
from .gazetteer import load_gazetteer
from .lexicon import Lexicon
from .model import Observation, Ref
from .names import NameMatch
from .normalize import name_key
from .person_names import (
    chinese_name_after,
    chinese_name_before,
    dotted_names,
    en_cued_names,
    en_titled_names,
    foreign_name_after,
    foreign_name_before,
)

_EN_STATE_AFTER = re.compile(r"^\s+of\s+(?:the\s+)?")
_ZH_FILLER = re.compile(r"^[\u4e00-\u9fff]{0,12}$")  # words between an employer and a title: 总理气候变化(特别助理)
_EN_BEFORE_TITLE = 40  # characters between an employer named before a title and the title
_JOINT = "兼"  # joins two offices one person holds ("副总统兼环境部部长")
_REFERRING = "该"  # "该部": the body of that kind named before


@dataclass(frozen=True)
class _Employer:
    """A state, body or place a title can follow: whom the titled person represents."""

    start: int
    end: int
    represents: tuple[Ref, ...]  # the state first: translations compare the first ones
    country: str | None
    title_words: tuple[int, int] | None = None  # a title inside the employer's span ("伊朗|副总统兼|环境部")


def find_persons(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    """Every person the sentence names with a title, and every dotted foreign name."""
    return _zh_persons(ctx, lexicon) if ctx.lang == "zh" else _en_persons(ctx, lexicon)


def _person(ctx: SentenceContext, start: int, end: int, titles: tuple[str | None, str] | None, employer: _Employer | None) -> Observation:
    name = ctx.text[start:end]
    obs = ctx.observe(Ref("person", name_key(name, ctx.lang)), "Person", start, end)
    evidence = ctx.evidence()
    for title, lang in zip(titles or (), ("zh", "en")):
        if title:
            obs.add("schema:jobTitle", title, evidence, lang)
    if employer is not None:
        for ref in employer.represents:
            obs.add("sco:represents", ref, evidence)
        if employer.country and Ref("state", employer.country) not in employer.represents:
            obs.add("sco:country", Ref("state", employer.country), evidence)
    return obs


# --- Chinese --------------------------------------------------------------------------------


def _zh_employers(ctx: SentenceContext, bodies: list[BodyName], lexicon: Lexicon) -> list[_Employer]:
    places = load_gazetteer().place_countries
    result = []
    for name in ctx.names:
        if name.kind == "state":
            result.append(_Employer(name.start, name.end, (Ref("state", name.key),), name.key))
        elif name.kind == "place":
            result.append(_Employer(name.start, name.end, (), places.get(name.key)))
    for body in bodies:
        country = lexicon.bodies_by_id[body.ref.key].country if body.known else body.country
        state = (Ref("state", country),) if country else ()
        result.append(_Employer(body.start, body.end, (*state, body.ref), country, body.title_words))
    return result


def _zh_employer(text: str, title_start: int, title_end: int, employers: list[_Employer]) -> _Employer | None:
    """The employer whose name ends inside the title ("国务院|总理") or before it with only words
    of the title phrase between ("巴基斯坦|总理气候变化|特别助理")."""
    inside = [e for e in employers if e.start < title_start < e.end <= title_end]
    if inside:
        return max(inside, key=lambda e: e.end)
    before = [e for e in employers if e.end <= title_start and _ZH_FILLER.match(text[e.end : title_start])]
    return max(before, key=lambda e: (e.end, e.end - e.start)) if before else None


def _zh_persons(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    return _ZhPersons(ctx, lexicon).find()


class _ZhPersons:
    """The persons one Chinese sentence names."""

    def __init__(self, ctx: SentenceContext, lexicon: Lexicon) -> None:
        self.ctx, self.text, self.words = ctx, ctx.text, lexicon.person_names
        bodies = body_names(ctx.text, "zh", tuple(ctx.names))
        self.employers = _zh_employers(ctx, bodies, lexicon)
        self.occupied = [(n.start, n.end) for n in ctx.names] + [(b.start, b.end) for b in bodies]
        self.by_zh = {zh: (zh, en) for zh, en in lexicon.person_titles}
        self.heads = sorted({w for kind in lexicon.body_kinds for w in kind.zh}, key=len, reverse=True)
        self.conjunctions = tuple(lexicon.body_names.conjunctions)
        self.titles = [m for m in re.finditer(alternation(tuple(self.by_zh), longest_first=True), ctx.text)
                       if not any(s <= m.start() and m.end() <= e for s, e in self.occupied)]  # not 部长公共委员会
        self.taken: list[tuple[int, int]] = []
        self.result: list[Observation] = []

    def find(self) -> list[Observation]:
        for match in self.titles:
            if not self._titled(match):
                self._name_first(match)
        for start, end in dotted_names(self.text, self.words):
            if self._free(start, end):
                self._add(start, end, *self._office_after(end))
        return self.result

    def _free(self, start: int, end: int) -> bool:
        return end > start and not any(s < end and start < e for s, e in self.occupied + self.taken)

    def _add(self, start: int, end: int, titles: tuple[str, str] | None, employer: _Employer | None, title_start: int | None = None) -> None:
        if employer is None and title_start is not None:
            employer = self._sentence_state(min(start, title_start))
        self.result.append(_person(self.ctx, start, end, titles, employer))
        self.taken.append((start, end))

    def _sentence_state(self, position: int) -> _Employer | None:
        """The country of a titled person named without an employer: the one state the sentence
        names before the title, itself or as a body's ("吉尔吉斯斯坦政府批准了…，并由代总理诺维科夫签署")."""
        countries = {e.country for e in self.employers if e.represents and e.end <= position and e.country}
        return _Employer(position, position, (), countries.pop()) if len(countries) == 1 else None

    def _titled(self, match: re.Match[str]) -> bool:
        """"<employer><title><name>", or "<title><foreign name>" without an employer."""
        title_start, title_end = match.span()
        employers = [e for e in self.employers if not self._named_between(e.end, title_start)]
        employer = _zh_employer(self.text, title_start, title_end, employers) or self._referred(title_start)
        native = chinese_name_after(self.text, title_end, self.words) if employer else None
        end = max(native or 0, foreign_name_after(self.text, title_end, self.words) or 0) or None
        if not end or not (employer or _standalone(self.text[title_end:end], self.words.dots)) or not self._free(title_end, end):
            return False
        self._add(title_end, end, _role(self.text, match.group(0), self.by_zh, employer, title_start), employer, title_start)
        return True

    def _named_between(self, start: int, end: int) -> bool:
        """A person already named lies between an employer and a title ("…部副部长X和中心主任Y":
        the ministry is X's employer, not Y's)."""
        return any(start <= s and e <= end for s, e in self.taken)

    def _referred(self, title_start: int) -> _Employer | None:
        """"该部部长": the body "该<head>" refers back to, the last one named before it whose name
        ends with that head, in this sentence or else the one before ("巴基斯坦气候变化与环境协调部…。
        该部部长…")."""
        before = self.text[:title_start]
        head = next((h for h in self.heads if before.endswith(_REFERRING + h)), None)
        if head is None:
            return self._bare_head(before)
        here = [e for e in self.employers if e.end < title_start and e.represents and e.represents[-1].kind == "body"
                and self.text[e.start : e.end].endswith(head)]
        if here:
            return replace(max(here, key=lambda e: e.end), start=title_start, end=title_start)
        bodies = [o for o in self.ctx.previous if o.ref.kind == "body" and not o.nested and o.names and o.names[0][0].endswith(head)]
        if not bodies:
            return None
        body = bodies[-1]
        country = next((f.value.key for f in body.facts if f.predicate == "sco:country" and isinstance(f.value, Ref)), None)
        state = (Ref("state", country),) if country else ()
        return _Employer(title_start, title_start, (*state, body.ref), country)

    def _bare_head(self, before: str) -> _Employer | None:
        """"…副部长X和中心主任Y": a head with no name of its own, joined to a titled person just
        named, stands for a body named earlier; the title is an office even when that body is
        not at hand (then Y represents nobody the sentence names)."""
        head = next((h for h in self.heads if before.endswith(h)), None)
        if head is None:
            return None
        joint = len(before) - len(head)
        conjunction = next((c for c in self.conjunctions if before[:joint].endswith(c)), None)
        if conjunction is None or not any(e == joint - len(conjunction) for _, e in self.taken):
            return None
        here = [e for e in self.employers if e.end < joint and e.represents and self.text[e.start : e.end].endswith(head)]
        position = len(before)
        if here:
            return replace(max(here, key=lambda e: e.end), start=position, end=position)
        return _Employer(position, position, (), None)

    def _name_first(self, match: re.Match[str]) -> None:
        """"彼得罗相部长", "习近平主席"."""
        title_start = match.start()
        if match.group(0) not in self.words.name_first_titles:
            return
        starts = [chinese_name_before(self.text, title_start, self.words), foreign_name_before(self.text, title_start, self.words)]
        start = min((s for s in starts if s is not None), default=None)
        if start is not None and self._free(start, title_start):
            self._add(start, title_start, self.by_zh[match.group(0)], None, title_start)

    def _office_after(self, end: int) -> tuple[tuple[str, str] | None, _Employer | None]:
        """"…就任巴基斯坦气候变化部部长。": the title that ends the clause after an office verb."""
        clause = re.match(r"[^，。；;,]*", self.text[end:]).group(0)
        verb = next((v for v in self.words.office_verbs if v in clause), None)
        if verb is None:
            return None, None
        after = end + clause.index(verb) + len(verb)
        for match in self.titles:
            if match.start() >= after and match.end() == end + len(clause):
                employer = _zh_employer(self.text, match.start(), match.end(), self.employers)
                if employer is not None and employer.start >= after:
                    return _role(self.text, match.group(0), self.by_zh, employer, match.start()), employer
        return None, None


def _standalone(name: str, dots: str) -> bool:
    """A foreign name that is one on its own, without an employer to vouch for the title."""
    return len(name) >= 3 or any(c in dots for c in name)


def _role(text: str, title: str, by_zh: dict[str, tuple[str, str]], employer: _Employer | None, title_start: int) -> tuple[str, str]:
    """The title, with the words between the employer and the title in the Chinese role
    ("总理气候变化特别助理"); a first title joined by 兼 inside the employer's name makes a
    compound role ("伊朗副总统兼环境部部长": 副总统兼环境部部长, Vice President and Minister)."""
    zh, en = by_zh[title]
    if employer is not None and employer.title_words is not None:
        start, end = employer.title_words
        first = text[start:end].removesuffix(_JOINT)
        if text[start:end].endswith(_JOINT) and first in by_zh:
            return text[start:title_start] + zh, f"{by_zh[first][1]} and {en}"
    if employer is not None and employer.end < title_start:
        zh = text[employer.end : title_start] + zh
    return zh, en


# --- English --------------------------------------------------------------------------------


def _en_persons(ctx: SentenceContext, lexicon: Lexicon) -> list[Observation]:
    bodies = body_names(ctx.text, "en", tuple(ctx.names))
    result: list[Observation] = []
    for titled in en_titled_names(ctx.text, [en for _, en in lexicon.person_titles]):
        if ctx.names_of("state", titled.start, titled.end):
            continue
        affiliation = _en_affiliation(ctx, bodies, titled.title_start, titled.end)
        employer = _en_employer(affiliation, lexicon) if affiliation else None
        # the Chinese title comes from the Chinese text
        result.append(_person(ctx, titled.start, titled.end, (None, titled.title), employer))
    for start, end in en_cued_names(ctx.text, lexicon.person_names.en_name_cues):
        if not ctx.names_of("state", start, end) and not ctx.names_of("place", start, end):
            result.append(_person(ctx, start, end, None, None))
    return result


def _en_employer(affiliation: NameMatch, lexicon: Lexicon) -> _Employer:
    """A state, or a well-known body and its state (as the Chinese original has them)."""
    ref = Ref(affiliation.kind, affiliation.key)
    country = {b.id: b.country for b in lexicon.bodies}.get(affiliation.key) if affiliation.kind == "body" else None
    refs = (Ref("state", country), ref) if country else (ref,)
    return _Employer(affiliation.start, affiliation.end, refs, country)


def _en_affiliation(ctx: SentenceContext, bodies: list[BodyName], title_start: int, name_end: int) -> NameMatch | None:
    """"… of the Republic of Belarus" after the name, or "Russian Prime Minister …" / "SCO …" before
    the title. A body found by its head ("SCO Regional Anti-Terrorist Structure Executive
    Committee Director …") gives none: its key is English, the original's Chinese."""
    after = _EN_STATE_AFTER.match(ctx.text[name_end:])
    if after:
        start = name_end + after.end()
        following = [n for n in ctx.names if n.start == start and n.kind in ("state", "body")]
        if following:
            return following[0]
    before = [n for n in ctx.names if n.kind in ("state", "body") and _before_title(ctx.text, n.end, title_start)]
    if not before:
        return None
    nearest = before[-1]
    if any(not b.known and nearest.end < b.end and _before_title(ctx.text, b.end, title_start) for b in bodies):
        return None
    return nearest


def _before_title(text: str, end: int, title_start: int) -> bool:
    return 0 <= title_start - end <= _EN_BEFORE_TITLE and "," not in text[end:title_start]
