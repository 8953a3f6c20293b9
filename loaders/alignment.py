"""Pair the Chinese and English paragraphs of a bilingual text.

One mechanism serves both bilingual layouts: the text is cut into runs of one
language; each Chinese run is aligned with the English run that follows it by a
monotone dynamic-programming alignment scored on shared numbers and length ratio.
A zh-block/en-block document is simply one long run of each language.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import groupby

from .segments import Segment

_NUMBER = re.compile(r"\d+")
EN_PER_ZH_CHAR = 3.0  # typical length of an English translation per Chinese character
SKIP_SCORE = 0.0
MIN_PAIR_SCORE = 0.2


@dataclass(frozen=True)
class AlignedPair:
    """A Chinese paragraph and its English counterpart; either side may be missing."""

    zh: Segment | None
    en: Segment | None


def pair_score(zh: Segment, en: Segment) -> float:
    """How likely `en` translates `zh`: shared numbers plus a plausible length ratio."""
    zh_numbers = set(_NUMBER.findall(zh.text))
    en_numbers = set(_NUMBER.findall(en.text))
    union = zh_numbers | en_numbers
    numbers = len(zh_numbers & en_numbers) / len(union) if union else 0.5
    ratio = len(en.text) / max(1.0, EN_PER_ZH_CHAR * len(zh.text))
    length = max(0.0, 1.0 - abs(math.log(ratio)) / 2.0)
    return numbers + length


def align_runs(zh_run: list[Segment], en_run: list[Segment]) -> list[AlignedPair]:
    """Monotone alignment of two runs maximising the summed pair scores."""
    n, m = len(zh_run), len(en_run)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[""] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            options = []
            if i and j:
                score = pair_score(zh_run[i - 1], en_run[j - 1])
                if score >= MIN_PAIR_SCORE:
                    options.append((best[i - 1][j - 1] + score, "pair"))
            if i:
                options.append((best[i - 1][j] + SKIP_SCORE, "zh"))
            if j:
                options.append((best[i][j - 1] + SKIP_SCORE, "en"))
            best[i][j], move[i][j] = max(options)
    pairs: list[AlignedPair] = []
    i, j = n, m
    while i or j:
        step = move[i][j]
        if step == "pair":
            pairs.append(AlignedPair(zh_run[i - 1], en_run[j - 1]))
            i, j = i - 1, j - 1
        elif step == "zh":
            pairs.append(AlignedPair(zh_run[i - 1], None))
            i -= 1
        else:
            pairs.append(AlignedPair(None, en_run[j - 1]))
            j -= 1
    return pairs[::-1]


def align(paragraphs: list[Segment]) -> list[AlignedPair]:
    """Align a bilingual document's paragraphs, in document order."""
    runs = [(lang, list(group)) for lang, group in groupby(paragraphs, key=lambda s: s.lang)]
    pairs: list[AlignedPair] = []
    index = 0
    while index < len(runs):
        lang, run = runs[index]
        if lang == "zh" and index + 1 < len(runs) and runs[index + 1][0] == "en":
            pairs.extend(align_runs(run, runs[index + 1][1]))
            index += 2
            continue
        pairs.extend(AlignedPair(s, None) if lang == "zh" else AlignedPair(None, s) for s in run)
        index += 1
    return pairs
