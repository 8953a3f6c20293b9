"""Word lists as regular-expression alternations (`loaders/alternation.py`)."""
from __future__ import annotations

import re

from scokg.loaders.alternation import alternation


def test_longest_first_lets_a_word_win_over_its_prefix():
    words = ("上海合作组织", "上海合作组织成员国", "S.C.O.")
    assert re.match(alternation(words), "上海合作组织成员国").group() == "上海合作组织"
    assert re.match(alternation(words, longest_first=True), "上海合作组织成员国").group() == "上海合作组织成员国"


def test_words_are_matched_literally():
    pattern = re.compile(f"(?:{alternation(('S.C.O.', 'a+b'))})$")
    assert pattern.match("S.C.O.") and pattern.match("a+b")
    assert not pattern.match("SxCxOx") and not pattern.match("aab")
