"""A synthetic corpus in the four layouts of corpus/, at any multiple of the real corpus's size.

Every document is new text built from sentence templates filled with states (states.yaml),
cities (places.yaml), bodies (bodies.yaml), ordinals, dates, invented persons and titles; each
comes with its `.meta.yaml` sidecar (id, title, genre, issuer, published, languages,
primary_language, layout, origin: synthetic). The same seed always gives the same files.

- bilingual-line-pairs: a heads-of-government communiqué, one Chinese line then its English line;
- zh-block-en-block: a forum initiative, the whole Chinese text, four blank lines, the English text;
- zh-only: a news bulletin, items opening with ` 标题` and `【来源/月日】`, lines wrapped at ~48 characters;
- zh-only-table: a cooperation plan wrapped at ~17 characters, ending in a table written column by
  column (category, number, project name), as PDF extraction leaves it.

    .venv/bin/python bench/corpus_generator.py --scale 10 --out /tmp/corpus10
"""
from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "loaders" / "data"
CORPUS = REPO / "corpus"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
ZH_DIGITS = "零一二三四五六七八九"
# Invented transliterated names: (Chinese syllable, Latin syllable) pairs joined into a surname.
SYLLABLES = (("阿", "A"), ("别", "be"), ("克", "k"), ("诺", "no"), ("夫", "v"), ("卡", "ka"), ("萨", "sa"),
             ("利", "li"), ("耶", "ye"), ("多", "do"), ("尔", "r"), ("马", "ma"), ("托", "to"), ("拉", "ra"),
             ("佐", "zo"), ("达", "da"), ("穆", "mu"), ("塔", "ta"), ("扎", "za"), ("伊", "i"))
ROLES = (("总理", "Prime Minister"), ("副总理", "Deputy Prime Minister"), ("外交部长", "Minister of Foreign Affairs"),
         ("环境部长", "Minister of Environment"), ("第一副总理", "First Deputy Prime Minister"))
TOPICS = (("生态环境保护", "ecological and environmental protection"), ("应对气候变化", "addressing climate change"),
          ("生物多样性保护", "biodiversity conservation"), ("荒漠化防治", "combating desertification"),
          ("水资源管理", "water resources management"), ("固体废物管理", "solid waste management"),
          ("绿色低碳发展", "green and low-carbon development"), ("大气污染防治", "air pollution control"))


@dataclass(frozen=True)
class State:
    zh: str
    zh_official: str
    en: str
    en_official: str
    alpha3: str


@dataclass(frozen=True)
class Place:
    zh: str
    en: str
    country: str


@dataclass(frozen=True)
class Body:
    zh: str
    en: str


@dataclass(frozen=True)
class Gazetteer:
    """The reference names the documents are made of."""

    states: list[State]
    cities: dict[str, list[Place]]  # by the alpha3 code of their country
    bodies: list[Body]

    @classmethod
    def load(cls, data_dir: Path = DATA) -> "Gazetteer":
        """Read states, cities and bodies from the loaders' YAML files."""
        states_data = yaml.safe_load((data_dir / "states.yaml").read_text(encoding="utf-8"))
        places_data = yaml.safe_load((data_dir / "places.yaml").read_text(encoding="utf-8"))
        bodies_data = yaml.safe_load((data_dir / "bodies.yaml").read_text(encoding="utf-8"))
        cities: dict[str, list[Place]] = {}
        for item in places_data:
            if item["kind"] == "city":
                cities.setdefault(item["country"], []).append(Place(item["zh"], item["en"], item["country"]))
        states = [State(s["zh"], s["zh_official"], s["en"], s["en_official"], s["alpha3"])
                  for s in states_data if s["alpha3"] in cities]
        bodies = [Body(b["zh"], b["en"]) for b in bodies_data if b.get("zh") and b.get("en")]
        return cls(states, cities, bodies)


def zh_number(n: int) -> str:
    """`n` (1-99) in Chinese numerals: 24 → 二十四."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else ZH_DIGITS[tens] + "十")
    return head + (ZH_DIGITS[ones] if ones or not tens else "")


def en_ordinal(n: int) -> str:
    """`n` as an English ordinal: 21 → 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def wrap(text: str, width: int) -> list[str]:
    """Hard line breaks every `width` characters, as PDF extraction leaves Chinese text."""
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


class Writer:
    """Draws names, dates and sentences from one seeded random generator."""

    def __init__(self, gazetteer: Gazetteer, rng: random.Random) -> None:
        self.g, self.rng = gazetteer, rng

    def state(self) -> State:
        return self.rng.choice(self.g.states)

    def city(self, state: State | None = None) -> Place:
        return self.rng.choice(self.g.cities[(state or self.state()).alpha3])

    def body(self) -> Body:
        return self.rng.choice(self.g.bodies)

    def topic(self) -> tuple[str, str]:
        return self.rng.choice(TOPICS)

    def date(self, year: int | None = None) -> tuple[int, int, int]:
        return (year or self.rng.randint(2002, 2030), self.rng.randint(1, 12), self.rng.randint(1, 28))

    def person(self) -> tuple[str, str]:
        """An invented surname in Chinese and English."""
        parts = [self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(3, 4))]
        latin = "".join(p[1] for p in parts)
        return "".join(p[0] for p in parts), latin[0].upper() + latin[1:]

    def sentence(self) -> tuple[str, str]:
        """One cooperation sentence in Chinese and English."""
        s, c, b = self.state(), None, self.body()
        c = self.city(s)
        (tz, te), (y, m, d) = self.topic(), self.date()
        zh_name, en_name = self.person()
        role_zh, role_en = self.rng.choice(ROLES)
        pick = self.rng.randrange(5)
        if pick == 0:
            return (f"{y}年{m}月{d}日,{b.zh}在{c.zh}举办{tz}合作研讨会,{s.zh_official}代表出席。",
                    f"On {MONTHS[m - 1]} {d}, {y}, the {b.en} held a seminar on cooperation in {te} in {c.en}, "
                    f"attended by representatives of the {s.en_official}.")
        if pick == 1:
            return (f"成员国欢迎{s.zh}于{y}年在{c.zh}举办上合组织{tz}论坛。",
                    f"The Member States welcomed the SCO forum on {te} to be hosted by {s.en} in {c.en} in {y}.")
        if pick == 2:
            return (f"{s.zh_official}{role_zh}{zh_name}表示,{s.zh}愿同各方深化{tz}领域合作。",
                    f"{role_en} {en_name} of the {s.en_official} said that {s.en} was ready to deepen "
                    f"cooperation in {te} with all parties.")
        if pick == 3:
            return (f"各方支持{b.zh}同{s.zh}在{tz}方面开展联合研究和人员培训。",
                    f"The parties support joint research and personnel training in {te} between the {b.en} "
                    f"and {s.en}.")
        return (f"成员国注意到{s.zh}在{c.zh}实施的{tz}示范项目取得积极成果。",
                f"The Member States noted the positive results of the {te} demonstration project "
                f"implemented by {s.en} in {c.en}.")


def bilingual_line_pairs(w: Writer, n: int, size: int) -> tuple[dict, str]:
    """A heads-of-government communiqué: each Chinese line followed by its English line."""
    host = w.state()
    city = w.city(host)
    year, month, day = w.date(2001 + n % 30)
    chair_zh, chair_en = w.person()
    title_zh = f"上海合作组织成员国政府首脑(总理)理事会第{zh_number(n % 99 + 1)}次会议联合公报"
    title_en = (f"Joint Communiqué of the {en_ordinal(n % 99 + 1)} Meeting of the Council of Heads of Government "
                "(Prime Ministers) of the Shanghai Cooperation Organisation Member States")
    lines = [f"{title_zh}({year}-{month:02d}-{day:02d})", f"{title_en} ({MONTHS[month - 1]} {day}, {year})",
             f"{year}年{month}月{day}日,上海合作组织成员国政府首脑(总理)理事会第{zh_number(n % 99 + 1)}次会议在{city.zh}举行。",
             f"The {en_ordinal(n % 99 + 1)} meeting of the Council of Heads of Government (Prime Ministers) of the "
             f"Shanghai Cooperation Organisation member states was held in {city.en} on {MONTHS[month - 1]} {day}, {year}.",
             f"会议由{host.zh_official}总理{chair_zh}主持。",
             f"The meeting was chaired by Prime Minister {chair_en} of the {host.en_official}."]
    while sum(len(line.encode()) + 1 for line in lines) < size:
        lines.extend(w.sentence())
    meta = _meta(f"hog-{n % 99 + 1}-joint-communique-{year}-{n}", title_zh, title_en, "communique",
                 ("上海合作组织成员国政府首脑(总理)理事会", "Council of Heads of Government (Prime Ministers) of the SCO Member States"),
                 f"{year}-{month:02d}-{day:02d}", ["zh", "en"], "bilingual-line-pairs")
    return meta, "\n".join(lines) + "\n"


def zh_block_en_block(w: Writer, n: int, size: int) -> tuple[dict, str]:
    """A forum initiative: the Chinese text, four blank lines, then the English text."""
    host = w.state()
    city = w.city(host)
    (tz, te), (year, month, day) = w.topic(), w.date()
    title_zh, title_en = f"“携手{tz}”{city.zh}倡议", f"{city.en} Initiative on Joint Action for {_headline(te)}"
    forum_zh, forum_en = f"上海合作组织国家{tz}论坛", f"SCO Countries Forum on {_headline(te)}"
    zh = [f"{title_zh}", f"{year}年{month}月{day}日,{forum_zh}在{city.zh}举行。", "论坛倡导各方:"]
    en = [f"{title_en}", f"On {day} {MONTHS[month - 1]} {year}, the {forum_en} was held in {city.en}.",
          "The forum calls on all parties to:"]
    item = 0
    while sum(len(line.encode()) + 2 for line in zh + en) < size:
        item += 1
        line_zh, line_en = w.sentence()
        zh.append(f"{item}. {line_zh}")
        en.append(f"{item}. {line_en}")
    zh += [forum_zh, f"{year}年{month}月{day}日于{city.zh}"]
    en += [forum_en, f"{day} {MONTHS[month - 1]} {year}", f"{city.en}, {host.en_official}"]
    meta = _meta(f"{_slug(te)}-{_slug(city.en)}-initiative-{n}", title_zh, title_en, "initiative",
                 (forum_zh, forum_en), f"{year}-{month:02d}-{day:02d}", ["zh", "en"], "zh-block-en-block")
    return meta, "\n\n\n\n\n" + "\n\n".join(zh) + "\n\n\n\n" + "\n\n".join(en) + "\n"


def zh_only(w: Writer, n: int, size: int) -> tuple[dict, str]:
    """A news bulletin: items with a headline, a 【source/date】 dateline and wrapped paragraphs."""
    year, month, _ = w.date()
    lines: list[str] = []
    while sum(len(line.encode()) + 1 for line in lines) < size:
        s, b = w.state(), w.body()
        c = w.city(s)
        (tz, _), (_, m, d) = w.topic(), w.date(year)
        lines += [f" {s.zh}在{c.zh}举办{tz}专题会议", "", f"【{b.zh}/{m}月{d}日】 {year}年{m}月{d}日,{s.zh}在{c.zh}举办{tz}专题会议。"]
        paragraph = "".join(w.sentence()[0] for _ in range(3))
        for piece in wrap(paragraph, 48):
            lines += [piece, ""]
    meta = _meta(f"sco-environment-bulletin-{year}-{month:02d}-{n}", "上合组织国家环保动态",
                 "SCO Countries Environmental News Bulletin", "bulletin",
                 ("中国-上海合作组织环境保护合作中心", "China Center for SCO Environmental Cooperation"),
                 f"{year}-{month:02d}", ["zh"], "zh-only")
    return meta, "\n".join(lines) + "\n"


def zh_only_table(w: Writer, n: int, size: int) -> tuple[dict, str]:
    """A cooperation plan: narrow wrapped paragraphs under numbered headings, then a project table."""
    start = w.rng.randint(2016, 2030)
    title = f"中国—上海合作组织{w.topic()[0]}合作行动方案（{start}—{start + 4}年）"
    lines: list[str] = []
    projects: list[tuple[str, str]] = []
    section = 0
    while sum(len(line.encode()) + 1 for line in lines) < size * 0.8:
        section += 1
        lines += [f"{zh_number(section)}、重点任务", ""]
        for sub in range(1, 4):
            tz, _ = w.topic()
            s = w.state()
            c = w.city(s)
            lines += [f"（{zh_number(sub)}）加强{tz}合作", ""]
            lines += wrap("".join(w.sentence()[0] for _ in range(2)), 17) + [""]
            projects.append((tz, f"中国—{s.zh}{tz}示范项目（{c.zh}）"))
    lines += ["（见下表）", "", title, "", "类目", ""]
    for topic in dict.fromkeys(p[0] for p in projects):
        lines += [topic, ""]
    lines += ["序号", ""] + [x for i in range(1, len(projects) + 1) for x in (str(i), "")]
    lines += ["项目名称", ""] + [x for p in projects for x in (p[1], "")]
    meta = _meta(f"china-sco-cooperation-action-plan-{start}-{n}", title, f"China-SCO Cooperation Action Plan ({start}-{start + 4})",
                 "plan", ("生态环境部", "Ministry of Ecology and Environment of China"), f"{start}-03", ["zh"], "zh-only-table")
    return meta, "\n".join(lines) + "\n"


GENERATORS: dict[str, Callable[[Writer, int, int], tuple[dict, str]]] = {
    "bilingual-line-pairs": bilingual_line_pairs, "zh-block-en-block": zh_block_en_block,
    "zh-only": zh_only, "zh-only-table": zh_only_table,
}


def real_documents(corpus_dir: Path = CORPUS) -> list[tuple[str, int]]:
    """(layout, text bytes) of each document of the real corpus, the pattern the synthetic one repeats."""
    shapes = []
    for path in sorted(corpus_dir.glob("*.txt")):
        sidecar = yaml.safe_load(path.with_name(path.stem + ".meta.yaml").read_text(encoding="utf-8"))
        shapes.append((sidecar["layout"], path.stat().st_size))
    return shapes


def generate(out_dir: Path, scale: float, seed: int = 0, gazetteer: Gazetteer | None = None) -> tuple[int, int]:
    """Write documents totalling about `scale` × the real corpus's text bytes into `out_dir`.

    The documents cycle through the real corpus's layouts and sizes (each size jittered by up to
    ±30 %), so 1× is five documents shaped like corpus/ and 10× is fifty.
    Returns (documents, text bytes) written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    writer = Writer(gazetteer or Gazetteer.load(), rng)
    shapes = real_documents()
    target, written, count = int(scale * sum(size for _, size in shapes)), 0, 0
    while written < target:
        layout, real_size = shapes[count % len(shapes)]
        size = min(int(real_size * rng.uniform(0.7, 1.3)), max(target - written, 2_000))
        meta, text = GENERATORS[layout](writer, count, size)
        (out_dir / f"{meta['id']}.txt").write_text(text, encoding="utf-8")
        (out_dir / f"{meta['id']}.meta.yaml").write_text(
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
        written += len(text.encode())
        count += 1
    return count, written


def _meta(doc_id: str, title_zh: str, title_en: str, genre: str, issuer: tuple[str, str],
          published: str, languages: list[str], layout: str) -> dict:
    return {"id": doc_id, "title": {"zh": title_zh, "en": title_en}, "genre": genre,
            "issuer": {"zh": issuer[0], "en": issuer[1]}, "published": published, "languages": languages,
            "primary_language": "zh", "layout": layout, "origin": "synthetic"}


def _headline(text: str) -> str:
    """Title case for English names, short function words left lower-case."""
    return " ".join(w if w in ("and", "of", "on") else w[0].upper() + w[1:] for w in text.split())


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isascii() and ch.isalnum() else " " for ch in text.lower()).split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiple of the real corpus's size")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    documents, size = generate(args.out, args.scale, args.seed)
    print(f"{documents} documents, {size / 1e6:.2f} MB in {args.out}")


if __name__ == "__main__":
    main()
