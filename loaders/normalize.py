"""Resolution keys: names normalised so that variants of one name compare equal."""
from __future__ import annotations

import re
import unicodedata

# Spellings of the same words (the longer form first); applied to Chinese keys only.
_ZH_SYNONYMS = (("生态环境保护", "环保"), ("环境保护", "环保"), ("生态环保", "环保"), ("丝绸之路", "丝路"), ("会议", "会"))
# Conjunctions that join the parts of one name alike ("生态、地质与自然资源部" / "…和自然资源部").
_ZH_CONJUNCTIONS = str.maketrans({"与": "和", "及": "和"})
_ZH_DROP = re.compile(r"上海合作组织|上合组织|成员国|国家|中华人民共和国|[“”\"'「」『』《》〈〉<>()（）\[\]【】\s·•、，,:：\-—–_/+]")
_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")
_EN_DROP_WORDS = re.compile(
    r"\b(the|a|an|of|for|on|in|among|between|to|and|by|sco|shanghai cooperation organi[sz]ation|member|states?|countries)\b"
)
_EN_NON_WORD = re.compile(r"[^a-z0-9 ]+")


def years_in(text: str) -> tuple[str, ...]:
    """The four-digit years a name contains, in order (they distinguish plan periods)."""
    return tuple(m.group(0) for m in _YEAR.finditer(text))


def zh_key(name: str) -> str:
    """Normalise a Chinese name: drop the organisation's name, punctuation and years, unify synonyms."""
    text = unicodedata.normalize("NFKC", name)
    years = years_in(text)
    text = _YEAR.sub("", text).replace("年", "" if years else "年")
    for long, short in _ZH_SYNONYMS:
        text = text.replace(long, short)
    text = _ZH_DROP.sub("", text)
    return text + ("|" + "-".join(years) if years else "")


def conjunction_variant(key: str) -> str:
    """A Chinese key with its conjunctions unified: keys of one name written with 与, 和 or 及
    between its parts give the same variant (English keys are returned as they are)."""
    return key.translate(_ZH_CONJUNCTIONS) if key.startswith("zh:") else key


def en_key(name: str) -> str:
    """Normalise an English name: lower case, drop function words, the organisation's name and punctuation."""
    text = unicodedata.normalize("NFKC", name).lower().replace("'s", "")
    years = years_in(text)
    text = _YEAR.sub(" ", text)
    text = _EN_NON_WORD.sub(" ", text)
    text = _EN_DROP_WORDS.sub(" ", text)
    text = " ".join(text.split())
    return text + ("|" + "-".join(years) if years else "")


def name_key(name: str, lang: str) -> str:
    """`zh_key` or `en_key`, prefixed by the language so keys of the two never collide."""
    return f"{lang}:{zh_key(name) if lang == 'zh' else en_key(name)}"


_ZH_YEAR_WORDS = re.compile(r"(?:19|20)\d{2}\s*年度?")
MIN_SHORT_TITLE = 4  # characters of a short title besides its year


def shortens(short: str, full: str) -> bool:
    """Whether the Chinese title `short` may be a short reference to `full`: it gives a year, the
    same years as `full`, and its other characters (at least MIN_SHORT_TITLE, fewer than the
    full title's) appear in `full` in the same order ("2019年度环境报告" of
    "2019年俄罗斯环境保护报告")."""
    years = years_in(short)
    if not years or years != years_in(full):
        return False
    rest, whole = (_ZH_DROP.sub("", _ZH_YEAR_WORDS.sub("", text)) for text in (short, full))
    if not MIN_SHORT_TITLE <= len(rest) < len(whole):
        return False
    remaining = iter(whole)
    return all(char in remaining for char in rest)
