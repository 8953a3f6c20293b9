"""A body "自 <date> 成立以来" (since its founding in <date>) was founded at that date."""
from __future__ import annotations

from scokg.loaders.bodies import find_bodies
from scokg.loaders.context import SentenceContext
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.names import default_name_index
from scokg.loaders.segments import Segment


def _founding_dates(text: str) -> dict[str, str]:
    ctx = SentenceContext("synthetic", Segment(text, tuple(range(len(text))), "zh"), True, default_name_index().find(text, "zh"))
    found = find_bodies(ctx, load_lexicon())
    return {o.names[0][0]: f.value.lexical() for o in found for f in o.facts if f.predicate == "schema:foundingDate"}


def test_since_its_founding_in_a_year_gives_the_founding_date() -> None:
    found = _founding_dates("中国-上海合作组织环境保护合作中心自 2015 年成立以来，举办了多期研修班。")
    assert found == {"中国-上海合作组织环境保护合作中心": "2015"}


def test_since_its_founding_in_a_month_keeps_the_month() -> None:
    found = _founding_dates("中国-上海合作组织环境保护合作中心自2015年9月成立以来开展了大量工作。")
    assert found == {"中国-上海合作组织环境保护合作中心": "2015-09"}
