"""A government agency named after a city or region of the gazetteer is in that place's country.
Sentences are made up; every extractor and the linker read them as a
document is read."""
from __future__ import annotations

from scokg.loaders.context import SentenceContext
from scokg.loaders.lexicon import load_lexicon
from scokg.loaders.linking import link_sentence
from scokg.loaders.model import Observation, Ref
from scokg.loaders.names import default_name_index
from scokg.loaders.pipeline import EXTRACTORS
from scokg.loaders.segments import Segment


def read_sentence(text: str, lang: str) -> list[Observation]:
    """Every extractor and the linker over one sentence."""
    sentence = Segment(text, tuple(range(len(text))), lang)
    ctx = SentenceContext("r5", sentence, True, default_name_index().find(text, lang))
    lexicon = load_lexicon()
    found = [obs for extract in EXTRACTORS for obs in extract(ctx, lexicon)]
    link_sentence(ctx, found, lexicon)
    return found


def countries(found: list[Observation]) -> dict[str, set[str]]:
    """The countries of each body, by the body's name in the sentence."""
    result: dict[str, set[str]] = {}
    for obs in (o for o in found if o.ref.kind == "body"):
        for name, _ in obs.names:
            result.setdefault(name, set()).update(f.value.key for f in obs.facts if f.predicate == "sco:country")
    return result


def test_a_provincial_department_and_a_city_government_are_in_china() -> None:
    found = read_sentence("2030年4月，该研究院与四川省生态环境厅、成都市人民政府签署了湿地保护合作备忘录。", "zh")
    got = countries(found)
    assert got["四川省生态环境厅"] == {"CHN"}
    assert got["成都市人民政府"] == {"CHN"}


def test_the_country_is_the_place_country_of_the_gazetteer_not_always_china() -> None:
    found = read_sentence("阿拉木图市政府与该中心联合举办了城市空气质量研讨会。", "zh")
    assert countries(found)["阿拉木图市政府"] == {"KAZ"}


def test_an_english_provincial_government_is_in_the_country_of_its_province() -> None:
    found = read_sentence("The Gansu Provincial Government will host a desert restoration workshop in 2031.", "en")
    assert countries(found)["Gansu Provincial Government"] == {"CHN"}


def test_a_body_that_is_not_a_government_agency_gets_no_country_from_a_place() -> None:
    found = read_sentence("2030年5月，该中心与成都市环境科学研究院签署了合作协议。", "zh")
    got = countries(found)
    assert "成都市环境科学研究院" in got
    assert got["成都市环境科学研究院"] == set()


def test_a_place_that_does_not_open_the_name_gives_no_country() -> None:
    found = read_sentence("The Department of Ecology and Environment of Gansu Province signed the plan.", "en")
    got = countries(found)
    assert "Department of Ecology and Environment of Gansu Province" in got
    assert got["Department of Ecology and Environment of Gansu Province"] == set()


def test_a_place_named_elsewhere_in_the_sentence_gives_no_country() -> None:
    found = read_sentence("In Chengdu, the Municipal Ecology Bureau presented its work.", "en")
    assert countries(found) == {"Municipal Ecology Bureau": set()}
    assert Ref("place", "Chengdu") in {o.ref for o in found}


def test_a_place_joined_by_a_dash_to_another_gives_no_country() -> None:
    found = read_sentence("成都—阿拉木图环境合作局成立。", "zh")
    assert countries(found) == {"成都—阿拉木图环境合作局": set()}
