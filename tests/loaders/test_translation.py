"""Translations take their originals' identities; the original's verb decides how each attendee attended."""
from __future__ import annotations

from scokg.loaders.model import Evidence, Observation, Ref
from scokg.loaders.translation import match_translations

MEETING = Ref("meeting", "zh:第九次部长会议")
ZH = Evidence("synthetic", 0, 10, "甲、乙列席会议。", "zh")
EN = Evidence("synthetic", 11, 40, "A and B attended the meeting.", "en")


def _person(key: str) -> Observation:
    return Observation(Ref("person", key), "Person")


def _meeting(roles: list[tuple[str, Ref]], evidence: Evidence) -> Observation:
    obs = Observation(MEETING, "Meeting")
    for predicate, who in roles:
        obs.add(predicate, who, evidence)
    return obs


def _roles(obs: Observation) -> set[tuple[str, str]]:
    return {(f.predicate, f.value.key) for f in obs.facts}


def test_attended_takes_the_guest_role_of_the_original() -> None:
    originals = [_person("zh:甲"), _person("zh:乙"), _meeting([("sco:guest", Ref("person", "zh:甲")), ("sco:guest", Ref("person", "zh:乙"))], ZH)]
    translated_meeting = _meeting([("sco:participant", Ref("person", "en:a")), ("sco:participant", Ref("person", "en:b"))], EN)
    translations = [_person("en:a"), _person("en:b"), translated_meeting]
    match_translations(originals, translations)
    assert _roles(translated_meeting) == {("sco:guest", "zh:甲"), ("sco:guest", "zh:乙")}
    assert all(f.evidence == EN for f in translated_meeting.facts)


def test_a_mixed_original_decides_per_attendee_and_drops_attendees_it_does_not_name() -> None:
    originals = [_person("zh:甲"), _person("zh:乙"), _meeting([("sco:participant", Ref("person", "zh:甲")), ("sco:guest", Ref("person", "zh:乙"))], ZH)]
    translated_meeting = _meeting(
        [("sco:participant", Ref("person", "en:a")), ("sco:participant", Ref("person", "en:b")), ("sco:participant", Ref("state", "QAT"))], EN
    )
    match_translations(originals, [_person("en:a"), _person("en:b"), translated_meeting])
    assert _roles(translated_meeting) == {("sco:participant", "zh:甲"), ("sco:guest", "zh:乙")}


def test_attendance_the_original_does_not_state_is_kept_as_translated() -> None:
    originals = [_meeting([], ZH)]
    translated_meeting = _meeting([("sco:participant", Ref("state", "QAT"))], EN)
    match_translations(originals, [translated_meeting])
    assert _roles(translated_meeting) == {("sco:participant", "QAT")}
