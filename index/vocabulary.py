"""The reports' fixed vocabulary, in one place: what Ofsted grades and in what words, the
deadlines its recommendations carry, who they are addressed to, and the everyday words
users have for the reports' terms.

    area_key("The experiences and progress of children in care and care leavers")  -> "in_care"
    area_key("Once placed, children are making good progress. The experiences ...") -> None
    grade_number("Requires improvement to be good")                                -> 3
    timescale_of_heading("Within three months:")                                   -> "Within three months"
    timescale_asked("what has to happen in the next 3 months?")                    -> "Within three months"
    audiences_of("Ensure North Bristol NHS Trust ...")                              -> {"health"}

The parser keeps only judgements whose area is listed here (a sentence is never an
area) and reads deadlines with these words; the judgement table filters on these keys;
the assistant matches question words to them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    key: str
    label: str  # how an answer names it
    pattern: str  # over the normalised area text of a report (lower case, framing words removed)
    asked: str  # how a question names it


# Order matters: the first pattern that matches wins ("children in care and care leavers"
# is the in-care judgement of 2018-22 ILACS, not the care-leaver one of 2023 on).
AREAS: tuple[Area, ...] = (
    Area("overall", "overall effectiveness", r"^overall (effectiveness|judgement)\b", r"\boverall\b"),
    Area("leaders", "the impact of leaders", r"^(impact of leaders|leadership,? management and governance|"
         r"leadership and management)\b", r"\blead(ers?|ership)\b|\bmanagement and governance\b|\bgovernance\b"),
    Area("help_and_protection", "help and protection",
         r"^(experiences? and progress of )?children (who need|in need of) help and protection\b",
         r"\bhelp and protection\b|\bneed(ing)? help\b|\bchild(ren)? protection\b"),
    Area("in_care", "children in care", r"^(experiences? and progress of )?(children in care|children looked after"
         r"|looked after children)\b(?! and young people)", r"\bin care\b|\blooked[ -]after\b|\bpermanence\b"),
    Area("care_leavers", "care leavers", r"^(experiences? and progress of )?care leavers\b",
         r"\bcare leavers?\b|\bleaving care\b|\bcare[- ]experienced\b"),
    Area("adoption", "adoption performance", r"^adoption( performance)?\b", r"\badopt(ion|ions|ed|ing)?\b"),
    Area("lscb", "the Local Safeguarding Children Board", r"^(effectiveness of )?(the )?(local )?safeguarding "
         r"children board|^(effectiveness of )?(the )?lscb\b", r"\blscb\b|\bsafeguarding (children )?board\b"),
    Area("capacity_to_improve", "capacity to improve", r"^capacity (to|for) improve", r"\bcapacity (to|for) improv"),
    Area("safety", "whether children and young people are safe", r"^children and young people are safe",
         r"\b(are|being) safe and feel(ing)? safe\b|\bfeel(ing)? safe\b"),
    Area("outcomes", "outcomes", r"^outcomes for\b|^how good are outcomes", r"\boutcomes\b"),
    Area("quality_of_provision", "quality of provision", r"^quality of provision", r"\bquality of provision\b"),
    Area("health_contribution", "the contribution of health agencies", r"^contribution of health",
         r"\bcontribution of health\b|\bhealth agencies\b"),
    Area("ambition_and_prioritisation", "ambition and prioritisation", r"^ambition and prioriti[sz]ation",
         r"\bambition\b|\bprioriti[sz]ation\b"),
    Area("performance_management", "performance management and quality assurance",
         r"^performance management", r"\bperformance management\b"),
    Area("partnership_working", "partnership working", r"^partnership working|^partnerships\b",
         r"\bpartnership( working)?\b"),
    Area("equality_and_diversity", "equality and diversity", r"^equality and diversity", r"\bequality\b|\bdiversity\b"),
    Area("being_healthy", "being healthy", r"^being healthy", r"\bbeing healthy\b"),
    Area("staying_safe", "staying safe", r"^staying safe", r"\bstaying safe\b"),
    Area("enjoying_and_achieving", "enjoying and achieving", r"^enjoying and achieving", r"\benjoying and achieving\b"),
    Area("positive_contribution", "making a positive contribution", r"^making a positive contribution",
         r"\bpositive contribution\b"),
    Area("economic_wellbeing", "economic well-being", r"^economic well[- ]?being", r"\beconomic well[- ]?being\b"),
    Area("user_engagement", "user engagement", r"^user engagement", r"\buser engagement\b"),
    Area("value_for_money", "value for money", r"^value for money", r"\bvalue for money\b"),
)
BY_KEY = {a.key: a for a in AREAS}

# "Requires improvement to be good" is ILACS; "requires improvement" SIF; the 2012-13
# frameworks graded 1-4 with "Adequate" as 3.
GRADE_WORD = r"(outstanding|good|requires?\s+improvement(?:\s+to\s+be\s+good)?|inadequate|adequate|not\s+judged)"
_NUMBERS = {"outstanding": 1, "good": 2, "adequate": 3, "requires improvement": 3,
            "requires improvement to be good": 3, "require improvement": 3, "inadequate": 4}
# "Not judged" (a SIF area with no children in it, as in the Isles of Scilly) has no number


def grade_number(word: str) -> int | None:
    # as tidied: SIF summaries say councils "require improvement to be good" (37 of the corpus's judgements)
    return _NUMBERS.get(grade_word(word).lower())


def grade_word(word: str) -> str:
    """The report's words, tidied: "requires Improvement  to be good" -> "Requires improvement to be good"."""
    word = " ".join(word.split()).lower()
    word = "requires improvement" + word[len("require improvement"):] if word.startswith("require improvement") else word
    return word[:1].upper() + word[1:]


_FRAMING = re.compile(r"^(\d+(\.\d+)?\.?\s+)?(the )?(graded )?(judge?ment (for|about|on) )?(the )?", re.I)


def normalise_area(text: str) -> str:
    text = " ".join(text.replace("’", "'").split()).lower().rstrip(" .:")
    text = _FRAMING.sub("", text)
    text = re.sub(r"\s+(is|are)( that it( is)?)?$", "", text)
    return text.replace("experience and progress", "experiences and progress")


def area_key(text: str) -> str | None:
    """The judged area an area heading names, or None when it names none (then it is not a judgement)."""
    norm = normalise_area(text)
    if len(norm) > 140 or re.search(r"[.;]\s", norm):
        return None  # a sentence, not a heading
    for area in AREAS:
        m = re.search(area.pattern, norm)
        if m:
            # "children in need of help and protection in Darlington receive a [good service]"
            # starts like an area but goes on as a sentence
            if re.search(r"\b(receives?|received|are|is|was|were|has|have|had|do|does|did|make|makes)\b",
                         norm[m.end():]):
                return None
            return area.key
    return None


# -- recommendations: deadlines --------------------------------------------------------------
TIMESCALES = ("Immediately", "Within three months", "Within six months")
_HEADING_TIMESCALE = re.compile(r"^(immediately|within (?:one|two|three|six|twelve|\d+) months?)\s*:?\s*$", re.I)
# how a question names a deadline; "now" only counts in a question about what must be done
ASKED_TIMESCALE = {
    "Immediately": r"\bimmediate(ly)?\b|\bstraight away\b|\bright away\b|\burgent(ly)?\b|\bat once\b|"
                   r"\bpriority actions?\b",
    "Within three months": r"\b(three|3)[ -]months?\b|\b90 days\b|\bquarter\b",
    "Within six months": r"\b(six|6)[ -]months?\b|\bhalf[ -]year\b",
}


def timescale_of_heading(line: str) -> str | None:
    """The deadline a recommendation list's heading gives: "Within three months:" -> "Within three months"."""
    m = _HEADING_TIMESCALE.match(line.strip())
    if not m:
        return None
    word = m.group(1).lower()
    return "Immediately" if word == "immediately" else word[:1].upper() + word[1:]


def timescale_asked(question: str) -> str | None:
    return next((t for t, pattern in ASKED_TIMESCALE.items() if re.search(pattern, question, re.I)), None)


# -- recommendations: who must act ----------------------------------------------------------
# key: (how a question names them, how a recommendation names them)
AUDIENCES: dict[str, tuple[str, str]] = {
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
# a recommendation that opens with a verb is addressed to the council by default
_COUNCIL_VERB = re.compile(r"^(ensure|improve|continue|complete|raise|embed|routinely|develop|review)\b", re.I)


def audience_asked(question: str) -> str | None:
    return next((key for key, (asked, _) in AUDIENCES.items() if re.search(asked, question, re.I)), None)


def audiences_of(text: str, section: tuple[str, ...] = ()) -> set[str]:
    """Who a recommendation is addressed to, from its words (and, for children in care, its section)."""
    out = {key for key, (_, named) in AUDIENCES.items() if key != "council" and re.search(named, text)}
    if re.search(AUDIENCES["looked after children"][1], " ".join(section), re.I):
        out.add("looked after children")
    if re.search(AUDIENCES["council"][1], text, re.I) or _COUNCIL_VERB.match(text):
        out.add("council")
    return out


# -- everyday words ------------------------------------------------------------------------------
# What users call the reports' terms. A short, general list written from Ofsted's glossary and
# the words councils' staff use, not from any question: each maps to the words the reports use.
# Acronyms the reports define themselves ("independent reviewing officers (IROs)") are added
# from the indexed text at run time (index.snapshot.find_acronyms).
EVERYDAY: dict[str, str] = {
    # everyday words -> the reports' words; "|" separates alternatives, each one's words all needed
    "kids": "children", "kid": "child", "children in care": "looked after children", "in care": "looked after",
    "lac": "looked after children", "cla": "children looked after", "foster parents": "foster carers",
    "fostering": "foster carers", "care-experienced": "care leavers", "care experienced": "care leavers",
    "jabs": "immunisations", "vaccinations": "immunisations", "dentist": "dental", "teeth": "dental",
    "health check": "health assessment", "health checks": "health assessments", "exams": "examinations|GCSE",
    "gcses": "GCSE", "school results": "attainment", "workload": "caseloads", "workloads": "caseloads",
    "too many cases": "caseloads", "case load": "caseloads", "case loads": "caseloads",
    "gcse": "GCSEs",  # (the stemmer keeps the "s" of "GCSEs": it follows the word's only vowel)
    "homeless": "homelessness|accommodation", "housing": "accommodation", "uni": "university",
    "somewhere to live": "accommodation|housing", "place to live": "accommodation|housing",
    "somewhere to stay": "accommodation", "prison": "custody", "jail": "custody",
    "b&b": "bed and breakfast", "b&bs": "bed and breakfast",
    "mental health": "CAMHS|emotional", "runaways": "missing", "going missing": "missing", "gp": "GPs",
    "gps": "general practitioners", "a&e": "accident and emergency", "on time": "timely|timeliness",
    "late": "delay|timeliness", "slow": "delay|timeliness|too long",
    "quick": "timely|promptly|swiftly", "quickly": "timely|promptly|swiftly",
    "go back": "return", "going back": "return", "went back": "returned",
    "staff turnover": "recruitment|retention", "social workers leaving": "retention",
    "turnover": "retention|workforce stability|staff stability",
    "save": "reduce expenditure|reduce costs|reduce spending",
    "run": "operates", "runs": "operates", "boss": "director", "dcs": "director of children's services",
    "ofsted grade": "judgement",
    # practitioners' shorthand the reports spell out
    "cp": "child protection", "cin": "child in need", "sgo": "special guardianship", "sgos": "special guardianship",
    "rhi": "return home interview", "rhis": "return home interviews", "pas": "personal advisers", "pa": "personal adviser",
    # (acronyms of three letters or fewer match the reports' own definitions only in capitals, as many
    # are words too: "ACE", "MAP", "YES"; these are typed in lower case by practitioners)
    "cse": "child sexual exploitation", "iro": "independent reviewing officer",
    "iros": "independent reviewing officers", "pep": "personal education plan", "peps": "personal education plans",
    "iha": "initial health assessment", "ihas": "initial health assessments", "fgm": "female genital mutilation",
    "ehe": "elective home education|electively home educated",
    "care home": "children's home|residential", "care homes": "children's homes|residential",
    "teenagers": "adolescents|young people|teens", "teens": "adolescents|young people|teenagers",
    "teenager": "adolescent|young person|teens", "teenage": "adolescents|young people|teens|teenagers",
    "in touch": "contact", "take part": "participate|participation", "takes part": "participates|participation",
    "took part": "participated|participation", "taking part": "participating|participation",
}


def areas_asked(question: str) -> tuple[str, ...]:
    """Judged areas a question names: "how was leadership rated?" -> ("leaders",)."""
    found = [area.key for area in AREAS if re.search(area.asked, question, re.I)]
    # "care leavers" names leaving care, not being in care; "children in care and care leavers" names both
    if "care_leavers" in found and "in_care" in found and not re.search(AREAS[3].asked, re.sub(
            r"care[- ]experienced|care leavers?|leaving care", "", question, flags=re.I), re.I):
        found.remove("in_care")
    return tuple(found)
