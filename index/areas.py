"""What Ofsted grades, and in what words: the judged areas of every framework, and grade words.

    area_key("The experiences and progress of children in care and care leavers")  -> "in_care"
    area_key("2.1 Adoption performance")                                           -> "adoption"
    area_key("Once placed, children are making good progress. The experiences ...") -> None
    grade_number("Requires improvement to be good")                                -> 3

This is the one place that knows judgement vocabulary: the parser keeps only
judgements whose area is listed here (a sentence is never an area), the judgement
table filters on these keys, and the assistant matches question words to them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    key: str
    label: str  # how an answer names it
    pattern: str  # over the normalised area text (lower case, "the" and framing words removed)
    words: str  # everyday words a question may use for it, besides the label


# Order matters: the first pattern that matches wins ("children in care and care leavers"
# is the in-care judgement of 2018-22 ILACS, not the care-leaver one of 2023 on).
AREAS: tuple[Area, ...] = (
    Area("overall", "overall effectiveness", r"^overall (effectiveness|judgement)\b", "overall effectiveness grade"),
    Area("leaders", "the impact of leaders", r"^(impact of leaders|leadership,? management and governance|"
         r"leadership and management)\b", "leaders leadership management governance"),
    Area("help_and_protection", "help and protection",
         r"^(experiences? and progress of )?children (who need|in need of) help and protection\b",
         "help protection child protection"),
    Area("in_care", "children in care", r"^(experiences? and progress of )?(children in care|children looked after"
         r"|looked after children)\b(?! and young people)", "in care looked after children"),
    Area("care_leavers", "care leavers", r"^(experiences? and progress of )?care leavers\b", "care leavers"),
    Area("adoption", "adoption performance", r"^adoption( performance)?\b", "adoption"),
    Area("lscb", "the Local Safeguarding Children Board", r"^(effectiveness of )?(the )?(local )?safeguarding "
         r"children board|^(effectiveness of )?(the )?lscb\b", "lscb safeguarding board"),
    Area("capacity_to_improve", "capacity to improve", r"^capacity (to|for) improve", "capacity improve improvement"),
    Area("safety", "whether children and young people are safe", r"^children and young people are safe",
         "safe safety"),
    Area("outcomes", "outcomes", r"^outcomes for\b|^how good are outcomes", "outcomes"),
    Area("quality_of_provision", "quality of provision", r"^quality of provision", "quality provision"),
    Area("health_contribution", "the contribution of health agencies", r"^contribution of health",
         "health agencies"),
    Area("ambition_and_prioritisation", "ambition and prioritisation", r"^ambition and prioriti[sz]ation",
         "ambition priorities"),
    Area("performance_management", "performance management and quality assurance",
         r"^performance management", "performance management quality assurance"),
    Area("partnership_working", "partnership working", r"^partnership working|^partnerships\b",
         "partnership partners working together"),
    Area("equality_and_diversity", "equality and diversity", r"^equality and diversity", "equality diversity"),
    Area("being_healthy", "being healthy", r"^being healthy", "health healthy"),
    Area("staying_safe", "staying safe", r"^staying safe", "safe"),
    Area("enjoying_and_achieving", "enjoying and achieving", r"^enjoying and achieving",
         "education achieving school"),
    Area("positive_contribution", "making a positive contribution", r"^making a positive contribution",
         "contribution participation"),
    Area("economic_wellbeing", "economic well-being", r"^economic well ?being", "economic wellbeing"),
    Area("user_engagement", "user engagement", r"^user engagement", "engagement"),
    Area("value_for_money", "value for money", r"^value for money", "value money"),
)
BY_KEY = {a.key: a for a in AREAS}

# "Requires improvement to be good" is ILACS; "requires improvement" SIF; the 2012-13
# frameworks graded 1-4 with "Adequate" as 3.
GRADE_WORD = r"(outstanding|good|requires?\s+improvement(?:\s+to\s+be\s+good)?|inadequate|adequate|not\s+judged)"
_NUMBERS = {"outstanding": 1, "good": 2, "adequate": 3, "requires improvement": 3,
            "requires improvement to be good": 3, "require improvement": 3, "inadequate": 4}
# "Not judged" (a SIF area with no children in it, as in the Isles of Scilly) has no number


def grade_number(word: str) -> int | None:
    return _NUMBERS.get(" ".join(word.lower().split()))


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
