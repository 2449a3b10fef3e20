"""Sentences, and the kinds of fact a sentence states: a count, a share, a time taken, a
frequency, a date, an amount of money, a person's or an organisation's or a thing's name.

    sentences("At 31 March 2015, 185 children were looked after. Most were in foster care.")
    -> ["At 31 March 2015, 185 children were looked after.", "Most were in foster care."]
    fact_kinds("185 children were looked after at 31 March 2015.") -> {"count", "date"}

Retrieval ranks by them (a paragraph that states a quantity of the kind asked about) and
composing answers with them (a figure question is answered only by a sentence stating one),
so they live below both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from index.lexical import defined_acronyms, tokenize

_SENTENCE = re.compile(r"(?<=[.!?])['’\")]?\s+(?=[A-Z0-9‘'\"(])")
_ABBREVIATION = re.compile(r"\b(e\.g|i\.e|etc|Dr|Mr|Mrs|Ms|No|St|para|vs)\.$", re.I)
MONTHS = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
NUMBER_WORDS = r"(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|" \
               r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen)"
# What a stated quantity of each kind looks like
PERCENT = re.compile(r"\d+(\.\d+)?\s?%|\bper ?cent\b|\bper 10,000\b")
# "26 weeks", "six months", "a 17-week programme"
DURATION = re.compile(r"\b(\d+|" + NUMBER_WORDS + r")(\s+and a half)?[\s-]+(working\s+)?"
                      r"(days?|weeks?|months?|years?|hours?)\b", re.I)
# a time taken, as a scorecard states it: "the average number of days between ... was 551"
DURATION_IN_WORDS = re.compile(r"\bnumber of (working )?(days|weeks|months|years)\b[^.;]{0,160}?\b(was|is|were|of|at)\s+"
                               r"\d", re.I)
# an age something happens at: "at the age of 16", "aged 16 and 17", "16 years of age", "18-year-olds", "before
# their 18th birthday", "from their eighteenth birthday", "when they become 21", "allocated at 16", "post-21"
# ("at 31 March", "at 83.9%", "from 16 at 31 March 2013", "over 40 cases" and "after 12 months" are not ages)
_AGE_WORDS = r"(sixteenth|seventeenth|eighteenth|twenty-first|twenty first|twenty-fifth|twenty fifth)"
AGE = re.compile(r"\b((at|from|by|to|until|till|over|under|after|beyond|reach(es|ed|ing)?|approaching) the age of|"
                 r"ages?d?( of)?|turn(s|ed|ing)?|reach(es|ed|ing)?|become|becomes|became|becoming) \d{1,2}\b|"
                 r"\b\d{1,2}(\s+|-)years?(\s+|-)(of age|olds?)\b|"
                 r"\b(at|from|before|after|until|till|beyond|over|under|approaching|post|pre|when they are)[ -]\d{1,2}\b"
                 r"(?![.,]?\d|\s*%|\s*[–-]\s*\d|\s+" + MONTHS + r"|\s+(?!years?\b)[a-z]+s\b|\s+(at|in|on|by)\b)|"
                 r"\b(\d{1,2}(st|nd|rd|th)|" + _AGE_WORDS + r") birthday", re.I)
# a share in words: "around half of all young people", "two-thirds of children"; not "the second half of 2019"
FRACTION = re.compile(r"(?<!first )(?<!second )(?<!the )\b(half|(a|one|two)[\s-]thirds?|(a|one|three)[\s-]quarters?)\s+"
                      r"(of|the|all|were|are|was|is|had|have)\b", re.I)
# a share as one number in another: "four in five of them", "six out of 14 cases seen" (not "7 in 2019",
# nor "one in two weeks")
RATIO = re.compile(r"\b(" + NUMBER_WORDS + r"|\d{1,3}) (?:in|out of) (?:every )?(?!(?:19|20)\d\d\b)(two|three|four|five|"
                   r"six|seven|eight|nine|ten|\d{1,4})\b(?! (?:weeks?|days?|months?|years?|hours?|minutes?)\b)", re.I)
# a count stated in words: "the number of children missing education is small", "numbers ... remain very low"
# "the number of electively home-educated children was 65": the count follows what it counts
NUMBER_OF_IS = re.compile(r"\bnumbers? of\b([^.;]{0,80}?)\b(is|are|was|were|stood at|remains?( at)?|remained( at)?|"
                          r"(has |had )?(risen|rose|fallen|fell|increased|decreased|reduced|grown|grew) to)\s+"
                          r"(about |around |approximately |nearly |over |just over |under )?\d[\d,]*\b(?!%)", re.I)
# "the number of young people in such arrangements has increased from five in January 2014 to 13 in September
# 2014": where it went, read before ages are masked ("to 13 in" would read as an age)
NUMBER_WENT_TO = re.compile(r"\bnumbers? of\b([^.;]{0,80}?)\b(has |had )?(risen|rose|fallen|fell|increased|decreased|"
                            r"reduced|grown|grew) from [^.;]{1,40}? to (about |around |approximately )?\d[\d,]*\b(?!%)",
                            re.I)
# "There has been an increase in the number of adoption orders in the last year, from eight in 2015–16 to 14 in
# 2016–17": the same, said of a change in the number
NUMBER_CHANGED = re.compile(r"\b(?:increase|rise|reduction|decrease|fall|drop|growth) in the numbers? of\b"
                            r"([^.;]{0,80}?),? from [^.;]{1,40}? to (about |around |approximately )?\d[\d,]*\b(?!%)", re.I)
# none at all, as a report's list of figures says it: "- No children are unaccompanied asylum-seekers.", "- At
# 11 September 2017, no children were living in a privately arranged fostering placement.", "At the time of the
# inspection, no children were in private fostering arrangements." (not "there are no unnecessary delays in care
# planning", which counts nothing)
# ("there have been no permanent exclusions in the last three years" counts them over a time: none)
ZERO = re.compile(r"(?:^[-–•*\s]*(?:(?:At|As at|On|By) [^,;.]{3,40},\s+)?[Nn]o|\b[Tt]here (?:have|has) been no)\s+"
                  r"(?P<what>(?:[A-Za-z’'-]+\s+){0,3}[A-Za-z’'-]+)")
# ("the number ... has reduced" says which way it went, not how many: no answer to "how many ...?")
# (the verb is the number's own, not a relative clause's: "a small number of social workers ... have
# caseloads that are too high" says nothing of how many social workers there are; "the number of
# children who are waiting for a family remains high" does)
COUNT_IN_WORDS = re.compile(r"\bnumbers? of\b[^.;]{0,80}?(?<!\bthat )(?<!\bwhich )(?<!\bwho )\b(is|are|was|were|remains?|"
                            r"remained|has|have|had)\s+(\w+\s+){0,2}?"
                            r"(small|low|high|large|few)\b", re.I)
FREQUENCY = re.compile(r"\b(daily(?! (lives?|living|life|routines?|tasks?|experiences?|activities|needs))|"
                       r"weekly|fortnightly|monthly|quarterly|termly|"
                       r"annually|annual|bi-?annual(ly)?|"
                       r"every (day|week|month|year|term|quarter|other|\d+|" + NUMBER_WORDS + r")|(once|twice) a|"
                       # "a minimum of four visits per year", "three times a week"
                       r"(\d+|" + NUMBER_WORDS + r")\s+(?:[\w-]+\s+){0,2}?(a|per|each) (day|week|fortnight|month|term|"
                       r"quarter|year)|"
                       r"(\d+|" + NUMBER_WORDS + r")[- ](day|week|month)(ly)?\s+(?:[\w-]+\s+){0,3}"
                       r"(cycles?|rotas?|basis|reviews?|meetings?))\b", re.I)
# how far: "more than 50 miles from Swindon", "a 20-mile radius", "within 20 kilometres"
DISTANCE = re.compile(r"\b(\d+|" + NUMBER_WORDS + r")[\s-]+(miles?|kilometres?|kilometers?|km)\b", re.I)
# who runs or provides something, where a report names the body by what it is rather than its name: "The
# out-of-hours service, hosted by another London local authority, ...", "advocacy is commissioned from a
# national charity"
PROVIDER = re.compile(r"\b(run|hosted|provided|delivered|commissioned|operated|managed)\s+(by|from|through)\s+"
                      r"(an?|another|the|its|their|two|three|[A-Z])\b")

# who holds a post, where a report says what the holder is rather than a name: "the improvement board, which is
# chaired by an experienced external director of children's services", "co-chaired by a child in care" (not "led by
# an experienced and challenging chair", which says only that there is one)
HOLDER = re.compile(r"\b(?:co-)?(?:chaired|led|headed)\s+by\s+(?:an?|another|the|its|their|two|three|[A-Z])\b"
                    r"(?![^,.;]{0,40}?\b(?:chair|chairman|chairwoman|chairperson)\b)")
# "who chairs the improvement board?", "who is the chair of the partnership?": answered by who holds the post
HOLD_VERBS = r"(?:co-)?(?:chairs?|chaired|leads?|led|heads?|headed)"
HOLDER_ASKED = re.compile(r"\bwho\s+(?:" + HOLD_VERBS + r"|(?:is|was|are|were)\s+"
                          r"(?:the\s+)?(?:co-)?(?:chairs?|chairman|chairperson|head|leader))\b", re.I)


def provided(sentence: str) -> set[str]:
    """The terms of what a sentence says is run or provided by someone: the few words before "hosted by"."""
    m = PROVIDER.search(sentence)
    if not m:
        return set()
    before = re.split(r"[.;:]", sentence[:m.start()])[-1].split()[-8:]
    return set(tokenize(" ".join(before)))


# a change's size as a multiple: "caseloads have halved", "referrals doubled", "three times as many"
MULTIPLE = re.compile(r"\b(halved|halving|doubled|doubling|trebled|tripled|quadrupled|(twice|(two|three|four|five|ten) "
                      r"times) as (many|much|high|large|likely))\b", re.I)
DATE = re.compile(r"\b" + MONTHS + r"\s+(19|20)\d\d\b|\b(in|since|from|until|by) (19|20)\d\d\b|"
                  # part of a year: "by the end of 2019", "in the autumn of 2013", "by spring 2020"
                  r"\b(end|start|beginning|middle|spring|summer|autumn|winter)\s+(of\s+)?(19|20)\d\d\b", re.I)
# a month of the report's own year or the one before: "the agency, established in April this year"
MONTH_OF_A_YEAR = re.compile(r"\b" + MONTHS + r"\s+(this|last) year\b", re.I)
AMOUNT = re.compile(r"£\s?\d|\b\d[\d,.]*\s?(million|billion|thousand)?\s?pounds\b|\b\d[\d,.]*\s?(m|bn|k)\b(?=.*£)", re.I)
# an organisation with its initials: "Achieving for Children (AfC)"
# (small words inside a name too: "the Making a Change (MAC) team", "Hope to Home (H2H)")
ORGANISATION = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:for|of|and|the|in|on|a|an|to|with|at|from|into)?\s*[A-Z][a-z]+)+"
                          r"\s+\([A-Z][A-Za-z0-9]{1,7}\)")
# a service's or group's own name: "the children in care council, Kickback, ...", "known as ‘Mind of My Own’"
THING_NAME = re.compile(r"\b(called|named|known as|branded|referred to as|termed)\s+(['‘\"]?[A-Z]|['‘\"][a-z])|"
                        # what a council calls a role, in lower case: "personal advisers are called leaving care advisers"
                        r"\b(?:are|is|were|was) (?:called|known as|referred to as|termed)\s+(?!(?:upon|on|for|to|in|back|"
                        r"out|off|up|into|a|an|the|by|at|as|and|or|with)\b)[a-z][a-z’'-]+\s+[a-z]|"
                        # or set apart: "early help services, known as family help, that are reducing ..."
                        r",\s+(?:known as|called|referred to as)\s+(?!(?:a|an|the|and|or)\b)[a-z][a-z’'-]+(?:\s+[a-z][a-z’'-]+){0,3}"
                        r"\s*[,.;)]|"
                        # a term a council uses: "advocates (the term the local authority uses for independent
                        # reviewing officers)", "The term ‘co-parents’ is used by the authority", "changed the
                        # language from ‘corporate parenting’ to ‘co-parenting’"
                        r"\b(?:[Tt]he|[Aa]) (?:term|name|word|phrase)\b[^.;]{0,60}?\b(?:uses?|used|given|chosen)\b|"
                        r"\b[Tt]he (?:term|name)\s+['‘\"]|\bfrom\s+['‘][^’']{2,40}['’]\s+to\s+['‘]|"
                        r",\s+[A-Z][\w’'@&-]+(?:\s+[A-Z][\w’'@&-]+){0,3},\s|"
                        # a name of two words or more closing the sentence, or in brackets after what it names:
                        # "part of a regional adoption agency (RAA), Adoption Tees Valley.", "the regional
                        # adoption agency (Adopt London South)", "(Cambridgeshire & Peterborough Adoption)"
                        r",\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}\.?$|"
                        r"\b[A-Za-z]+\s+\([A-Z][\w’'-]+(?:\s+(?:(?:of|for|and|&|the|in|on)\s+)?[A-Z][\w’'-]+){1,4}\)|"
                        # a name with what it is in brackets after it: "Fight for Change (the Children in Care Council)"
                        r"\b[A-Z][\w’'-]+(?:\s+(?:(?:of|for|and|the|in|on)\s+)?[A-Z][\w’'-]+){0,4}\s+\((the|its|their|a|an)\s+"
                        r"[^()]{0,60}\b(?i:councils?|groups?|teams?|services?|panels?|forums?|schemes?|programmes?|"
                        r"projects?|hubs?)\)|"
                        # an acronym spelt out after it: "the care council group SILSIP (Say It Loud, Say It Proud)"
                        r"\b[A-Z]{3,}\s+\([A-Z][a-z]+[^)]{2,60}\)|"
                        r"['‘\"][A-Z][^'’\"]{1,40}['’\"]|"
                        # a name in lower case is a name only before what it names: "the ‘make safe’ team", "the
                        # ‘achieving excellence’ improvement plan"
                        r"['‘\"][a-z][^'’\".,]{1,30}['’\"]\s+(?:[a-z]+\s+)?(team|group|service|panel|scheme|programme|"
                        r"project|forum|hub|model|approach|initiative|unit|meetings?|sessions?|app|plan|strategy|"
                        r"framework|protocol|campaign)\b|"
                        # or said to be one: "uses ‘signs of safety’ as its social work model"
                        r"['‘\"][a-z][^'’\".,]{1,30}['’\"]\s+as\s+(?:its|their|the|a|an)\s+(?:[\w-]+\s+){0,3}?(model|approach|"
                        r"framework|strategy|programme|tool)\b|"
                        # a name in apposition: "Unite and Insight, the local authority's children in care councils",
                        # "Members of Empire, the children in care council, ...", "Empire (empowering, ...), the
                        # high-profile children in care council" (not a sentence adverb: "However, the council",
                        # "Impressively, the team")
                        r"(^(?!(However|Therefore|Moreover|Furthermore|Nevertheless|Nonetheless|Likewise|Otherwise|"
                        r"Indeed|Instead|Meanwhile|Thus|Hence|Overall|Also|Despite|"
                        r"Since|Although|While|When|In|At|As|For|Where|This|These|That|Those|It|They)\b|[A-Za-z]+ly,)"
                        # (the word before is matched, not looked behind for: nine look-behinds tried at every
                        # character cost several times the rest of the pattern)
                        r"|\b(of|by|from|with|within|through|into|via|across|and|in|at|to|for) )"
                        r"[A-Z][\w’'-]+(\s+(and|&)\s+[A-Z][\w’'-]+|(\s+[A-Z][\w’'-]+){1,2})?(\s+\([^()]{1,120}\))?,"
                        # (or a council's: "Independent Futures, Islington's care leavers' service"; not a list going
                        # on: "the Department for Work and Pensions, the police and the prison service")
                        r"\s+(the|its|their|[A-Z][a-z]+['’]s)\s+(?![^,.;]*\band\s+the\b)([\w’'-]+\s+){0,5}?"
                        r"(councils?|groups?|teams?|services?|panels?|schemes?|"
                        r"programmes?|projects?|forums?|hubs?|apps?|models?)\b")
# a name after what it names, whatever follows: "Lincolnshire’s children in care council, Voices4Choices (V4C)
# meet regularly" (apart from THING_NAME, behind a cheap scan: most sentences have a comma, few one of these)
_APPOSED_AFTER = tuple(f"{noun}{s}," for noun in ("council", "group", "team", "service", "panel", "forum", "hub",
                                                  "scheme", "project", "programme") for s in ("", "s"))
APPOSED_NAME = re.compile(r"\b(?i:council|group|team|service|panel|forum|hub|scheme|project|programme)s?,\s+"
                          r"(?!(?:However|The|This|These|Those|It|They|Ofsted|Inspectors|Leaders|Children|Young|"
                          r"Care|Social|Staff|Managers|Partners|Most|Some|All|Many|And|But|Which|Who|Where|When|"
                          r"While)\b)[A-Z][\w’'@&-]+(?:\s+[A-Z][\w’'@&-]+){0,3}(?:\s+\([^()]{1,20}\))?\s+[a-z]")
# a capitalised name before what it names, inside the sentence: "the well-established Shield Service", "the
# Care Leaders Forum", "the Amber service" (not a sentence's first word: "Family group conferences")
_NAMED_NOUNS = ("service", "team", "panel", "hub", "project", "programme", "scheme", "forum", "group", "unit", "centre",
                "network", "academy", "board", "partnership", "initiative", "app", "website", "award")


def named_by_initials(sentence: str) -> bool:
    """Whether the sentence names a service, team, panel or the like, in lower case, known by its initials: "the
    safeguarding and partnership hub (SaPH)" (not a role: "independent reviewing officers (IROs)")."""
    return any(m.group(1).split()[-1].lower().rstrip("s") in _NAMED_NOUNS for _, _, m in defined_acronyms(sentence))


# what a name names, as the reports' stems
NAMED_TERMS = frozenset(tokenize(" ".join(_NAMED_NOUNS)))
# a quoted name, whose closing quote is followed by a space or a stop ("‘Children’s and young people’s voice’,")
_QUOTED_NAME = re.compile(r"[‘\"][A-Z][^‘\"]{1,50}?[’\"](?=[\s,.;:)]|$)")
_FOLLOWING = re.compile(r"\s*(?:,\s*(?:the|its|their|a|an)\s+)?((?:[\w’'-]+\s+){0,4}[\w’'-]+)")
# what a name may name: NAMED_TERMS, and a (children in care) council
KIND_TERMS = NAMED_TERMS | frozenset(tokenize("council"))


def names_kind(sentence: str, kinds: set[str], asked: set[str]) -> bool:
    """Whether the sentence gives a name for a thing of one of `kinds` (terms of NAMED_TERMS, or a council) that
    is more than the question's own words (`asked`): "‘Our Voice’, the Children in Care Council", "the children
    in care council, Kickback," and "the Onwards and Upwards Service" do; "an active Children in Care Council"
    (the kind's own name), "the Young Inspectors team" and "the ‘Total respect’ programme" (names of other
    kinds) do not."""
    for m in NAME_BEFORE.finditer(sentence):
        words = tokenize(m.group(0))
        if words and words[-1] in kinds and set(words[:-1]) - asked:
            return True
    for m in _QUOTED_NAME.finditer(sentence):
        if not set(tokenize(m.group(0))) - asked:
            continue
        # what the name names: the first such noun after it ("‘Our Voice’, the Children in Care Council")
        after = _FOLLOWING.match(sentence, m.end())
        named = [t for t in tokenize(after.group(1)) if t in KIND_TERMS] if after else []
        if named and named[0] in kinds:
            return True
    for m in APPOSED_NAME.finditer(sentence):
        if set(tokenize(m.group(0).split(",")[0])) & kinds:
            return True
    return False


# a sentence going on about the thing the sentence before named: "The service has also helped children to ..."
REFERS_BACK = re.compile(r"^(?:The|This|That|Its)\s+(?:[\w’'-]+\s+){0,2}?(?:" + "|".join(_NAMED_NOUNS) + r")s?\b|"
                         r"^It\s+(?:has|is|was|also|provides|offers|supports|helps|works)\b")
# (a digit inside a name: "the Care4us website")
# (a name run together: "The Rights2Rights service", "the FamilyLinks team")
NAME_BEFORE = re.compile(r"(?<=[a-z,;:’')]\s)[A-Z][a-z0-9]+(?:[A-Z0-9][a-z0-9]*)*"
                         r"(?:\s+(?:(?:and|of|for)\s+)?[A-Z][a-z0-9]+(?:[A-Z0-9][a-z0-9]*)*){0,3}\s+(?i:" +
                         "|".join(_NAMED_NOUNS) + r")s?\b")  # (or more than one: "the HotShots awards")
PERSON = re.compile(r"\b(Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Councillor|Cllr)\.?\s+[A-Z][a-z]+|"
                    r"(?:inspector|chair|director|chief executive|lead member)s?:?\s+[A-Z][a-z]+(?:[ -][A-Z][a-zA-Z'’-]+)+")
# a count: a number that is not a year, a day of a date, an age or a paragraph number
_NUMBER = re.compile(r"(?<![\w.,£])(\d{1,3}(,\d{3})+|\d+)(?![\w%])(?!\s*%)|\b" + NUMBER_WORDS + r"\b", re.I)
_NOT_COUNT = re.compile(r"^(19|20)\d\d$")


def sentences(text: str) -> list[str]:
    parts: list[str] = []
    for block in text.split("\n"):
        for piece in _SENTENCE.split(block.strip()):
            piece = piece.strip()
            if not piece:
                continue
            if parts and _ABBREVIATION.search(parts[-1]):
                parts[-1] += " " + piece
            else:
                parts.append(piece)
    return parts


# What a pattern above cannot match without. A figure question holds every sentence of a report or
# two against these patterns; these cheap scans first skip most sentences (fact_kinds took 0.23 ms a
# sentence without them). Each must stay a necessary condition of the pattern it guards.
_DIGIT = re.compile(r"\d")
_NUMBER_WORD_LIST = tuple(NUMBER_WORDS.strip("()").split("|"))
_UNITS = ("day", "week", "month", "year", "hour")
_CYCLES = ("daily", "weekly", "fortnightly", "monthly", "quarterly", "termly", "annual", "every ", "once a", "twice a",
           "cycle", "rota", "basis", "review", "meeting") + tuple(
    f"{how} {unit}" for how in ("a", "per", "each") for unit in ("day", "week", "fortnight", "month", "term", "quarter",
                                                                "year"))
_TITLES = ("Mr", "Ms", "Miss", "Dr", "Sir", "Dame", "Councillor", "Cllr", "inspector", "chair", "director",
           "chief executive", "lead member")
_QUOTES_OR_NAMING = ("called", "named", "known as", "branded", ",", "'", "‘", '"', "(", "term")


def _any_in(text: str, words: tuple[str, ...]) -> bool:
    for word in words:
        if word in text:
            return True
    return False


# how quickly, in words: "decisions are timely", "seen promptly", "swift access", "too long"
# how long, in words: "the period of handover ... is very short", "the work is not time-limited"
LENGTH_IN_WORDS = re.compile(r"\b(is|are|was|were) (very |too |relatively |quite |often )?(short|lengthy)\b(?!-)|"
                             r"\btime[- ]limited\b|\bopen[- ]ended\b|"
                             # "Children and young people have long waits to access ... mental health services"
                             r"\b(long|lengthy|short|excessive|lengthening) (waits|wait|waiting times?|waiting lists?)\b", re.I)
# how often, in words: "visited regularly", "long delays between visits"
REGULARITY = re.compile(r"\b(regular(ly)?|routinely|frequent(ly)?|infrequent(ly)?|rarely|seldom|irregular(ly)?|"
                        r"(gaps|delays) between)\b", re.I)
# the kinds that answer "how quickly", "how long" and "how often" in words, not with a time or an interval
IN_WORDS = frozenset({"pace", "length", "regularity"})
PACE = re.compile(r"\b(timely|untimely|timeliness|promptly|prompt|swift(ly)?|quick(ly)?|rapid(ly)?|slow(ly)?|"
                  r"without (any )?delay|delays?|delayed|too long|immediately|(on )?the same day|in good time)\b", re.I)


def fact_kinds(sentence: str) -> set[str]:
    """The kinds of fact a sentence states: "percent", "count", "duration", "frequency", "date", "age",
    "amount", "name", "organisation", "thing", "pace" (how quickly, in words), "length" (how long, in
    words), "regularity" (how often, in words), "provider" (who runs it, by what they are) and "holder"
    (who chairs or leads it, by what they are), among others."""
    return set(_fact_kinds(sentence))


# A report's sentences are read again by the next question about it; their kinds are a fact about
# the text alone, kept for the last 65,536 sentences read (about 15 MB).
@lru_cache(maxsize=65536)
def _fact_kinds(sentence: str) -> frozenset[str]:
    kinds = set()
    lower = sentence.lower()
    digits = bool(_DIGIT.search(sentence))
    numeric = digits or _any_in(lower, _NUMBER_WORD_LIST)
    if ("%" in sentence or "per" in sentence) and PERCENT.search(sentence):
        kinds.add("percent")
    if _any_in(lower, ("half", "third", "quarter")) and FRACTION.search(sentence):
        kinds.add("percent")
    if _any_in(lower, (" in ", " out of ")) and RATIO.search(sentence):
        kinds.add("percent")
    if numeric and _any_in(lower, _UNITS) and (DURATION.search(sentence) or DURATION_IN_WORDS.search(sentence)):
        kinds.add("duration")
    if _any_in(lower, _CYCLES) and FREQUENCY.search(sentence):
        kinds.add("frequency")
    if (digits and DATE.search(sentence)) or ("year" in lower and MONTH_OF_A_YEAR.search(sentence)):
        kinds.add("date")
    if (numeric or "birthday" in lower) and AGE.search(sentence):
        kinds.add("age")
    if digits and ("£" in sentence or "pound" in lower) and AMOUNT.search(sentence):
        kinds.add("amount")
    if _any_in(sentence, _TITLES) and PERSON.search(sentence):
        kinds.add("name")
    if "(" in sentence and ORGANISATION.search(sentence):
        kinds.add("organisation")
    if _any_in(sentence, _QUOTES_OR_NAMING) and THING_NAME.search(sentence):
        kinds.add("thing")
    elif _any_in(lower, _APPOSED_AFTER) and APPOSED_NAME.search(sentence):
        kinds.add("thing")
    elif _any_in(lower, _NAMED_NOUNS) and NAME_BEFORE.search(sentence):
        kinds.add("thing")
    elif "(" in sentence and _any_in(lower, _NAMED_NOUNS) and named_by_initials(sentence):
        kinds.add("thing")
    if numeric and _counts(sentence):
        kinds.add("count")
    if "number" in lower and (COUNT_IN_WORDS.search(sentence) or (digits and (
            NUMBER_WENT_TO.search(sentence) or NUMBER_CHANGED.search(sentence)))):
        kinds.add("count")
    if ("No " in sentence or " no " in sentence) and ZERO.search(sentence):
        kinds.add("count")
    if _any_in(lower, ("by", "from", "through")) and PROVIDER.search(sentence):
        kinds.add("provider")
    if _any_in(lower, ("chaired", "led", "headed")) and HOLDER.search(sentence):
        kinds.add("holder")
    if numeric and _any_in(lower, ("mile", "kilomet", "km")) and DISTANCE.search(sentence):
        kinds.add("distance")
    if _any_in(lower, ("halv", "doubl", "trebl", "tripl", "quadrupl", "twice", "times")) and MULTIPLE.search(sentence):
        kinds.add("multiple")
    if PACE.search(sentence):
        kinds.add("pace")
    if LENGTH_IN_WORDS.search(sentence):
        kinds.add("length")
    if REGULARITY.search(sentence):
        kinds.add("regularity")
    return frozenset(kinds)


_DAY_OF_DATE = re.compile(r"\b\d{1,2}(st|nd|rd|th)?\s+" + MONTHS + r"\b")
# Numbers that count nothing: ages and stages ("aged 16 and 17", "after 18", "key stage 4"), ranges of
# ages or years ("16–19 provision", "2014–15"), and numbers that name ("section 47", "Part 1 of the
# Act", "tier 4", "level 3 qualifications", "COVID-19", a telephone number, "one of the ways").
# what follows an age, not a count's noun: "aged from 16 to 18", "under 5 are seen", "over 16 years"
_FUNCTION_WORDS = r"(to|and|or|years?|year-olds?|are|is|were|was|who|in|at|on|with|from|the|a|as|have|has|had)"
_AGE_STAGE_OR_LABEL = re.compile(
    r"\b\d+\s?[–-]\s?\d+\b|\b\d+-plus\b|"
    r"\b(aged?|ages? of|turn(ed|s)?) (\d{1,2}|" + NUMBER_WORDS + r")((,| and| or| to) (\d{1,2}|" +
    NUMBER_WORDS + r"))*\b|"
    # "over 16", "under five years": ages; "over 30 children" is a count
    r"\b(over|under) (\d{1,2}|" + NUMBER_WORDS + r")((,| and| or| to) (\d{1,2}|" + NUMBER_WORDS + r"))*\b"
    r"(?!\s+(?!" + _FUNCTION_WORDS + r"\b)[a-z])|"
    r"\b(after|before|beyond|until|till|post|pre)[- ]\d{1,2}\b(?!\s*%)|\b(from|to|and) \d{1,2}\b(?!\s+(?!" + _FUNCTION_WORDS + r"\b)[a-z])|"
    r"\b\d{1,2}(- and |-)\d{1,2}-year|\b\d{1,2}-year-olds?|\b\d{1,2}(st|nd|rd|th) birthday|\bkey stages? \d( (and|to) \d)?|"
    r"\b(sections?|parts?|articles?|regulations?|schedules?|chapters?|paragraphs?|tiers?|levels?|phases?) \d+\b|\bcovid-19\b|\b\d{4} \d{3} \d{4}\b|\bone of\b", re.I)


def _counts(sentence: str) -> list[str]:
    masked = _DAY_OF_DATE.sub(" ", sentence)
    masked = _AGE_STAGE_OR_LABEL.sub(" ", masked)
    masked = PERCENT.sub(" ", DURATION.sub(" ", masked))
    return [m.group(0) for m in _NUMBER.finditer(masked) if not _NOT_COUNT.match(m.group(0))]


@lru_cache(maxsize=16384)
def _split(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """A paragraph's sentences with their terms. Kept for the paragraphs of the last 16,384
    (about 100 MB; a whole corpus holds 40,000): a figure question reads every paragraph of a
    council's reports, and the next question about that council reads them again."""
    return tuple((sentence, frozenset(tokenize(sentence))) for sentence in sentences(text))


# words of a change, in the reports' words and everyday ones ("come down"): understanding reads "how much
# have X fallen?" as asking a size, not a degree, with them
CHANGE_WORDS = (r"reduc|increas|fall|fell|rise|rose|risen|grow|grew|drop|decreas|chang|cut|"
                r"(come|came|gone|went|go) (down|up)|halv|doubl")
# a question asking how big a change was: "how much did caseloads come down?", "by how much have referrals risen?"
CHANGE_ASKED = re.compile(r"\bhow (much|far)\b.*\b(" + CHANGE_WORDS + r")\w*", re.I)


# how long something takes, not how long it has lasted: "Since September 2016, 27 children have been
# adopted" does not say how long adoptions take
TIME_TAKEN = re.compile(r"\b(take|takes|taking|took|taken|wait|waits|waiting|waited)\b", re.I)


def asked_kinds(query) -> tuple[str, set[str]]:
    """For a question asking for a fact of a type (Query.typed): the kind it wants, and the kinds
    that answer it. "How many" is answered by a share too ("78% of children"), not the reverse; "how
    often" by an interval ("within six months"); an organisation or a service has a name of its own
    kind, and a person's name still answers."""
    wanted = {"quantity": query.quantity or "count", "amount": "amount", "name": "name", "date": "date"}[query.asks]
    if query.asks == "date" and re.search(r"\bwhen (do|does|are|is|should|can|will|must)\b", query.text, re.I):
        # "when do care leavers get a personal adviser?" asks when in a life or a process, not a date:
        # "at the age of 16", "within 28 days", "every six months"
        return wanted, {"date", "age", "duration", "frequency"}
    # "how often are plans reviewed?" is answered by "reviewed within six months" as well as "every six months"
    accept = {wanted} | ({"percent"} if wanted == "count" else {"duration"} if wanted == "frequency" else set())
    if wanted == "count" and CHANGE_ASKED.search(query.text):
        accept.add("multiple")  # "how much have caseloads come down?": "caseloads have halved"
    if wanted == "duration" and not TIME_TAKEN.search(query.text):
        accept.add("since")  # how long something has lasted: "in post since April 2008"
    if wanted == "duration" and re.search(r"\bhow (quickly|fast|soon|promptly)\b", query.text, re.I):
        accept.add("pace")  # "how quickly are referrals dealt with?": "within 24 hours", or "timely" if no time is given
    elif wanted == "duration" and re.search(r"\bhow long\b", query.text, re.I):
        accept.add("length")  # "how long is the handover?": "the period of handover ... is very short", if no time is given
    elif wanted == "frequency":
        accept.add("regularity")  # "how often are care leavers visited?": "long delays between visits", if no interval is given
    if query.asks == "name" and query.name_of != "person":
        # a thing's name may be an organisation's, with its initials: "Achieving for Children (AfC)"
        accept = {"name", query.name_of} | ({"organisation"} if query.name_of == "thing" else set())
        if query.name_of == "organisation":
            accept.add("provider")  # "who runs the out-of-hours service?": "hosted by another London local authority"
    if query.asks == "name" and HOLDER_ASKED.search(query.text):
        accept.add("holder")  # "who chairs the board?": "chaired by an experienced external director", if no name
    return wanted, accept


def states(sentence: str, accept: set[str], wanted: str) -> bool:
    """Whether the sentence states a fact of a kind that answers the question."""
    return _answers(_fact_kinds(sentence), accept, wanted, sentence)


def _answers(kinds: frozenset[str], accept: set[str], wanted: str, sentence: str) -> bool:
    if accept & kinds:
        return True
    # "how long has the director been in post?" is answered by "in post since April 2008"
    return "since" in accept and "date" in kinds and bool(re.search(r"\bsince\b", sentence, re.I))


# Ranking a figure question looks at the stating sentences of up to a few hundred paragraphs; kept
# per paragraph (only the sentences that state something: about 10 MB for a whole corpus's worth).
@lru_cache(maxsize=65536)
def stating(text: str) -> tuple[tuple[str, frozenset[str], frozenset[str]], ...]:
    """(sentence, its kinds of fact, its terms) for each sentence of a paragraph that states a fact."""
    out = []
    for sentence, tokens in _split(text):
        kinds = _fact_kinds(sentence)
        if kinds:
            out.append((sentence, kinds, tokens))
    return tuple(out)


def best_stated(text: str, accept: set[str], wanted: str, holds, present=None) -> float:
    """The largest `holds(terms)` over the paragraph's sentences that state an accepted kind; 0 if none.
    With `present` (the subject terms among some terms), a count counts only if it counts the subject,
    as composing requires (`counting`)."""
    best = 0.0
    for sentence, kinds, tokens in stating(text):
        if _answers(kinds, accept, wanted, sentence):
            held = holds(tokens)
            if held > best and present is not None and wanted == "count":
                held *= counting(sentence, present)
            best = max(best, held)
    return best


# Words for children and young people, which reports use for one another: "15 young people" counts the
# care leavers a question asks about, and "109 young people ... missing" the children.
PEOPLE = frozenset(tokenize("children child young people person care leavers pupils babies adolescents teenagers "
                             "girls boys students infants kids"))
# people in general: care leavers are a group of their own, and "care" also says where children are (in care)
GENERIC_PEOPLE = PEOPLE - frozenset(tokenize("care leavers"))
YOUNG_PEOPLE = frozenset(tokenize("young people adolescents teenagers"))
# a number whose noun goes unsaid: "only two going to Stage 2", "17 were placed"; or was said before it,
# "contact with care leavers ... in touch with 103 of the 125"
_ELIDED = re.compile(r"(were|was|are|is|have|has|had|went|remain(ed)?|being|[a-z]+ing|[a-z]+ed)\b", re.I)
_OF_THE_AREAS = re.compile(r"of\s+(?:the\s+)?(?:local\s+authority|council|authority|area|borough|county|city)['’]s\s+"
                           r"(?P<what>(?:[A-Za-z’'-]+\s+){0,3}[A-Za-z’'-]+)", re.I)
_OF_A_NUMBER = re.compile(r"(?:out\s+)?of\s+(?:the\s+|these\s+|those\s+|all\s+)?\d[\d,.]*%?(?:\s+(?P<what>(?:[A-Za-z’'-]+\s+)"
                          r"{0,3}[A-Za-z’'-]+))?", re.I)
_COUNTED = re.compile(r"(\d+(?:[,.]\d+)*%?|" + NUMBER_WORDS + r")\)?\s+[‘“\"']?(?P<what>(?:[A-Za-z’'-]+\s+){0,3}[A-Za-z’'-]+)",
                      re.I)
_FOR_WHOM = re.compile(r"(?<=\w)\s+(?:available\s+|offered\s+|provided\s+)?for\b.*$", re.I)
# a count closing its clause, its noun said before it: "there are currently 19", "the total was 65"
_CLOSING = re.compile(r"\b(there (?:are|were|is|was)|totals?|totalling|stands? at|stood at|numbering)\s+"
                      r"(?:currently |now |still |only |just |around |about |approximately )?(\d[\d,]*|" + NUMBER_WORDS +
                      r")\s*(?=[.;,)]|$)", re.I)


# A count of what was added is no count of what there is: "appointed an additional 4.5 social workers",
# "to recruit 25 new carers", "19 foster carers were approved" do not answer how many social workers a
# council employs or how many foster carers it has (STOCK_ASKED)
_N = r"(?:\d[\d,.]*\d|\d|" + NUMBER_WORDS + r")"
ADDED = re.compile(r"\b(?:additional|extra|further|another)\s+" + _N + r"(?:\s+[\w’'-]+){0,4}|"
                   r"\b" + _N + r"\s+(?:new|more|additional|extra|further)\b(?:\s+[\w’'-]+){0,4}|"
                   r"\b" + _N + r"\s+(?:[\w’'-]+\s+){0,4}?(?:were|have been|had been|was|has been)\s+(?:newly\s+)?"
                   r"(?:recruited|appointed|approved|hired|added)\b|"
                   # "resulting in a net gain of 19 households", "an increase of 12 carers"
                   r"\b(?:net )?(?:gain|increase|rise|growth) of\s+" + _N + r"(?:\s+[\w’'-]+){0,4}", re.I)
# "how many social workers does Hampshire employ?", "how many foster carers has it got?", "how many ... are there?"
STOCK_ASKED = re.compile(r"\bhow many\b[^?]{0,60}?\b(?:does|do|did|has|have)\b[^?]{0,40}?\b(?:have|has|got|employ|"
                         r"run|own)\b|\bhow many\b[^?]{0,60}?\bare there\b", re.I)

# "312 children who have ceased to be looked after" counts children who left care, not children in
# it: for a question not about leaving, such a count counts nothing
CEASED = re.compile(r"\b\d[\d,]*\s+(?:[\w’'-]+\s+){0,5}?(?:who\s+|that\s+)?(?:have\s+|had\s+|has\s+)?"
                    r"(?:ceased|stopped being|no longer)\b(?:[^;.]|\.\d)*", re.I)
LEAVING = re.compile(r"\b(ceas\w*|no longer|stopp?(ed|ing)?|left|leave|leaving|exit\w*)\b", re.I)


_POSSESSOR = re.compile(r"^(?:[A-Za-z-]+\s+)*?[A-Za-z-]*(?:[a-z]['’]s|s['’])\s+(.+)$")
_OF_WHICH = re.compile(r"of (which|whom|them|these|those)\b", re.I)
_ANTECEDENT = re.compile(r"(?<![A-Za-z’'-])((?:(?!(?:of|to|the|a|an|and|or|for|in|on|by|with|its|their)\b)[A-Za-z’'-]+\s+){0,2}"
                         r"[A-Za-z’'-]+),?\s*$", re.I)
_RATE_BASE = re.compile(r"(\b\d[\d.,]*\s+)?\b(per|in every|out of every|for every)\s+\d[\d,]*", re.I)
# a count its noun is said before, through a verb: "combined caseloads are between 90 and 110", "caseloads
# average 25" (not a time, a share or a multiple: "plans are 12 weeks old", "children are 5 times as likely")
_COUNT_AFTER_NOUN = re.compile(r"\b(?!(?:there|it|this|that|these|those|which|who|what|they)\b)"
                               r"(?P<what>[A-Za-z’'-]{3,})\s+(?:are|is|were|was|averages?|averaged|ranges?|ranged|"
                               r"ranging)\s+(?:currently |now |still |generally |typically )?(?:between |around |about |"
                               r"approximately |up to |over |under |at |from )?(?P<n>\d[\d,]*)\b(?!\s*(%|per\b|times\b|"
                               r"(working\s+)?(years?|months?|weeks?|days?|hours?)\b|[–-]\s?\d))", re.I)
# a number joined to what it counts: "a five-bedroom children's home", "a 12-bed unit" (not a time, masked
# before: "a 12-week programme", nor a part of a longer compound: "three-year-old")
_JOINED_COUNT = re.compile(r"\b(\d+|" + NUMBER_WORDS + r")-(?P<what>[A-Za-z]{3,})\b(?!-)", re.I)
# one person quoted counts nobody: "One social worker said, ‘They have my heart.’", "one parent told inspectors"
_ONE_QUOTED = re.compile(r"\s+(?:[\w’'-]+\s+){0,2}?[\w’'-]+,?\s+(?:[^.;:‘’]{1,60}?,\s+)?(said|says|told|tells|"
                         r"commented|described|explained|remarked|reflected|shared|stated)\b", re.I)
_RATIO_OF = re.compile(r"\s+(?:(?P<them>of\s+(?:them|these|those|whom)\b)|(?:of\s+(?:the\s+)?)?"
                       r"(?P<what>(?:[A-Za-z’'-]+\s+){0,2}[A-Za-z’'-]+))", re.I)


# what a group is made up of, just before a count: "The Children in Care Council is made up of a small but active
# group of 13 children looked after", "a panel comprising six foster carers"
MADE_UP_OF = re.compile(r"\b(?:made up of|compris(?:es|ed|ing)|consist(?:s|ed|ing)? of|membership of)\s+"
                        r"(?:[\w’'-]+\s+){0,6}$", re.I)
MEMBERS = tuple(tokenize("members"))


@lru_cache(maxsize=65536)
def _count_phrases(sentence: str) -> tuple[tuple[str, tuple[str, ...], bool, bool], ...]:
    """Each number of a sentence that may count something, as (number as written, the terms of the words
    after it in order, whether it is a share, whether its noun goes unsaid): a fact about the text alone, kept
    for the last 65,536 sentences read (a figure question reads every sentence of a council's reports,
    and both ranking and composing ask what they count). A rate's base counts nothing: "a rate of 29.2
    per 10,000 children"."""
    masked = _RATE_BASE.sub(" ", DURATION.sub(" ", _AGE_STAGE_OR_LABEL.sub(" ", _DAY_OF_DATE.sub(" ", sentence))))
    out = []
    for m in _COUNTED.finditer(masked):
        number, what = m.group(1), m.group("what")
        if _NOT_COUNT.match(number.rstrip(".,")):
            continue
        if number.lower() == "one" and _ONE_QUOTED.match(masked, m.end(1)):
            continue
        share = number.endswith("%") or bool(re.match(r"per ?cent\b", what, re.I))
        # (a quoted name's closing quote is no possessive: "three ‘family centres plus’ offer ...")
        whose = None if re.search(r"[‘“\"']", masked[m.end(1):m.start("what")]) else _POSSESSOR.match(what)
        if whose:
            # "one young person’s comment", "12 children’s homes": the number counts what is theirs
            what = whose.group(1)
        # "one apprenticeship available for care-experienced young people" counts apprenticeships, not
        # care leavers: whom something is for comes after what is counted
        what = _FOR_WHOM.sub("", what)
        if _OF_WHICH.match(what):
            # "family hubs, three of which they launched in 2023": the number counts what comes before it
            before = _ANTECEDENT.search(masked[:m.start()])
            what = before.group(1) if before else what
        whose_share = _OF_THE_AREAS.match(masked, m.start("what")) if share else None
        if whose_share:
            what = whose_share.group("what")  # "15.7% of the local authority’s children" is a share of children
        of_a_number = _OF_A_NUMBER.match(masked, m.start("what"))
        if of_a_number:
            # "nine of 119 care leavers" counts care leavers; "103 of the 125", what was named before it
            what = of_a_number.group("what") or ""
        elided = bool(_ELIDED.match(what)) or not what
        out.append((number, tuple(tokenize(what)), share, elided))
        if not share and MADE_UP_OF.search(masked, max(0, m.start() - 80), m.start()):
            out.append((number, MEMBERS, False, False))  # those a group is made up of are its members
    for m in _COUNT_AFTER_NOUN.finditer(masked):
        what = tuple(tokenize(m.group("what")))
        if what:
            out.append((m.group("n"), what, False, False))
    for m in _JOINED_COUNT.finditer(masked):
        out.append((m.group(1), tuple(tokenize(m.group("what"))), False, False))
    for m in ZERO.finditer(masked):
        out.append(("no", tuple(tokenize(m.group("what"))), False, False))
    for m in RATIO.finditer(masked):
        # a share of what follows ("one in 10 care leavers"), or of whom the sentence is about ("four in five
        # of them")
        after = _RATIO_OF.match(masked, m.end())
        words = tuple(tokenize(after.group("what") or "")) if after and not after.group("them") else ()
        out.append((m.group(0), words, True, not words))
    for m in _CLOSING.finditer(masked):
        out.append((m.group(2), (), False, True))  # what it counts goes unsaid, as with "17 were placed"
    return tuple(out)


# people named by their role: counted as that role
ROLES = frozenset(tokenize("carers carer offenders offender parents parent mothers fathers adopters workers worker "
                           "officers officer advisers adviser staff practitioners professionals volunteers mentors"))


COUNT_NOUNS = ROLES | frozenset(tokenize("households placements arrangements"))


@dataclass(frozen=True)
class Counts:
    """What a count question counts, as `counting` reads it: `present(terms)`, the question's terms among
    `terms`; `compound`, the counted words in the question's order ("social", "worker"), so that other
    workers are not counted; `outright`, whether it asks how many there are in all ("how many social workers
    does Lancashire have?"), which a share of them or a count whose noun goes unsaid does not answer."""
    present: Callable[[set[str]], set[str]]
    compound: tuple[str, ...] = ()
    outright: bool = False

    def __call__(self, terms) -> set[str]:
        return self.present(terms)


def _other_kind(words: tuple[str, ...], compound: tuple[str, ...]) -> bool:
    """Whether words counted name another kind of what a question counts by a compound noun: "73 family
    support workers" are not the social workers of "how many social workers ...?", nor "25 connected
    carers" the foster carers asked about; "12 newly qualified social workers" and "40 workers" may be."""
    if len(compound) < 2:
        return False
    if compound[-1] not in words:
        # what the question names is the count's noun: "208 live with foster families" counts no foster carers,
        # nor "404 live with foster families" fostering households (a noun only: the words a question counts
        # may run on into its verb, "how many children went missing")
        return compound[-1] in COUNT_NOUNS and bool(set(compound[:-1]) & set(words))
    if compound[-1] not in ROLES:
        return False  # "the four current arrangements" are private fostering arrangements all the same
    at = words.index(compound[-1])
    return at > 0 and words[at - 1] not in compound


def _numbers_counting(sentence: str, present):
    """(strength, number as written) for each number of the sentence that counts the subject (`counting`)."""
    about: bool | None = None  # whether the sentence holds the subject at all, worked out once if needed
    # (`present` may be a plain function of terms: a Counts says more)
    compound = getattr(present, "compound", ())
    outright = getattr(present, "outright", False)
    for number, words, share, elided in _count_phrases(sentence):
        counted = frozenset(words)
        # (an "elided" count that names what the question counts is not elided: "154 fostering households")
        if _other_kind(words, compound) or (outright and (share or (elided and not present(counted)))):
            continue
        # people counted answer a question about people; about care leavers, only young people do ("130 families
        # with children" are no care leavers)
        if present(counted) or (counted & PEOPLE and (present(set(GENERIC_PEOPLE)) or (
                counted & YOUNG_PEOPLE and present(set(PEOPLE))))):
            yield (0.5 if share else 1.0), number
        elif elided:
            if about is None:
                about = bool(present(set(tokenize(sentence))))
            if about:
                yield 0.5, number


def count_stated(sentence: str, present) -> float | None:
    """The largest number in figures that counts the subject outright ("642 children ... were the
    subject of a child protection plan" -> 642.0); None if none does."""
    values = [float(n.rstrip(".,").replace(",", "")) for strength, n in _numbers_counting(sentence, present)
              if strength == 1.0 and re.fullmatch(r"\d[\d,]*(\.\d+)?", n.rstrip(".,"))]
    return max(values, default=None)


# "There has been good improvement in the number of care leavers who are at university. This has
# risen from zero to five.": a count that carries on from the number its sentence before names
NUMBER_NAMED = re.compile(r"\bnumbers? of\b([^.;]{0,80})", re.I)
THAT_NUMBER = re.compile(r"(This|It|That)\b[^.;]{0,30}?\b(is|was|stands?|stood|has|had|rose|fell|increased|"
                         r"decreased|reduced|grew)\b", re.I)


def counting_on(before: str, sentence: str, present) -> float:
    """How the count in `sentence`, which carries on from `before` ("This has risen ... to five"),
    counts the question's subject: 1 if `before` names the number of it, else as `counting` has it."""
    if THAT_NUMBER.match(sentence) and _counts(sentence):
        if any(present(set(tokenize(m.group(1)))) for m in NUMBER_NAMED.finditer(before)):
            return 1.0
    return counting(sentence, present)


def counting(sentence: str, present) -> float:
    """How a number in the sentence counts the question's subject (`present(terms)`: the subject
    terms among them), best first:
    - 1 for a count followed within a few words by a subject term ("252 children were looked
      after"), or by young people when the subject is children or care leavers, or one that
      follows "the number of" the subject ("the number of ... children was 65");
    - 0.5 for a share of it ("82% of children"), a count in words ("the number of children ... is
      small"), or a count whose noun goes unsaid in a sentence about the subject ("of all
      complaints ..., only two going to Stage 2");
    - else 0. A day of a date, an age, a year or a section of an Act counts nothing ("at 31 October
      2014" is not 31 of anything), nor does a time taken ("within 28 days" counts days)."""
    best = max((strength for strength, _ in _numbers_counting(sentence, present)), default=0.0)
    if not best and "number" in sentence.lower():
        masked = DURATION.sub(" ", _AGE_STAGE_OR_LABEL.sub(" ", _DAY_OF_DATE.sub(" ", sentence)))
        unmasked = DURATION.sub(" ", sentence)
        for m in (*NUMBER_OF_IS.finditer(masked), *NUMBER_WENT_TO.finditer(unmasked),
                  *NUMBER_CHANGED.finditer(unmasked)):
            if present(set(tokenize(m.group(1)))):
                return 1.0
        # "the number of children missing education is small": a count in words, of what it names
        for m in COUNT_IN_WORDS.finditer(sentence):
            if present(set(tokenize(m.group(0)))):
                best = 0.5
    return best
