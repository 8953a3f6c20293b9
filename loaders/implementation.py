"""Implementation and framework links a sentence states.

- Purpose: "为落实《A》、《B》和《C》，…编制《D》", "会议通过《D》，为落实X…", "…adopted D to implement
  A": the documents named outside the purpose clause implement the documents and initiatives
  listed right after the marker.
- Basis: "根据《A》（or 该构想），制定了《B》和《C》": documents made on the basis of A implement it;
  "该/此/上述 <head>" refers back to the last document of that head (resolved per document).
- Agents: "“绿色城市”项目由联合国开发计划署与白俄罗斯自然资源与环保部主导实施" (the bodies or
  states carrying out the initiative named before 由, those of the last list item before the
  verb); "借助<body>，加快<initiative>建设", "依托2014年成立的<body>，…建设<A>，建设<B>",
  "Relying on the <body>, we … developing <A>" (the initiatives named after the body in its
  sentence, up to a clause opening with another agent, are carried out relying on the body);
  "<body>为平台建设和运行所做工作", "<body> for its work in building the platform" (the body carries
  out the initiative the head word refers back to, named before in the sentence or the one before);
  "<initiative>管理委员会" (a body named as the initiative's managing body carries it out);
  "<body>…承担…事务，包括…、<initiative>建设、…" (the body opening the sentence undertakes
  building or running the initiatives its task list names; an item naming a platform, base or
  fund by a short name, "环境信息共享平台建设", stands for the one the document names in full,
  which `discourse` finds by `SHORT_NAME`).
- Framework: "在X框架内举办的M…", "为纪念X举行M": the meeting is held within the initiative X
  (or is part of the meeting X); "第四届“X”国际行动十年高级别国际会议": a meeting whose name
  holds the initiative's name, followed by meeting words, is held within it; so is a meeting
  named right after a quoted programme ("“X”上合组织国家…研修班"). A quoted name no
  extractor read before a framework word ("在“绿色之带”框架内") is a short name of a document or
  initiative, which `corpus_links` finds across the corpus (`FRAMEWORK_NAME`).
"""
from __future__ import annotations

import re

from .alternation import word_pattern
from .clauses import AGENT_KINDS, Placed, agents, clause_at, clause_spans, placed
from .context import SentenceContext
from .cues import RelationCues
from .discourse import antecedent_ref, antecedents_ref, short_name_ref
from .lexicon import Lexicon
from .model import Observation, Ref

_ZH_BACK_REFERENCE = re.compile(r"(?:该|此|这一|上述)([\u4e00-\u9fff]{1,4})")
_EN_BACK_REFERENCE = re.compile(r"(?:this|that|the above)\s+([a-z]+)", re.IGNORECASE)
# "为贯彻落实上述文件和《X》": the documents named above, then the list
_ZH_ABOVE_DOCUMENTS = re.compile(r"上述(?:各项|各)?(?:文件|文献)")
_ZH_WITHIN = re.compile(r"^[”\"]?(?:的)?框架(?:内|下)")
_ZH_COMMEMORATE = re.compile(r"为纪念")
# What may follow an initiative's name inside a meeting's name held on it ("…国际行动十年高级别国际会议")
_ZH_ON_INITIATIVE = re.compile(r"^[”\"]?(?:高级别|国际|年度|专题)*(?:会议|大会|论坛|峰会|研讨会)$")
_EN_WITHIN = re.compile(r"\bwithin the framework of\s+(?:the\s+)?$", re.IGNORECASE)
_ZH_CARRIED_OUT = re.compile(r"由([^，,。；;]{2,60}?)(?:主导|负责|共同|联合)?(?:实施|执行|承建|运营)")
# "依托<body>", "借助<body>", "依托2014年成立的<body>"
_ZH_RELYING_ON = re.compile(r"(?:依托|借助)(?:\d{4}\s*年(?:\d{1,2}\s*月)?)?(?:成立|设立|组建|建立)?的?$")
_EN_RELYING_ON = re.compile(r"\b(?:relying on|with the support of)\s+(?:the\s+)?$", re.IGNORECASE)
_LEADING_DATE = re.compile(r"^(?:\s*【[^】]{1,40}】)?[\s\d年月日，,]*")  # a bulletin item's dateline, then a date
# "由<body>实施的“X”项目": the thing carried out named right after the attributive 的
_ZH_ATTRIBUTIVE = re.compile(r"的")
# "<body>…，牵头建设<initiative>": the subject leads building or running what follows
_ZH_LEADS = re.compile(r"(?:牵头|负责|承担)(?:建设|实施|运营|运行)[“\"]?$")
_ZH_PHASE = re.compile(r"[”\"]?(?:运动|计划|项目)?第?[一二三四五六七八九十0-9]+期")  # "“X”运动第二期": a phase is launched, not X
# "A和B共同建立的<initiative>", "<initiative> jointly established by A and B": A and B set it up and run it
_ZH_SET_UP_BY = re.compile(r"(?:共同|联合)?(?:建立|设立|创建|创立|发起)的[“\"]?$")
_EN_SET_UP_BY = re.compile(r",?\s+(?:jointly\s+)?(?:established|set up|created|founded|launched)\s+by\s+(?:the\s+)?", re.IGNORECASE)
_LIST_JOIN = re.compile(r"^(?:、|，|,|和|及|与|以及|,?\s+and\s+(?:the\s+)?|,\s+(?:the\s+)?)$", re.IGNORECASE)
# "<body>在拉合尔启动“X”项目": the subject launches what follows its verb (all the gap)
_ZH_LAUNCHES = re.compile(r"^(?:在[^，,。；;、]{1,12})?(?:正式)?(?:启动|发起)(?:了)?[“\"]?$")
# "《计划》…，<body>负责具体组织实施。": the body carries out the document named before it
# "<body>负责协调战略的实施工作": or of the document the head word refers back to
_ZH_IN_CHARGE = re.compile(
    r"负责(?:协调|牵头)?(?:具体)?(?:组织)?(?:(?:该|此|这一)?([\u4e00-\u9fff]{1,4}?)的)?(?:实施|执行|落实)(?:工作)?(?=[，,。；;]|$)"
)
# "<body>…承担…事务，包括…、<initiative>建设": a task list, and what an item's initiative is for
_ZH_UNDERTAKES = re.compile(r"(?:承担|负责)[^。；;]*?包括")
_ZH_TASK_WORDS = r"(?:建设|运行|运营|维护|升级)"
_ZH_TASK = re.compile(rf"^[”\"]?(?:的)?{_ZH_TASK_WORDS}")
# An item of a task list: words up to a task word, between list breaks ("、环境信息共享平台建设和…")
_ZH_TASK_ITEM = re.compile(rf"(?:^|(?<=[、，,和及与]))([^、，,。；;和及与\s“”《》]{{2,24}}?){_ZH_TASK_WORDS}(?=[、，,和及与等。；;]|$)")
_ZH_LIST_END = re.compile(r"[。；;]")
# "<body>为平台建设和运行所做工作", "commended <body> for its work in building and operating the
# platform": the body works on the initiative its head word refers back to
_ZH_HEAD_WORDS = r"平台|基地|基金|网络|数据库|项目|工程|计划|倡议"
_ZH_WORKS_FOR = re.compile(rf"为(?:该|此|这一)?({_ZH_HEAD_WORDS})(?:的)?{_ZH_TASK_WORDS}")
_EN_WORKS_FOR = re.compile(
    r"\s+for its (?:work|efforts?|contributions?) (?:in|to|on|for) (?:the )?(?:building|construction|developing|development|operating|operation|running|maintaining|maintenance)"
    r"(?: and (?:operating|operation|running|maintaining|maintenance|developing|development))?(?: of)? (?:the|this) (platform|base|fund|network|database|project|programme)\b",
    re.IGNORECASE,
)
# Kinds of initiative a task item may name by a short name: facilities with names of their own
SHORT_NAMED_KINDS = ("Platform", "Base", "Fund")
# A stand-in for the document or initiative a quoted short name before a framework word names,
# resolved across the corpus (`corpus_links`)
FRAMEWORK_NAME = "framework-name"
_ZH_QUOTED = re.compile(r"“([^“”，,、。；;]{2,20})”")
_EN_QUOTED = re.compile(r"[“\"]([^“”\"]{2,60})[”\"]")
# What a body named after an initiative's name is when it manages it ("…科技园区库管理委员会")
_ZH_MANAGING = re.compile(r"^(?:管理|指导|协调)(?:委员会|机构|办公室|中心)$")
_EN_MANAGING = re.compile(r"^\s+(?:management|steering|coordinating)\s+(?:committee|board|council|office)$", re.IGNORECASE)


def link_implementation(ctx: SentenceContext, found: list[Observation], lexicon: Lexicon, cues: RelationCues) -> None:
    """Add the implementation and framework links of one sentence (see the module docstring)."""
    documents = [p for p in placed(ctx, found, ("document",)) if not p.obs.nested]
    initiatives = [i for i in placed(ctx, found, ("initiative",)) if not any(d.start <= i.start and i.end <= d.end for d in documents)]
    _purpose(ctx, documents, initiatives, cues)
    _basis(ctx, documents, lexicon, cues)
    _carried_out(ctx, found, documents, initiatives, lexicon)
    _framework(ctx, found, initiatives)
    _framework_names(ctx, found)


def _markers(ctx: SentenceContext, words: tuple[str, ...]) -> list[re.Match[str]]:
    if not words:
        return []
    return list(word_pattern(words, ctx.lang).finditer(ctx.text))


def _listed_after(ctx: SentenceContext, end: int, items: list[Placed]) -> list[Placed]:
    """The items of the list that starts right after a marker, up to the end of its clause."""
    clause_end = clause_at(ctx.text, ctx.lang, end)[1]
    return [p for p in items if end <= p.start < clause_end]


def _purpose(ctx: SentenceContext, documents: list[Placed], initiatives: list[Placed], cues: RelationCues) -> None:
    for marker in _markers(ctx, cues.get("implementation_markers", ctx.lang)):
        targets = [t.obs.ref for t in _listed_after(ctx, marker.end(), documents + initiatives)]
        if ctx.lang == "zh" and _ZH_ABOVE_DOCUMENTS.match(ctx.text, marker.end()):
            targets.append(antecedents_ref("document"))
        if not targets:
            continue
        clause = clause_at(ctx.text, ctx.lang, marker.end())
        clause_start = min(clause[0], marker.start())
        implementers = [d for d in documents if not (clause_start <= d.start < clause[1])]
        if ctx.lang != "zh":
            implementers = [d for d in implementers if d.end <= marker.start()]
        _implements(ctx, implementers, targets)


def _basis(ctx: SentenceContext, documents: list[Placed], lexicon: Lexicon, cues: RelationCues) -> None:
    verbs = cues.get("creation_verbs", ctx.lang)
    for marker in _markers(ctx, cues.get("basis_markers", ctx.lang)):
        clause = clause_at(ctx.text, ctx.lang, marker.end())
        targets = [t.obs.ref for t in _listed_after(ctx, marker.end(), documents)]
        if not targets:
            back = (_ZH_BACK_REFERENCE if ctx.lang == "zh" else _EN_BACK_REFERENCE).match(ctx.text, marker.end())
            if back and back.end() <= clause[1] and lexicon.document_class(back.group(1), ctx.lang):
                targets = [antecedent_ref("document", back.group(1))]
        verb = _first_after(ctx, verbs, clause[1])
        if not targets or verb is None:
            continue
        implementers = [d for d in documents if d.start >= clause[1]]
        _implements(ctx, implementers, targets)


def _first_after(ctx: SentenceContext, words: tuple[str, ...], start: int) -> int | None:
    found = [m.start() for m in _markers(ctx, words) if m.start() >= start]
    return min(found) if found else None


def _implements(ctx: SentenceContext, implementers: list[Placed], targets: list[Ref]) -> None:
    evidence = ctx.evidence()
    for doc in implementers:
        for target in targets:
            if target != doc.obs.ref and not any(f.predicate == "sco:implements" and f.value == target for f in doc.obs.facts):
                doc.obs.add("sco:implements", target, evidence)


def _carried_out(ctx: SentenceContext, found: list[Observation], documents: list[Placed], initiatives: list[Placed], lexicon: Lexicon) -> None:
    acting = [a for a in agents(ctx, found) if a.obs.ref.kind in AGENT_KINDS[1:]]
    _relied_on(ctx, acting, initiatives)
    _works_for(ctx, found, acting, initiatives)
    _managed(ctx, found, initiatives)
    _undertaken(ctx, found, acting, initiatives, lexicon)
    _led(ctx, acting, initiatives)
    _set_up_by(ctx, acting, initiatives)
    _in_charge(ctx, found, acting, documents, lexicon)
    if ctx.lang != "zh":
        return
    text = ctx.text
    evidence = ctx.evidence()
    for match in _ZH_CARRIED_OUT.finditer(text):
        clause_start = clause_at(text, "zh", match.start())[0]
        subjects = sorted((i for i in initiatives + documents if clause_start <= i.start and i.end <= match.start()), key=lambda i: i.end)
        following = _ZH_ATTRIBUTIVE.match(text, match.end())
        subjects += [i for i in initiatives + documents if following and text[following.end() : i.start] in ("", "“", '"')]
        if not subjects:
            continue
        breaks = [b for b in range(match.start(1), match.end(1)) if text[b] == "、" and not any(a.start <= b < a.end for a in acting)]
        last_item = breaks[-1] + 1 if breaks else match.start(1)
        for agent in (a for a in acting if last_item <= a.start < match.end(1)):
            subjects[-1].obs.add("sco:carriedOutBy", agent.obs.ref, evidence)


def _relied_on(ctx: SentenceContext, acting: list[Placed], initiatives: list[Placed]) -> None:
    """"借助<body>，加快<A>建设", "Relying on the <body>, … developing <A>": the initiatives named
    after the body, up to the first later clause that opens with another agent."""
    text = ctx.text
    relying = _ZH_RELYING_ON if ctx.lang == "zh" else _EN_RELYING_ON
    evidence = ctx.evidence()
    for body in (a for a in acting if a.obs.ref.kind == "body" and relying.search(text[: a.start])):
        reach = _subject_change(ctx, acting, body)
        for initiative in (i for i in initiatives if body.end <= i.start < reach):
            initiative.obs.add("sco:carriedOutBy", body.obs.ref, evidence)


def _works_for(ctx: SentenceContext, found: list[Observation], acting: list[Placed], initiatives: list[Placed]) -> None:
    """"<body>为<initiative>建设和运行所做工作": the body carries out the initiative;
    "<body>为平台建设和运行所做工作", "<body> for its work in building … the platform": the one
    the head word refers back to, the last named before the body whose
    name ends with (zh) or holds (en) that head, in this sentence or else in the sentence before."""
    pattern = _ZH_WORKS_FOR if ctx.lang == "zh" else _EN_WORKS_FOR
    for body in (a for a in acting if a.obs.ref.kind == "body"):
        named = [i for i in initiatives if ctx.lang == "zh" and ctx.text[body.end : i.start] == "为" and _ZH_TASK.match(ctx.text[i.end :])]
        for initiative in named:  # "<body>为<initiative>建设和运行所做工作": named in full
            initiative.obs.add("sco:carriedOutBy", body.obs.ref, ctx.evidence())
        work = pattern.match(ctx.text, body.end)
        if work is None:
            continue
        head = work.group(1).lower()
        earlier = [i.obs for i in initiatives if i.end <= body.start] or list(ctx.previous)
        referent = next((o for o in reversed(earlier) if o.ref.kind == "initiative" and _has_head(o, head, ctx.lang)), None)
        if referent is None:
            continue
        obs = Observation(referent.ref, referent.sco_class, primary=ctx.primary)
        obs.spans.append(ctx.span(*work.span(1)))
        obs.add("sco:carriedOutBy", body.obs.ref, ctx.evidence())
        found.append(obs)


def _has_head(obs: Observation, head: str, lang: str) -> bool:
    """Whether a name of `obs` in `lang` ends with (zh) or holds (en) the head word."""
    return any(l == lang and (n.rstrip("”").endswith(head) if lang == "zh" else head in n.lower()) for n, l in obs.names)


def _subject_change(ctx: SentenceContext, acting: list[Placed], body: Placed) -> int:
    """Where the first clause after the body's that opens with another agent starts (else the end)."""
    body_clause_end = clause_at(ctx.text, ctx.lang, body.start)[1]
    for start, _ in (span for span in clause_spans(ctx.text, ctx.lang) if span[0] >= body_clause_end):
        opening = start + len(ctx.text[start:]) - len(ctx.text[start:].lstrip())
        if any(a.start == opening and a is not body for a in acting):
            return start
    return len(ctx.text)


def _undertaken(ctx: SentenceContext, found: list[Observation], acting: list[Placed], initiatives: list[Placed], lexicon: Lexicon) -> None:
    """"<body>于2014年成立，…承担…事务，包括…、<initiative>建设、…": the body opening the sentence
    builds or runs the initiatives of its task list; an item naming a platform, base or fund that
    no extractor read ("环境信息共享平台建设") is a short name, resolved in the document."""
    if ctx.lang != "zh":
        return
    opening = _LEADING_DATE.match(ctx.text).end()
    subject = next((a for a in acting if a.start == opening and a.obs.ref.kind == "body"), None)
    task_list = _ZH_UNDERTAKES.search(ctx.text, subject.end) if subject else None
    if subject is None or task_list is None:
        return
    for initiative in (i for i in initiatives if i.start >= task_list.end() and _ZH_TASK.match(ctx.text[i.end :])):
        initiative.obs.add("sco:carriedOutBy", subject.obs.ref, ctx.evidence())
    for start, end in _short_named_items(ctx, task_list.end(), initiatives, lexicon):
        obs = ctx.observe(short_name_ref("initiative", ctx.text[start:end]), "Initiative", start, end)
        obs.add("sco:carriedOutBy", subject.obs.ref, ctx.evidence())
        found.append(obs)


def _led(ctx: SentenceContext, acting: list[Placed], initiatives: list[Placed]) -> None:
    """"<body>自2014年成立以来，…，牵头建设<initiative>": the body opening the sentence leads the
    building or running of the initiatives named right after such a verb, up to another agent's
    clause; "<body>在<place>启动<initiative>": it launches the initiative named right after its verb
    (not a phase of it: "启动“X”运动第二期")."""
    if ctx.lang != "zh":
        return
    opening = _LEADING_DATE.match(ctx.text).end()
    subject = next((a for a in acting if a.start == opening and a.obs.ref.kind == "body"), None)
    if subject is None:
        return
    reach = _subject_change(ctx, acting, subject)
    leads = [i for i in initiatives if subject.end <= i.start < reach and _ZH_LEADS.search(ctx.text[: i.start])]
    launches = [
        i for i in initiatives
        if i.start >= subject.end and _ZH_LAUNCHES.match(ctx.text[subject.end : i.start]) and not _ZH_PHASE.match(ctx.text, i.end)
    ]
    for initiative in leads + launches:
        initiative.obs.add("sco:carriedOutBy", subject.obs.ref, ctx.evidence())


def _set_up_by(ctx: SentenceContext, acting: list[Placed], initiatives: list[Placed]) -> None:
    """"A和B共同建立的<initiative>", "<initiative> jointly established by A and B": the list of
    bodies and states right before the verb (zh) or right after "by" (en) carry it out."""
    text = ctx.text
    for initiative in initiatives:
        if ctx.lang == "zh":
            verb = _ZH_SET_UP_BY.search(text, 0, initiative.start)
            setters = _list_ending(ctx, acting, verb.start()) if verb else []
        else:
            verb = _EN_SET_UP_BY.match(text, initiative.end)
            setters = _list_starting(ctx, acting, verb.end()) if verb else []
        for agent in setters:
            initiative.obs.add("sco:carriedOutBy", agent.obs.ref, ctx.evidence())


def _list_ending(ctx: SentenceContext, acting: list[Placed], end: int) -> list[Placed]:
    """The agents of the list that ends right at `end`, joined by list words."""
    found: list[Placed] = []
    for agent in sorted((a for a in acting if a.end <= end), key=lambda a: -a.end):
        if not _joined(ctx.text[agent.end : end], first=not found):
            break
        found.append(agent)
        end = agent.start
    return found


def _list_starting(ctx: SentenceContext, acting: list[Placed], start: int) -> list[Placed]:
    """The agents of the list that starts right at `start`, joined by list words."""
    found: list[Placed] = []
    for agent in sorted((a for a in acting if a.start >= start), key=lambda a: a.start):
        if not _joined(ctx.text[start : agent.start], first=not found):
            break
        found.append(agent)
        start = agent.end
    return found


def _joined(gap: str, first: bool) -> bool:
    """Whether `gap` joins a list item to the verb (nothing between) or to the item next to it."""
    return gap == "" if first else bool(_LIST_JOIN.match(gap))


def _in_charge(ctx: SentenceContext, found: list[Observation], acting: list[Placed], documents: list[Placed], lexicon: Lexicon) -> None:
    """"…建立《计划》实施协调机制，<body>负责具体组织实施": a body in charge of carrying out, with no
    object of its own, carries out the last document named before it in the sentence;
    "<body>负责协调战略的实施工作": the document the head word refers back to."""
    if ctx.lang != "zh":
        return
    for body in (a for a in acting if a.obs.ref.kind == "body"):
        charge = _ZH_IN_CHARGE.match(ctx.text, body.end)
        if charge is None:
            continue
        head = charge.group(1)
        if head is None:
            earlier = [d for d in documents if d.end <= body.start]
            if earlier:
                earlier[-1].obs.add("sco:carriedOutBy", body.obs.ref, ctx.evidence())
            continue
        sco_class = lexicon.document_class(head, "zh")
        if sco_class is None:
            continue
        obs = Observation(antecedent_ref("document", head), sco_class, primary=ctx.primary)
        obs.spans.append(ctx.span(*charge.span(1)))
        obs.add("sco:carriedOutBy", body.obs.ref, ctx.evidence())
        found.append(obs)


def _short_named_items(ctx: SentenceContext, start: int, initiatives: list[Placed], lexicon: Lexicon) -> list[tuple[int, int]]:
    """[start, end) of the task-list items from `start` to the end of the list that name a kind of
    facility (`SHORT_NAMED_KINDS`) before their task word and hold no initiative read already."""
    end = next((m.start() for m in _ZH_LIST_END.finditer(ctx.text, start)), len(ctx.text))
    items = []
    for match in _ZH_TASK_ITEM.finditer(ctx.text[start:end]):
        item = (start + match.start(1), start + match.end(1))
        if lexicon.initiative_class(match.group(1), "zh") not in SHORT_NAMED_KINDS:
            continue
        if not any(i.start < item[1] and item[0] < i.end for i in initiatives):
            items.append(item)
    return items


def _managed(ctx: SentenceContext, found: list[Observation], initiatives: list[Placed]) -> None:
    """"上合组织科技园区库管理委员会": the body named by an initiative's name and a managing body's
    words carries the initiative out."""
    evidence = ctx.evidence()
    for body in placed(ctx, found, ("body",)):
        for initiative in (i for i in initiatives if i.start == body.start and i.end < body.end):
            rest = ctx.text[initiative.end : body.end]
            if (_ZH_MANAGING if ctx.lang == "zh" else _EN_MANAGING).match(rest):
                initiative.obs.add("sco:carriedOutBy", body.obs.ref, evidence)


def _framework(ctx: SentenceContext, found: list[Observation], initiatives: list[Placed]) -> None:
    meetings = placed(ctx, found, ("meeting",))
    frames: list[tuple[Placed, int]] = []  # (initiative or meeting framing others, where the frame phrase ends)
    for frame in initiatives + meetings:
        rest = ctx.text[frame.end :]
        within = _ZH_WITHIN.match(rest) if ctx.lang == "zh" else None
        if within:
            frames.append((frame, frame.end + within.end()))
        elif ctx.lang == "zh" and _ZH_COMMEMORATE.search(ctx.text[max(0, frame.start - 4) : frame.start].replace("“", "")):
            frames.append((frame, frame.end))
        elif ctx.lang != "zh" and _EN_WITHIN.search(ctx.text[: frame.start]):
            frames.append((frame, frame.start))
    evidence = ctx.evidence()
    for frame, _ in frames:
        predicate = "sco:heldWithin" if frame.obs.ref.kind == "initiative" else "schema:superEvent"
        for meeting in meetings:
            if meeting is not frame and not (meeting.start <= frame.start and frame.end <= meeting.end):
                meeting.obs.add(predicate, frame.obs.ref, evidence)
    if ctx.lang == "zh":
        for meeting in meetings:
            for initiative in (i for i in initiatives if meeting.start < i.start and i.end < meeting.end):
                if _ZH_ON_INITIATIVE.match(ctx.text[initiative.end : meeting.end]):
                    meeting.obs.add("sco:heldWithin", initiative.obs.ref, evidence)
            for initiative in (i for i in initiatives if i.end <= meeting.start and ctx.text[i.end : meeting.start] in ("”", '"')):
                meeting.obs.add("sco:heldWithin", initiative.obs.ref, evidence)  # "“X”<meeting>": a meeting of programme X


def _framework_names(ctx: SentenceContext, found: list[Observation]) -> None:
    """"在“绿色之带”框架内", "within the framework of the “Green Belt”": a quoted name that holds
    nothing read already stands for the document or initiative it is a short name of, which
    `corpus_links` finds across the corpus (the stand-in goes when none fits)."""
    named = placed(ctx, found, tuple({o.ref.kind for o in found}))
    quoted = _ZH_QUOTED if ctx.lang == "zh" else _EN_QUOTED
    for match in quoted.finditer(ctx.text):
        if ctx.lang == "zh":
            framed = _ZH_WITHIN.match(ctx.text[match.end(1) :]) is not None
        else:
            framed = _EN_WITHIN.search(ctx.text[: match.start()]) is not None
        if framed and not any(p.start < match.end() and match.start() < p.end for p in named):
            ref = Ref(FRAMEWORK_NAME, f"{ctx.lang}:{match.group(1)}")
            found.append(ctx.observe(ref, "Document", match.start(1), match.end(1)))
