"""English children's services authorities: one canonical name each, and the other ways
reports, folders and users write them (`authorities.txt`).

    find_authority("Inspection of City of Bradford Metropolitan Borough Council local authority children's services")
    -> "Bradford"
    find_authority("1 London Borough of Hammersmith & Fulham Inspection of children's social care services")
    -> "Hammersmith and Fulham"

A report's title page names its council among other words ("Royal Borough of",
"Metropolitan District Council", a page number); looking for the known names, longest
first, is what makes the name right for every real report rather than for most.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

LIST = Path(__file__).with_name("authorities.txt")
# Place names that are also everyday English words: a capitalised use names the council, and in a
# question a lower-case one where only a place fits ("in bury", "reading's"). Other
# names count however they are typed: users write "kingston" and "windsor" in lower case. The
# counties' usual short forms ("Northants", "Herts") are aliases in authorities.txt; three of them
# are also words ("staffs", "bucks", "wilts").
# (not "stoke", "bury", "hull" or "derby": typed in lower case in a question about children's services, each
# is the place, never the verb or the noun; users write "what did derby get?", "is hull any good")
COMMON_WORDS = {"reading", "staffs", "bucks", "wilts"}
# What makes "reading" the word, not the place, where it is typed in lower case: what is read ("reading age",
# "reading support", "reading and writing", "is reading promoted") or whose ("their reading"). Anywhere else in
# a question about children's services it is the place: "do reading PAs ...", "which agency is reading in".
AS_A_WORD = {"reading": (r"(?:\s+(?:and\s+writing|age|ages|levels?|skills?|support|books?|ability|abilities|recovery|"
                         r"comprehension|difficult\w*|attainment|progress|scores?|tests?|aloud|clubs?|schemes?|"
                         r"materials|groups?|promoted|encouraged|improved|improving|going)\b)",
                         ("their", "his", "her", "your", "our", "pupils'", "pupils’", "children's", "children’s",
                          "improve", "improving", "with", "of"))}


def normalise(text: str) -> str:
    """Case, '&', 'and', 'St.', hyphens and spacing as one form: "Stoke-on-Trent" == "stoke on trent",
    "Windsor & Maidenhead" == "windsor-maidenhead"."""
    text = text.replace("’", "'").replace("&", " ")
    text = re.sub(r"\bSt\.", "St", text, flags=re.I)
    text = re.sub(r"[-,]", " ", text)
    return " ".join(w for w in text.lower().split() if w != "and")


COMPASS = re.compile(r"^([NSEW])(?:orth|outh|ast|est) ((?!East\b|West\b)\S.*)$")
# A council named for two places is called by its first as often as not: "Cheshire West" for Cheshire West
# and Chester, "Telford" for Telford and Wrekin. ("upon" and "-on-" names are not: "Kingston" is two councils.)
LEADING = re.compile(r"^(.+?)(?:,| and | with )")


@lru_cache(maxsize=1)
def aliases() -> dict[str, str]:
    """alias as written -> canonical name, every canonical name being its own alias."""
    out: dict[str, str] = {}
    lines = [[n.strip() for n in line.split("|")] for line in LIST.read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    for names in lines:
        # "E Sussex", "W Berks", "N Yorks": a compass word is shortened to its initial as often as not
        names += [f"{m.group(1)} {m.group(2)}" for m in (COMPASS.match(n) for n in names) if m]
        for alias in names:
            out.setdefault(alias, names[0])
    # after every listed name, so that a leading place that is itself a council ("Bath" is not, but a list
    # may grow one) or another council's alias keeps its listed meaning
    taken = {normalise(alias) for alias in out}
    for names in lines:
        m = LEADING.match(names[0])
        if m and normalise(m.group(1)) not in taken:
            out[m.group(1)] = names[0]
    return out


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern, str, str]]:
    """(pattern, alias, canonical), longest alias first so "North Somerset" beats "Somerset"."""
    out = []
    for alias, canonical in aliases().items():
        words = normalise(alias).split()
        body = r"\s+".join(re.escape(w) for w in words)
        out.append((re.compile(r"(?<![\w'])" + body + r"(?![\w])"), alias, canonical))
    out.sort(key=lambda item: -len(normalise(item[1])))
    return out


def canonical(name: str) -> str | None:
    """The canonical name for a name or alias written any way: "windsor & maidenhead" -> "Windsor and Maidenhead"."""
    wanted = normalise(name)
    for alias, canon in aliases().items():
        if normalise(alias) == wanted:
            return canon
    return None


def find_authority(text: str) -> str | None:
    """The council a piece of title text names: the longest known name in it, else None."""
    flat = normalise(text)
    for pattern, alias, canon in _patterns():
        for m in pattern.finditer(flat):
            if normalise(alias) in COMMON_WORDS and not _capitalised(text, alias):
                continue
            return canon
    return None


def _capitalised(text: str, alias: str) -> bool:
    return bool(re.search(r"(?<![\w])" + re.escape(alias[:1].upper() + alias[1:]) + r"(?![\w])", text))


def slug(name: str) -> str:
    """ "Bournemouth, Christchurch and Poole" -> "bournemouth-christchurch-and-poole" """
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("&", " and ").replace("’", "'").replace("'", "")).strip("-")
