"""Question text -> `Query`: what kind of answer it wants and which reports it is about.

    analyse("What must happen within three months for health partners in South Glos?", authorities)
    -> Query(intent="recommendation", timescale="Within three months", audience="health",
             authorities=["South Gloucestershire"], ...)

Pure functions over words; no index access, so it is cheap to test exhaustively.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

TIMESCALE_PATTERNS = {
    "Immediately": r"\bimmediate(ly)?\b|\bstraight away\b|\bright away\b|\burgent(ly)?\b|\bat once\b|\bnow\b",
    "Within three months": r"\b(three|3)[ -]months?\b|\b90 days\b|\bquarter\b",
    "Within six months": r"\b(six|6)[ -]months?\b|\bhalf[ -]year\b",
}

# Bodies named in recommendations, and the words a user would use for them.
AUDIENCES: dict[str, tuple[str, str]] = {
    # key: (pattern in the question, pattern in a recommendation's text)
    "health": (r"\bhealth (partners?|services?|bodies|agencies|providers?|colleagues|side)\b|\bnhs\b|\bhospitals?\b|"
               r"\bpct\b|\bcamhs\b|\bgps?\b|\bclinical\b|\bhealth\b|\btrusts?\b|\bmedical\b|\bdoctors?\b|\bnurses?\b",
               r"\bNHS\b|\bTrust\b|\bhospitals?\b|\bPCT\b|\bCAMHS?\b|\bhealth\b|\bclinical\b|\bGPs?\b|\bmidwi|\bnurs"),
    "police": (r"\bpolice\b", r"\bpolice\b"),
    "lscb": (r"\blscb\b|safeguarding (children )?board|\bboard\b", r"\bLSCB\b|Safeguarding Children Board"),
    "looked after children": (r"looked[ -]after|children in care|\bkids in care\b|\bin care\b|care leavers?|\blac\b|"
                              r"\bfoster",
                              r"looked after|care leavers?|children in care|foster"),
    "council": (r"\bcouncil\b|local authority|\bla\b|social care|social work", r"\bcouncil\b|local authority"),
}

RECOMMENDATION = re.compile(
    r"\b(must|should|need(s)? to|has to|have to|got to|required?|recommend\w*|areas? for improvement|improve(ment)?s? "
    r"(needed|required)|to[- ]do|actions?|what needs to improve|deadline|by when|timescales?|sort out|fix)\b",
    re.I,
)
JUDGEMENT = re.compile(
    r"\b(grade[sd]?|grading|judge?ments?|judged|rated|rating|score[ds]?|verdict|ofsted (said|say|gave)|"
    r"how (good|well) (was|were|is|are)|(get|got|receive[d]?|given) for|what did .{0,60}\bget|any good|"
    r"good or bad|how did .{0,60}\b(do|fare)|"
    r"(outstanding|good|adequate|inadequate)\?)\b",
    re.I,
)
STRONG_JUDGEMENT = re.compile(r"\b(grade[sd]?|judged|rated|rating)\b", re.I)
FIGURE = re.compile(r"\b(how many|how much|what (percentage|proportion|number|share|rate)|percent|%|figures?|"
                    r"statistics?|numbers?|on time|within \d+ days|how (often|long)|count)\b", re.I)
REFERENCE = re.compile(r"\b(which|what) (paragraph|para|section|part)s?\b|\bwhere (does|did) (it|the report) say\b|"
                       r"\bsource\b|\bcite\b", re.I)
INJECTION = re.compile(
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(instructions?|rules|prompts?|previous|above|system)\b|"
    r"\b(print|show|reveal|repeat|display|output|tell me)\b.{0,30}\b(system )?(prompt|instructions)\b|"
    r"\byou are now\b|\bact as\b|\bjailbreak\b|\bdeveloper mode\b|\bpretend (to be|you are)\b",
    re.I,
)
YEAR = re.compile(r"\b(20[0-4]\d)\b")
COMMON_WORD_NAMES = {"reading", "bury", "hull", "stoke", "york", "kent", "derby", "poole", "sutton", "windsor"}


@dataclass(frozen=True)
class Query:
    text: str
    intent: str  # "recommendation" | "judgement" | "figure" | "reference" | "describe"
    timescale: str | None = None
    audience: str | None = None
    authorities: tuple[str, ...] = ()  # indexed authorities the question names
    years: tuple[int, ...] = ()
    unindexed: tuple[str, ...] = ()  # councils it names that are not indexed
    injection: bool = False
    terms: tuple[str, ...] = field(default_factory=tuple)


def known_authorities() -> dict[str, str]:
    """alias (as written) -> canonical authority name, for every English children's services authority."""
    from index.authorities import aliases

    return aliases()


def mentions(question: str, name: str) -> bool:
    """Whether `name` is named in the question as a place, not as part of an NHS body."""
    flags = 0 if name.lower() in COMMON_WORD_NAMES else re.I
    pattern = r"(?<![\w-])" + re.escape(name).replace(r"\ ", r"[\s-]+") + r"(?![\w-])(?!\s+(NHS|University|Hospitals?|Trust|Royal))"
    return bool(re.search(pattern, question, flags))


def analyse(question: str, indexed: dict[str, list[str]] | None = None) -> Query:
    """`indexed`: authority -> its aliases, for the authorities that are in the index."""
    indexed = indexed or {}
    text = " ".join(question.split())
    named = tuple(a for a, aliases in indexed.items() if any(mentions(text, alias) for alias in [a, *aliases]))
    indexed_lower = {a.lower() for a in indexed} | {al.lower() for aliases in indexed.values() for al in aliases}
    unindexed = []
    for alias, canonical in known_authorities().items():
        if canonical.lower() in indexed_lower or alias.lower() in indexed_lower or canonical in unindexed:
            continue
        if any(canonical.lower() in n.lower() or n.lower() in canonical.lower() for n in named):
            continue  # "Gloucestershire" inside "South Gloucestershire"
        if mentions(text, alias):
            unindexed.append(canonical)
    timescale = next((t for t, pat in TIMESCALE_PATTERNS.items() if re.search(pat, text, re.I)), None)
    if timescale == "Immediately" and re.search(r"\bnow\b", text, re.I) and not RECOMMENDATION.search(text):
        timescale = None  # "what happens now" is not a deadline
    audience = next((key for key, (q, _) in AUDIENCES.items() if re.search(q, text, re.I)), None)
    if REFERENCE.search(text):
        intent = "reference"
    elif JUDGEMENT.search(text) and (not RECOMMENDATION.search(text) or STRONG_JUDGEMENT.search(text)):
        intent = "judgement"
    elif timescale or RECOMMENDATION.search(text):
        intent = "recommendation"
    elif FIGURE.search(text):
        intent = "figure"
    else:
        intent = "describe"
    years = tuple(int(y) for y in YEAR.findall(text))
    return Query(text=text, intent=intent, timescale=timescale, audience=audience, authorities=named,
                 years=years, unindexed=tuple(unindexed), injection=bool(INJECTION.search(text)))


def strip_names(text: str, names: tuple[str, ...]) -> str:
    """The question without the councils it names: "... in Medway and Sandwell" -> "... in and"."""
    for name in names:
        text = re.sub(r"(?<![\w-])" + re.escape(name) + r"(['’]s)?(?![\w-])", " ", text, flags=re.I)
    return " ".join(text.split())


def audience_matches(audience: str | None, text: str, section: tuple[str, ...] = ()) -> bool:
    if audience is None:
        return True
    pattern = AUDIENCES[audience][1]
    if audience == "looked after children":
        return bool(re.search(pattern, text + " " + " ".join(section), re.I))
    if audience == "council":
        return bool(re.search(pattern, text, re.I)) or bool(re.match(r"^(ensure|improve|continue|complete|raise|embed|"
                                                                     r"routinely|develop|review)\b", text, re.I))
    return bool(re.search(pattern, text))
