"""A named platform right after "<known body>为" ("the centre's work for the platform")."""
from __future__ import annotations

from scokg.loaders.context import SentenceContext
from scokg.loaders.initiatives import find_initiatives
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.names import default_name_index
from scokg.loaders.segments import Segment


def _initiatives(text: str) -> dict[str, str]:
    ctx = SentenceContext("own", Segment(text, tuple(range(len(text))), "zh"), True, default_name_index().find(text, "zh"))
    return {o.names[0][0]: o.sco_class for o in find_initiatives(ctx, load_lexicon())}


def test_the_name_restarts_after_the_body_and_for() -> None:
    found = _initiatives("各方赞赏中国-上海合作组织环境保护合作中心为上海合作组织生态监测网络建设所做的努力。")
    assert found == {"上海合作组织生态监测网络": "Platform"}


def test_a_body_for_a_bare_head_names_no_initiative() -> None:
    assert _initiatives("中国-上海合作组织环境保护合作中心为平台建设提供支持。") == {}
