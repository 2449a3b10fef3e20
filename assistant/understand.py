"""Question text -> `Query`: the kind of answer it asks for, what it is about, and which reports.

    understand("how many kids were in care in Bury in feb 2016?", {"Bury": []})
    -> Query(asks="quantity", quantity="count", subject=("kid", "care", ...), authorities=("Bury",),
             years=(2016,), ...)

The kind of answer comes from the question's form, its interrogative first: "how many
... have to" asks for a number, whatever else it says; "what must ... do" asks for
actions. The kind decides which answers may be given and when to refuse
(assistant.check): a number, an amount, a name or a date is only ever answered from a
sentence that states one. Pure functions over words; no index access.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from assistant.facts import CHANGE_WORDS, GENERIC_PEOPLE, HOLD_VERBS, MEMBERS, PEOPLE, ROLES
from index.authorities import AS_A_WORD, COMMON_WORDS, normalise
from index.lexical import edits, tokenize
from index.vocabulary import BY_KEY, EVERYDAY, areas_asked, audience_asked, timescale_asked

ASKS = ("reference", "amount", "name", "date", "quantity", "grade", "action", "describe")

REFERENCE = re.compile(r"\b(which|what) (paragraph|para|section|part)s?\b|\bwhere (does|did) (it|the report) say\b|"
                       r"\bsource\b|\bcite\b", re.I)
MONEY = r"(budgets?|spend|spent|spending|costs?|funding|money|£|pounds|salar(y|ies)|price|invest(ed|ment)?|grants?|" \
        r"allowances?|payments?|fees?|pay|paid|paying)"
AMOUNT = re.compile(r"\bhow much\b.{0,60}\b" + MONEY + r"|\b" + MONEY + r"\b", re.I)
# "what is the budget for ...?" asks an amount; "what is the devolved budgets pilot?" asks what a pilot is: the
# money word must end its noun phrase
MONEY_NOUN = re.compile(r"\b" + MONEY + r"(?!\w)(?!\s+(?!(for|of|in|on|at|to|is|was|are|were|this|that|last|per|each|"
                        r"by|from|and|or|spent|allocated|set|has|have|had|been|be|do|does|did|will|would|can|given|"
                        r"paid|like)\b)[a-z]+\b)", re.I)
# "what did Telford spend on agency staff?", "what does the council pay foster carers?": an amount
SPEND_ASKED = re.compile(r"\bwhat (do|does|did|will) [\w ,'’&-]{1,50}?\b(spend|pay(?! attention)|invest|cost)\b", re.I)
# "how much did Oxfordshire get from the DfE?": money, though no word says so (not "how much support do they get?")
MONEY_GOT = re.compile(r"\bhow much (do|does|did|has|have|had|will|would|is|was)\b [\w ,'’&-]{1,50}?\b(get|gets|got|"
                       r"gotten|receive[sd]?|receiving|raise[sd]?|secure[sd]?|win|won|save[sd]?|saving|lose|lost|cut)\b",
                       re.I)
# a person's name: "who is the director", "who chairs the board"; not "who has to ..." (an action's actor).
# The question's "who" opens it or a clause ("and who chairs ...", "tell me who runs ..."); after a noun
# it is relative: "16 and 17 year olds who are homeless" asks what happens to them, not anyone's name
_WHO = (r"(?:^\s*|(?<=[,;:?!(])\s*|\b(?:and|but|or|so|me|us|know|knows|say|says|said|tell|ask|asking|wondering|out|"
        r"see|find|show)\s+)who (actually |really |currently |now |exactly )?")
# "... called?", "... called in Kingston?": the naming word ends the question, or only a place follows it
_CALLED = (r"\b(called|named|known as)(\s+(in|at|by|for)\s+[\w ,.'’&-]{1,40})?\s*\??$|"
           # "what do Essex call corporate parents?", "what does the council call its IROs?": the term it uses
           r"\bwhat (do|does|did) (?:(?!\b(?:do|does|did|when|if|who|that|to)\b)[\w ,.'’&-]){1,40}?\bcall\b")
NAME = re.compile(_WHO + r"(is|was|are|were|leads?|led|chairs?|chaired|runs?|heads?|manages?|directs?|provides?|"
                  # (not who, as a group, is so: "who is missing from the partnership?", "who is eligible?")
                  r"delivers?|commissions?|operates?)\b(?! (responsible|missing|absent|involved|eligible|entitled|"
                  r"affected|excluded|included|represented|not|most|least|likely|at risk)\b)|"
                  r"\bwhat (is|was|are|were) (the |their |his |her )?names?\b|\bnames? of\b|"
                  r"\b(every|all|list)\b.{0,30}\bnames?\b|\bwhat\b.{0,80}" + _CALLED, re.I)
# what kind of name: a service or group's ("what is the children in care council called?", "the name
# of the team that ..."), an organisation's ("who runs children's social care?"), else a person's
NAME_OF_THING = re.compile(_CALLED + r"|\bnames? of (the |their |its )?([\w'’-]+ ){0,5}(team|group|service|council|panel|"
                           r"scheme|programme|project|forum|hub|app|tool|model|approach|initiative|unit|centre|"
                           r"framework|strategy|pledge|offer|network|club|award|event|magazine|"
                           r"agency|agencies|partnership|trust|board|charity|charities|provider|organisation|body|"
                           r"consortium)s?\b"
                           # unless a person holds a role in it: "the name of the safeguarding board chair" asks for
                           # a person's
                           r"(?!\s+(chair|chairs|chairperson|chairman|chairwoman|lead|leads|leader|head|manager|director|"
                           r"officer|member|coordinator|co-ordinator|worker|adviser|advisor|president|boss|executive)\b)",
                           re.I)
# "what is the new DCS called?": a person in a role is called something too
_ROLE = r"(director|dcs|chair(man|woman|person)?|chief executive|ceo|lead member|manager|inspector|head|leader|officer|boss)s?"
PERSON_CALLED = re.compile(r"\b" + _ROLE + r"(\s+(in|at|for|of)\s+[\w ,.'’&-]{1,40}?)?\s+(called|named|known as)\b|"
                           # "the name of BCP's director of children's services": a person's, whatever the role is of
                           r"\bnames? of (the |their |its )?([\w'’-]+ ){0,3}?" + _ROLE + r"\b", re.I)
NAME_OF_BODY = re.compile(_WHO + r"(runs?|provides?|delivers?|commissions?|operates?)\b", re.I)
# "who chairs the improvement board?": the verb is the question's form ("chaired by ..." answers), not what
# the sentence must say (a "lead member", a "lead inspector")
HOLDS = re.compile(_WHO + HOLD_VERBS + r"\b", re.I)
# a judge, the person, is the judiciary in a report's words, as are "the courts" and what "the court said";
# "judged" and "judgement" are about grades
JUDGES = re.compile(r"\bjudges\b|\b(the|a|family|court|district|circuit|local) judge\b|\bthe courts\b|"
                    r"\bthe court (says?|said|thinks?|thought|feels?|felt)\b", re.I)
DATE = re.compile(r"^\s*when\b|\bwhat (date|year|month|day)\b|\bsince when\b|\bhow long ago\b|\bin what year\b|"
                  r"\bwhen (did|was|were|is|does|will)\b", re.I)
# "at what age do care leavers get a personal adviser?", "up to what age?", "how old are they when ...?"
AGE_ASKED = r"\b(at|until|till|to|from|by|after|before) what age\b|\bwhat age\b|\bhow old\b"
# "how far away do children live?", "how many miles ...": a distance ("how far has it improved?" is not)
DISTANCE_ASKED = (r"\bhow far (away|from|out)\b|\bhow far (do|does|did|are|is|were|was) [^?]{0,60}\b(live|lives|living|"
                  r"placed|travel\w*|away|from)\b|\bwhat distance\b|\bhow many (miles|kilometres|km)\b")
QUANTITY = re.compile(r"\bhow (many|much)\b|\bwhat (percentage|proportion|number|share|rate|fraction|per ?cent)\b|"
                      # "what is the agency staff rate?", "what was the average caseload?" (not "what are employment
                      # rates like?", which asks what they are like: "too low")
                      r"\bwhat (is|was|are|were) (the |their |its )?([\w’'-]+ ){0,4}(rates?|percentages?|proportions?|"
                      r"numbers?|figures?|averages?|totals?)\b(?! of (improvement|change|progress)| like\b)|"
                      r"\bwhat %|\bhow (long|often|quickly|fast)\b|\bnumber of\b|\bhow (big|large)\b|" + AGE_ASKED + "|" +
                      DISTANCE_ASKED, re.I)
# "how far away do children live?": a distance is asked; its words are the form, not the subject
DISTANCE_WORDS = frozenset(tokenize("far away distance miles mile kilometres km"))
# "how big are IRO caseloads?", "how large is the team?": the size is the number asked for, not a term
HOW_BIG = re.compile(r"\bhow (big|large|high|small|low)\b", re.I)
SIZE_WORDS = frozenset(tokenize("big large high small low size"))
# "how much does BCP depend on agency staff?" asks how far, not how many (money is an amount, asked first)
# (a change asks its size: "how much have caseloads fallen?")
DEGREE = re.compile(r"\bhow much (do|does|did|is|are|was|were|has|have|had)\b(?!.*\b(" + CHANGE_WORDS +
                    r"|improv|save|saving)\w*)", re.I)
PERCENT = re.compile(r"percent|proportion|share|fraction|%|\brate\b", re.I)
DURATION = re.compile(r"\bhow (long|quickly|fast)\b|\bhow many (working )?(hours|days|weeks|months|years)\b", re.I)
FREQUENCY = re.compile(r"\bhow often\b", re.I)
GRADE = re.compile(r"\b(grades?|graded|grading|judge?ments?|judged|rated|rating|ratings|verdict|overall effectiveness|"
                   r"marked|(ofsted|inspection)( \d{4})? (results?|outcomes?)|(results?|outcomes?) of (the |its |their )?"
                   r"(last |latest |recent |\d{4} )?(ofsted|inspection))\b", re.I)  # "surrey ofsted 2022 result"
# "what did Medway get for ...", "how did Leeds do on ...", "what did Ofsted make of ...": a grade, unless the
# question asks what must be done
GRADE_WEAK = re.compile(r"\b(what|which) (did|does) .{0,60}\b(get|receive)\b(?! better)|\bhow (did|does) .{0,60}\b"
                        r"(do|fare)\b(?! better)|\bofsted (say|said|gave|give|(make|made|think|thought|thinks) of)\b", re.I)
# "how is Cornwall doing?": of a council, nothing else named, how it was judged
HOW_DOING = re.compile(r"\bhow (is|are|was|were) .{0,40}\b(doing|getting on|performing|faring)\b", re.I)
# a question to answer yes or no: "was Lincolnshire outstanding for help and protection?"
YES_NO = re.compile(r"^\s*(is|are|was|were|has|have|did|does)\b", re.I)
# "swindon overall 2019": a council, the word overall and nothing else asks its overall grade
OVERALL = re.compile(r"\boverall\b", re.I)
# what Ofsted said of something in particular is what it found, not a grade: "what did Ofsted say about the
# virtual school?"
OFSTED_SAID = re.compile(r"\bofsted (say|said|(make|made|think|thought|thinks) of)\b", re.I)
# a council that is not the local authority: the children in care council, a youth council, council tax
COUNCIL_OF_OTHERS = re.compile(r"\b(in care|youth|children['’]?s?|young people['’]?s?|leavers['’]?|school|pupils['’]?) "
                               r"councils?\b|\bcouncil tax\b", re.I)
COUNCIL = frozenset(tokenize("council councils"))
# what a question asks to hear of: what is wrong, or what works well
WEAK_ASKED = re.compile(r"\b(wrong|problems?|weak(ness|nesses|est)?|concerns?|worr(y|ies|ying)|shortfalls?|failings?|"
                        r"shortcomings?|fall(s|ing)? short|struggl(e|es|ing)|"
                        r"gaps?|bad|poor|(not|n[o’']t) (good|working|work|going well))\b", re.I)
STRONG_ASKED = re.compile(r"\b(strengths?|strong points?|(works?|working|went|going|doing) well|positives?|"
                          r"what is good|good about|best)\b", re.I)
HOW_GOOD = re.compile(r"\bhow (good|well|bad)\b|\bany good\b|\bgood or bad\b", re.I)
# what must be done, as a question says it ("by when must ...?" asks a deadline; "by when will ...?", a date)
_OBLIGED_WORDS = r"must|should|needs? to|has to|have to|got to|required?|recommend\w*|deadlines?"
OBLIGED = re.compile(r"\b(" + _OBLIGED_WORDS + r")\b", re.I)
ACTION = re.compile(r"\b(" + _OBLIGED_WORDS + r"|responsible for|"
                    r"areas? for (improvement|"
                    r"priority action)|improve(ment)?s? (needed|required)|to[- ]do|actions?|what needs to improve|"
                    r"get better|do better|sort out|fix|by when|timescales?|"
                    # "what should they focus on?", "priorities for improvement", "what was it told to improve?"
                    # (not "do social workers work on weekends?": what is worked on is the question's end)
                    r"(work|focus) on(?=\W*$|\s+(for|in|about|at|now|next|first|improving)\b)|for improvement|"
                    r"(told|asked|expected|urged) to|"
                    # "what do ofsted want them to improve?", "what would inspectors like it to change?"
                    r"(wants?|wanted|like|expects?) (\S+ ){0,3}?to (improve|change|fix|develop|strengthen|work on|"
                    r"focus on|do better|do differently)|"
                    # typed tersely: "what to improve in Hounslow", "improvement areas Northumberland"
                    r"(what|areas?|things?) to (improve|work on|fix|change)|improvement areas?|"
                    r"areas? (of|needing|requiring|that needs?) improvement)\b", re.I)
# What must be done falls to the council and its partners, never to those they serve: "do care leavers
# have to pay council tax?" asks what happens to them, not for the report's recommendations
SERVED_OBLIGED = re.compile(r"\b(children|child|kids|young people|care leavers|leavers|families|parents|mums|dads|"
                            r"teenagers|teens|babies|pupils|adopters|carers)\b(?!['’]s)(\s+[\w'’-]+){0,4}?\s+(have|has|need|needs|got)"
                            r"\s+to\b", re.I)
# "who are the children in care?" asks what they are like (most are unaccompanied asylum seekers), not a name
SERVED_WHO = re.compile(r"\bwho (is|are|was|were) ((most|many|all|some|the majority) (of )?)?(the |these |its |their )?"
                        r"(children|child|kids|young people|care leavers|leavers|families|parents|pupils|adopters|"
                        r"(foster )?carers)\b", re.I)
FUTURE = re.compile(r"\b(will|going to)\b.{0,50}\b(be|get|grade[d]?|rated?|judged)\b.{0,40}\b(next|future|again)\b|"
                    r"\bnext (time|inspection)\b|\bpredict|\bforecast", re.I)
INJECTION = re.compile(
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(instructions?|rules|prompts?|previous|above|system|told|said|"
    r"reports?|documents?|sources?|context)\b|"
    # a request to write something else: "write a poem about Ofsted"
    r"\b(write|compose|make up)\b( me)? (a|an|some) (poem|story|song|joke|limerick|haiku|essay|rap)\b|"
    r"\b(print|show|reveal|repeat|display|output|tell me)\b.{0,30}\b(system )?(prompt|instructions)\b|"
    r"\byou are now\b|\bact as\b|\bjailbreak\b|\bdeveloper mode\b|\bpretend (to be|you are)\b",
    re.I,
)
YEAR = re.compile(r"\b(20[0-4]\d)\b")
# -- questions across reports: about councils in the plural, or one council over time ------------
_COUNCILS = r"(councils?|(local )?authorit(y|ies)|las|boroughs|counties)"
LIST_COUNCILS = re.compile(r"\b(which|what|list|name|show)\b(\s+(me|all|the|of|other))*(\s+\w+)?\s+" + _COUNCILS +
                           r"\b|\b" + _COUNCILS + r"\s+(that|which|who)\s+(were|was|are|got|have|had|received)\b", re.I)
COUNT_COUNCILS = re.compile(r"\bhow many\s+(\w+\s+)?(" + _COUNCILS[1:-1] + r"|reports|inspections)\b", re.I)
NEIGHBOURS = re.compile(r"\bneighbou?rs?\b|\bsimilar (councils|authorities|areas|places)\b|\bcomparators?\b", re.I)
COMPARE = re.compile(r"\bcompar(e|ed|es|ing|ison)\b|\bversus\b|\bvs\.?\b|\b(better|worse) than\b", re.I)
# (a change with what is changed after it is not a trend: "do children keep changing social worker?")
OVER_TIME = re.compile(r"\bchang(e|ed|es|ing)\b(?!\s+(of\s+)?(?!(since|over|between|from|after|during|across|in|at|"
                       r"much|a lot|for|the most|very)\b)[a-z])|\bover (time|the years)\b|\btrend|\btrajector|"
                       r"\b(improv|declin|deteriorat)(ed|ing)\b|\b(got|gotten|getting) (better|worse)\b|"
                       r"\b(each|every|successive|all (of )?(its|their|the))\s+inspections?\b|"
                       r"\b(previous|past|earlier|last)\s+(\w+\s+)?inspections\b|"
                       r"\bsince (19|20)\d\d\b|\bbetween (19|20)\d\d and\b", re.I)
# "still" and "again" ask about time only beside a grade: "is Leeds still inadequate?", not "do care
# leavers still get help?"
STILL = re.compile(r"\b(still|again)\b", re.I)
IMPROVE = re.compile(r"\b(improve|improvements?|recommend\w*|areas? for (improvement|priority action)|"
                     r"actions?|asked to|told to)\b", re.I)
# grade words a question filters on; "RI" is how the sector says "requires improvement"
GRADES_ASKED = re.compile(r"\b(?P<word>outstanding|good|adequate|inadequate|requires? improvement(?: to be good)?|ri)\b"
                          r"(?:\s+or\s+(?P<more>better|above|worse|below|outstanding|good|inadequate|"
                          r"requires improvement))?|"
                          r"\b(?P<how>below|less than|worse than|better than|at least|not)\s+"
                          r"(?P<than>good|outstanding|adequate)\b", re.I)
_GRADE_NUMBER = {"outstanding": 1, "good": 2, "adequate": 3, "ri": 3, "inadequate": 4}
# Contractions, with their apostrophe or typed without it ("whats the ... called"), spelt out: the
# question's form is then recognised one way, and "whats" is not taken for what it is about.
_BARE_CONTRACTION = re.compile(r"\b(what|who|how|where|when|there|that)['’]?s\b|\b(do|does|did|is|are|was|were|has|"
                               r"have|had|ca|wo|should|could|would)n['’]?t\b", re.I)
# The words of a question's form, its scope and its tone: not what it is about.
FORM_TEXT = (
    "what which how many much report reports say said tell ofsted inspector inspectors inspection anything something "
    "thing things must need needs like know find give giving get getting got does whether able current any paragraph "
    "wrong right bad poor decent okay ok sort sorted problem problems issue issues actually really going doing well "
    "enough better worse best worst think thought way ways kind lot lots happens happen happened done do being make "
    "made deal dealt handled handle treat treats treated work working area areas council councils authority authorities latest "
    "grade grades graded grading judged judgement judgements rated rating ratings overall effectiveness mark marked "
    "should shall would could must have has had improve improvement improvements recommend recommendations recommended "
    "action actions todo need needed required deadline deadlines timescale timescales number percentage proportion "
    "rate share many different long often quickly when since date year years month day name named who whose called call "
    "list every all each show tell me please us our their there here ago happen see good still yet properly correctly "
    "shortcoming shortcomings fall falls falling short struggle struggles struggling weakness weaknesses weakest "
    "shortfall shortfalls failings big huge massive"
)
FORM_WORDS = set(tokenize(FORM_TEXT))
# The words a question's form is read with, as typed: FORM_TEXT's, and those of the patterns above that
# say what kind of answer is asked for. A slip in one ("areas for improvment", "recomendations") sends the
# question down the wrong route, which mending its subject words against the index (Lexical.closest)
# cannot undo.
FORM_SPELLINGS = frozenset(w for w in (FORM_TEXT + " recommendation recommendations outstanding inadequate adequate "
                                       "requires judgment percent average immediately priority strengths weaknesses "
                                       "minimum maximum").split() if len(w) >= 6)
# A word repeated either side of "to" or "by" is part of a compound, which the reports write both ways
# ("day to day" and "day-to-day"): its word stays in the subject though alone it is a form word (a date's
# "day"), since the compound is what the question is about.
REPEATED_COMPOUND = re.compile(r"\b([a-z]+) (to|by) \1\b", re.I)
# "children in need", "a child in need plan": the reports' name for a group, whose "need" is no form word
IN_NEED = re.compile(r"\b(children|child|kids|young people|families)\s+in\s+need\b", re.I)
NEED = frozenset(tokenize("need"))
# That something happens is the question's form, like "done" and "happen": "are reviews held on time?" asks
# about reviews ("held accountable" says nothing of them); being held under an Act is about the person.
HAPPENING = re.compile(r"\b(held|holds?|holding|take[sn]? place|taking place|took place|carried out|"
                       # a change's direction in everyday words: "have caseloads come down?"
                       r"(come|came|coming|gone|went|go|going) (down|up))\b(?! under)", re.I)
# "local" says where only before the council it qualifies; "local foster placements" are placements near home
LOCAL_COUNCIL = re.compile(r"\blocal (?=(authority|authorities|council|councils|area|areas)\b)", re.I)


# "at the end of August 2016", "in March 2017", "last year": when, not what
TIME_PHRASE = re.compile(r"\b(at|by|in|on|during|from|until|since)?\s*(the )?(start|end|beginning|middle) of\b|"
                         r"\b(last|this|next|previous|past) (year|month|week)\b|"
                         r"\b(at the moment|at present|right now|these days|nowadays|currently)\b|"
                         # "before this one", "the last one": the one is the inspection the question is about
                         r"\b(this|that|the last|the previous|the latest) one\b", re.I)
# words that only scope a question in time: its deadline or its date
# "how long do care proceedings take / last / take to finish?": the duration is what is asked, not the taking
TAKES = set(tokenize("take takes taking took last lasts lasted finish finished complete completed conclude concluded"))
MONEY_ITSELF = set(tokenize("money pounds"))
AGE_WORDS = set(tokenize("age old"))
GRADE_TERMS = set(tokenize("outstanding good adequate inadequate requires require improvement ri"))
GOOD = set(tokenize("good"))
GOOD_THING = re.compile(r"\bgood(?: or better| or outstanding)?\s+(?!(?:at|in|for|on|and|or|to|is|are|was|were|enough|"
                        r"as|with|so|overall|now|then|about)\b)[a-z]{3,}", re.I)
INSPECTION = set(tokenize("inspection inspected"))
INSPECTOR = set(tokenize("inspector inspectors"))
TIME_WORDS = set(tokenize("within three six months month immediately immediate straight away right urgently urgent once last "
                          "next january february march april may june july august september october november december "
                          "jan feb mar apr jun jul aug sep sept oct nov dec"))


@dataclass(frozen=True)
class Query:
    text: str
    asks: str  # one of ASKS: the kind of answer the question wants
    subject: tuple[str, ...] = ()  # stemmed content terms: what the question is about
    # subject term -> alternatives in the reports' words, each a set of terms all needed:
    # ("jab", (("immunis",),)): an everyday word counts as present where its stand-in is
    stand_ins: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = ()
    areas: tuple[str, ...] = ()  # judged areas it names (index.vocabulary keys)
    quantity: str | None = None  # for asks="quantity": "percent", "age", "duration", "frequency", "distance" or "count"
    counted: tuple[str, ...] = ()  # for a count, the subject terms of what is counted: "how many foster carers ..."
    name_of: str | None = None  # for asks="name": "person", "organisation" or "thing"
    explicit_grade: bool = False  # names a grade ("what grade ...", "judged"), not only "how good is ..."
    timescale: str | None = None
    audience: str | None = None
    authorities: tuple[str, ...] = ()  # indexed authorities the question names
    years: tuple[int, ...] = ()
    unindexed: tuple[str, ...] = ()  # councils it names that are not indexed
    injection: bool = False
    future: bool = False  # asks what will happen: no report can say
    # questions across reports, answered from the judgement table (assistant.judgements):
    across: str | None = None  # "list", "count", "trend", "compare", "neighbours" or "history"
    grades: tuple[int, ...] = ()  # grade numbers it asks for: "inadequate" -> (4,); "good or better" -> (1, 2)
    since: str = ""  # ISO date bounds it names: "since 2023" -> since="2023-01-01"
    until: str = ""
    latest: bool = False  # "currently", "latest", "now": each council's most recent report only
    tone: str | None = None  # "weak" for what is wrong ("what's wrong with ...?"), "strong" for what works well
    # what else it asks to hear: "views" (what people said: "what do care leavers think of ..."), or a
    # "verdict" (how good something is: "are return home interviews any good?")
    hear: str | None = None
    # a report's own record the question asks for, rather than what a paragraph says: "inspection dates",
    # "recommendation count", "summary", or "recommendations" (what must improve, with no topic named)
    own_record: str | None = None

    @property
    def typed(self) -> bool:
        """Asks for a kind of fact that an answer must state, or else be a refusal."""
        return self.asks in ("quantity", "amount", "name", "date")


def known_authorities() -> dict[str, str]:
    """alias (as written) -> canonical authority name, for every English children's services authority."""
    from index.authorities import aliases

    return aliases()


# A question is held against every council's aliases (about 600). Compiled once each here: left to
# re's own cache of 512 patterns they would evict each other, and every other pattern, on every question.
@lru_cache(maxsize=None)
def _name_pattern(name: str) -> re.Pattern:
    written = re.escape(name).replace(r"\ ", r"[\s-]+")
    if name.lower() in AS_A_WORD:
        # "Reading", or in lower case unless it is the word: "do reading PAs ...?" (not "reading support",
        # "their reading")
        after, before = AS_A_WORD[name.lower()]
        whose = "".join(f"(?<!\\b{re.escape(word)} )" for word in before)
        written = f"(?:{written}|(?i:{whose}{written.lower()}(?!{after})))"
        flags = 0
    elif name.lower() in COMMON_WORDS:
        # "Bucks", or in lower case where only a place fits: "in bucks", "bucks's", "bucks council", "what does
        # bucks need to improve?"
        written = (f"(?:{written}|(?i:(?:(?<=\\bin )|(?<=\\bat )|(?<=\\bfor )|(?<=\\bfrom )|(?<=\\bdoes )|"
                   f"(?<=\\bdid )){written.lower()}|"
                   f"{written.lower()}(?=['’]s\\b|\\s+(?:council|children['’]?s? services)\\b)))")
        flags = 0
    else:
        flags = re.I
    # ("cornwalls virtual school": a possessive typed without its apostrophe names the place too)
    return re.compile(r"(?<![\w-])" + written + r"s?(?![\w-])(?!\s+(NHS|University|Hospitals?|Trust|Royal))", flags)


@lru_cache(maxsize=None)
def _strip_pattern(name: str) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + re.escape(name) + r"(['’]?s)?(?![\w-])", re.I)


def mentions(question: str, name: str) -> bool:
    """Whether `name` is named in the question as a place, not as part of an NHS body."""
    # the name's first word, as written, is a necessary condition: most of ~600 names fail it at
    # the cost of a substring test, and are never compiled (a cold `ask` compiles only a few)
    # (split at a hyphen too: "Stoke-on-Trent" typed "stoke on trent")
    if re.split(r"[\s-]", name, 1)[0].lower() not in question.lower():
        return False
    return bool(_name_pattern(name).search(question))


def asks_for(text: str, areas: tuple[str, ...]) -> str:
    """The kind of answer, from the question's form. The interrogative decides before any
    topic word: "how many days do they have to ..." asks for a number, not for actions."""
    if REFERENCE.search(text):
        return "reference"
    if AMOUNT.search(text) and (QUANTITY.search(text) or SPEND_ASKED.search(text) or (
            re.search(r"\bwhat('s| is| was| are)\b", text, re.I) and MONEY_NOUN.search(text))) and not (
            re.search(r"\bhow many\b(?!\s+(pounds|£))", text, re.I)) or MONEY_GOT.search(text):
        # ("how many apprenticeships did the DfE fund?" counts apprenticeships)
        return "amount"
    if NAME.search(SERVED_WHO.sub(" ", text)):
        return "name"
    if DATE.search(text) and not (re.search(r"\bby when\b", text, re.I) and OBLIGED.search(text)):
        # "by when must the plans be reviewed?" asks a recommendation's deadline; "by when will all work be
        # allocated?", a date the report gives
        return "date"
    if QUANTITY.search(DEGREE.sub(" ", text)):
        return "quantity"
    if GRADE.search(text) or (areas and HOW_GOOD.search(text)):
        return "grade"
    if ACTION.search(SERVED_OBLIGED.sub(" ", text)) or timescale_asked(text):
        return "action"
    if GRADE_WEAK.search(text):
        return "grade"
    return "describe"


def _spelt_out(m: re.Match) -> str:
    """ "whats" and "what's" -> "what is"; "dont" and "don't" -> "do not"; "cant" -> "can not"."""
    if m.group(1):
        return f"{m.group(1)} is"
    return {"ca": "can", "wo": "will"}.get(m.group(2).lower(), m.group(2)) + " not"


_WORD = re.compile(r"[A-Za-z][A-Za-z’']*")


def _bare(word: str) -> str:
    """ "Herefordshire's" -> "herefordshire" """
    return re.sub(r"['’]s$|['’]", "", word.lower())


_NAME_WORDS: list = [None, None]  # [indexed, its name words], for the snapshot's one indexed map


def _name_words(indexed: dict[str, list[str]]) -> tuple[list[tuple[str, list[str]]], set[str], set[str]]:
    """For the indexed councils: each name to match as (canonical, its words), every word of their names,
    and those words' stems; worked out once per map of indexed councils, not per question. (A slip may stem
    as a council's name does, "sandwel" as "Sandwell": that stem is no proof of a word; a council's own
    word is no slip, "herefordshire" one letter from "Hertfordshire".)"""
    cached_for, words = _NAME_WORDS
    if cached_for is not indexed:
        targets = []
        for canonical, aliases in indexed.items():
            for alias in dict.fromkeys((canonical, *aliases)):
                target = normalise(alias).replace("'", "").split()
                if len("".join(target)) >= 5 and alias.lower() not in COMMON_WORDS:
                    targets.append((canonical, target))
        spelt = {w for canonical, aliases in indexed.items() for a in (canonical, *aliases)
                 for w in normalise(a).replace("'", "").split()}
        words = (targets, spelt, {t for w in spelt for t in tokenize(w)})
        _NAME_WORDS[:] = [indexed, words]  # (two threads may both build it once; the results are equal)
    return words


def misspelt_name(text: str, indexed: dict[str, list[str]], known) -> str:
    """The question with an indexed council's name that was typed with a slip ("worcestshire",
    "hammersmith and fulam") written as the council's name; else the question as it was.
    Only a word no indexed report uses (`known(stem)` is False) can be a slip, which keeps real
    words ("needs") from being read as a council ("Leeds"); the first letter must be right, and a
    name of up to seven letters may be one edit off, a longer one two."""
    words = [m for m in _WORD.finditer(text) if m.group().lower() != "and"]
    targets, spelt, names = _name_words(indexed)
    unknown = {i for i, m in enumerate(words) if len(m.group()) >= 4
               and _bare(m.group()) not in spelt and not all(known(t) and t not in names for t in tokenize(m.group()))}
    if not unknown:
        return text
    best = None  # (edits, -letters, start, end, name)
    for canonical, target in targets:
        joined = "".join(target)
        limit = 1 if len(joined) <= 7 else 2
        n = len(target)
        for i in unknown:
            for start in range(max(0, i - n + 1), min(i, len(words) - n) + 1):
                typed = "".join(_bare(w.group()) for w in words[start:start + n])
                if typed[:1] != joined[:1] or typed == joined or abs(len(typed) - len(joined)) > limit:
                    continue
                made = edits(typed, joined)
                if made <= limit and (best is None or (made, -len(joined)) < best[:2]):
                    best = (made, -len(joined), words[start].start(), words[start + n - 1].end(), canonical)
    if best is None:
        return text
    return text[:best[2]] + best[4] + text[best[3]:]


def misspelt_words(text: str, known) -> str:
    """The question with a slip in a word of its form written right ("what are the areas for improvment"
    -> "improvement"). A word of six letters or more is mended when exactly one form word, with the same
    first letter, is nearest, within one edit (two for a word of nine letters or more), and either no
    indexed report uses the typed word (`known(stem)` is False) or it stems as the form word does and the
    slip is inside it (then mending changes nothing but how the form is read)."""
    def mend(m: re.Match) -> str:
        typed = m.group().lower()
        if len(typed) < 6 or typed in FORM_SPELLINGS:
            return m.group()
        meant = _nearest_form_word(typed)
        if meant is None:
            return m.group()
        if all(known(t) for t in tokenize(typed)):
            # a word the reports use is mended only to its own stem's form word, and only for a slip inside
            # it: "improves" is a word, not a slip for "improve"
            shared = len(os.path.commonprefix([typed, meant]))
            if tokenize(typed) != tokenize(meant) or shared >= min(len(typed), len(meant)) - 2:
                return m.group()
        return meant
    return re.sub(r"[A-Za-z]+", mend, text)


@lru_cache(maxsize=4096)
def _nearest_form_word(typed: str) -> str | None:
    limit = 1 if len(typed) <= 8 else 2
    near = sorted((edits(typed, w), w) for w in FORM_SPELLINGS
                  if w[0] == typed[0] and abs(len(w) - len(typed)) <= limit)
    near = [n for n in near if n[0] <= limit]
    if not near or (len(near) > 1 and near[1][0] == near[0][0]):
        return None
    return near[0][1]


# "who led the inspection?", "who did the Essex inspection?", "who inspected Essex?": whoever led it, as the
# cover names them ("Lead inspector: ..."), in the words of "who was the lead inspector of ...?"
INSPECTION_LED = re.compile(r"\b(who|which inspectors?)\s+(led|headed|ran|carried out|conducted|did)\b"
                            r"(?=[^?.]{0,40}\binspection\b)|\bwho inspected\b", re.I)


def understand(question: str, indexed: dict[str, list[str]] | None = None, known=None) -> Query:
    """`indexed`: authority -> its aliases, for the authorities that are in the index. `known`: whether a
    stemmed word is used by any indexed report, to read a council's misspelt name (`misspelt_name`)."""
    indexed = indexed or {}
    text = _BARE_CONTRACTION.sub(_spelt_out, " ".join(question.split()))
    text = INSPECTION_LED.sub("who was the lead inspector of", text)
    if known is not None:
        text = misspelt_words(misspelt_name(text, indexed, known), known)
    named = tuple(a for a, aliases in indexed.items() if any(mentions(text, alias) for alias in [a, *aliases]))
    # "Gloucestershire" inside "South Gloucestershire" names only the latter, unless it is also named alone
    named = tuple(a for a in named if not any(
        a != b and a.lower() in b.lower() and not mentions(strip_names(text, (b, *indexed.get(b, ()))), a) for b in named))
    indexed_lower = {a.lower() for a in indexed} | {al.lower() for aliases in indexed.values() for al in aliases}
    unindexed: list[str] = []
    for alias, canonical in known_authorities().items():
        if canonical.lower() in indexed_lower or alias.lower() in indexed_lower or canonical in unindexed:
            continue
        if any(canonical.lower() in n.lower() or n.lower() in canonical.lower() for n in named):
            continue  # "Gloucestershire" inside "South Gloucestershire"
        if mentions(text, alias):
            unindexed.append(canonical)
    areas = areas_asked(strip_names(text, named))
    asks = asks_for(text, areas)
    timescale = timescale_asked(text) if asks == "action" or not re.search(r"\bnow\b", text, re.I) else None
    quantity = None
    if asks == "quantity":
        quantity = ("distance" if re.search(DISTANCE_ASKED, text, re.I)
                    else "percent" if PERCENT.search(text) else "age" if re.search(AGE_ASKED, text, re.I)
                    else "duration" if DURATION.search(text) else "frequency" if FREQUENCY.search(text) else "count")
    # the names as written too: "S Glos", "BCP" and "London Corporation" say where, not what
    written = [alias for a in named for alias in indexed.get(a, ()) if mentions(text, alias)]
    scope_words = set(tokenize(" ".join(named + tuple(unindexed) + tuple(written)))) | set(YEAR.findall(text)) | \
        _styled(text, named + tuple(unindexed) + tuple(written))
    # "when was the last safeguarding inspection?": when, of an inspection, is what it asks
    form_words = FORM_WORDS - INSPECTION if asks == "date" else FORM_WORDS
    if asks == "name":
        form_words = form_words - INSPECTOR  # "who was the lead inspector?": whose name, not what inspectors said
    if asks in ("quantity", "describe") and GOOD_THING.search(text):
        form_words = form_words - GOOD  # "go to good schools": which schools, not how good something is
    if COUNCIL_OF_OTHERS.search(text):
        form_words = form_words - COUNCIL  # "the children in care council" is not the council asked about
    form_words = form_words - {t for m in REPEATED_COMPOUND.finditer(text) for t in tokenize(m.group(1))}
    if IN_NEED.search(text):
        form_words = form_words - NEED  # "children in need" are who, not what the question must find
    subject = tuple(t for t in dict.fromkeys(tokenize(HAPPENING.sub(" ", TIME_PHRASE.sub(" ", JUDGES.sub(
        " judiciary ", LOCAL_COUNCIL.sub("", text)))))) if t not in form_words and t not in scope_words and t not in TIME_WORDS)
    if asks == "describe" and named and (not subject and (HOW_GOOD.search(text) or HOW_DOING.search(text)
                                                          or OVERALL.search(text) or _council_alone(text, named)
                                                          or (YES_NO.search(text) and GRADES_ASKED.search(text))) or (
            subject and set(subject) <= GRADE_TERMS and GRADES_ASKED.search(text))):
        asks = "grade"  # "is Bolton any good?", "is Knowsley inadequate?": how the council was judged overall
    elif asks == "describe" and named and areas and YES_NO.search(text) and GRADES_ASKED.search(text) and \
            not beyond_areas(text, areas, tuple(t for t in subject if t not in GRADE_TERMS)):
        asks = "grade"  # "was Lincolnshire outstanding for help and protection?": how the area was judged
    elif asks == "grade" and areas and HOW_GOOD.search(text) and not (GRADE.search(text) or GRADE_WEAK.search(text)) \
            and beyond_areas(text, areas, subject):
        asks = "describe"  # "how well do children in care do at school?": school, not the judged area
    elif asks == "grade" and not areas and not GRADE.search(text) and OFSTED_SAID.search(text) and subject \
            and not set(subject) <= GRADE_TERMS:
        asks = "describe"  # "what did Ofsted say about the virtual school?"
    if quantity and HOW_BIG.search(text):
        subject = tuple(t for t in subject if t not in SIZE_WORDS)  # "how big are caseloads?": a number is asked
    if quantity == "duration":
        subject = tuple(t for t in subject if t not in TAKES)  # "how long do care proceedings take?"
    elif quantity == "distance":
        subject = tuple(t for t in subject if t not in DISTANCE_WORDS)
    elif quantity == "age":
        subject = tuple(t for t in subject if t not in AGE_WORDS)  # "at what age ...": an age is what is asked
    if asks == "amount":
        subject = tuple(t for t in subject if t not in MONEY_ITSELF)  # "how much money ...": an amount is asked
    counted = counted_terms(text, subject, frozenset(scope_words)) if quantity == "count" else ()
    if counted and _members_asked(text, counted, frozenset(scope_words)):
        # "how many kids are in the children in care council?": its members are counted ("only seven regular
        # members", "is made up of ... 13 children looked after": see facts.MADE_UP_OF)
        subject, counted = (*subject, *MEMBERS), MEMBERS
    name_of = None
    if asks == "name":
        if re.search(r"\bknown as\b", text, re.I):
            subject = tuple(t for t in subject if t != "known")  # "what is the council known as?": its name
        name_of = ("person" if PERSON_CALLED.search(text) else "thing" if NAME_OF_THING.search(text)
                   else "organisation" if NAME_OF_BODY.search(text) else "person")
        held = NAME_OF_BODY.search(text) if name_of == "organisation" else HOLDS.search(text)
        if held:
            # "who runs children's services?", "who chairs the board?": the verb is the question's form; the
            # services, the board, are its subject
            verb = set(tokenize(held.group(0)))
            subject = tuple(t for t in subject if t not in verb)
    tone = tone_asked(text) if asks == "describe" else None
    audience = audience_asked(text)
    return Query(text=text, asks=asks, subject=subject, stand_ins=everyday_terms(text, subject), areas=areas,
                 quantity=quantity, counted=counted, name_of=name_of, explicit_grade=bool(GRADE.search(text)), timescale=timescale if asks in ("action", "describe") or timescale else None,
                 audience=audience, authorities=named, years=tuple(int(y) for y in YEAR.findall(text)),
                 unindexed=tuple(unindexed), injection=bool(INJECTION.search(text)), future=bool(FUTURE.search(text)),
                 across=across_kind(text, asks, named, areas, bare=not subject), grades=grades_asked(text),
                 since=bounds(text)[0], until=bounds(text)[1],
                 latest=bool(re.search(r"\b(current(ly)?|latest|most recent|now|at present|today)\b", text, re.I)),
                 tone=tone, hear=hear_asked(text) if asks == "describe" else None,
                 own_record=own_record(text, asks, subject, timescale, audience, tone))


# -- a report's own record ------------------------------------------------------------------------
# Some questions are answered from what the parser recorded of a report as a whole, not from a
# paragraph that matches their words: its dates, its list of what must improve, its judgements.
# Composing answers them from that record; retrieval ranks the records it rests on first.
WHEN_INSPECTED = re.compile(r"\b(inspect\w*|publish\w*|came out|come out|visit(ed)?|ofsted)\b", re.I)
ABOUT_THE_INSPECTION = frozenset(tokenize("inspection inspected publish published publication visit visited came come "
                                          "out last latest recent recently most take took taken place happen "
                                          "happened carried conducted inspector inspectors ofsted go went"))
EARLIER = re.compile(r"\b(previous|prior|earlier|before|first)\b", re.I)
# "how many recommendations did Bolton get?", "how many areas for improvement were there?"
HOW_MANY_RECOMMENDATIONS = re.compile(r"\b(how many|number of)\s+(\w+\s+)?(recommendations|areas? for (improvement|"
                                      r"priority action)|improvements|things? (to|that need to) (improve|fix))\b", re.I)
# "summarise the Bolton report", "give me an overview of the inspection", "what were the main findings?"
SUMMARY = re.compile(r"\b(summar(y|ies|i[sz]e|i[sz]ing)|overview|sum (it )?up|(main|key) (findings|points|messages|"
                     r"issues)|headlines?|in a nutshell|tl;? ?dr|gist)\b|"
                     # "tell me about Essex 2023", "what did the Essex inspection find?" (of nothing in particular:
                     # ABOUT_A_SUMMARY)
                     r"^\s*(tell me|what can you tell me|what do you know) about\b|"
                     r"\bwhat did (the )?([\w'’-]+ ){0,3}?(report|inspection|inspectors|ofsted) (find|found|say|conclude)\b",
                     re.I)
ABOUT_A_SUMMARY = frozenset(tokenize("summary summarise summarize summarising overview sum up main key findings finding "
                                     "points messages issues headline headlines nutshell gist tldr whole overall "
                                     "report inspection brief briefly quick quickly short give please tell know find "
                                     "found conclude"))
# the words of asking what must be done: what is left of a question's subject is its topic
ACTION_TERMS = frozenset(tokenize("improve improvement improvements need needs must should action actions recommend "
                                  "recommendations area areas priority priorities better focus work left still told "
                                  "asked expected urged want wanted like expect expects change fix develop strengthen "
                                  "differently first next"))


def own_record(text: str, asks: str, subject: tuple[str, ...], timescale: str | None, audience: str | None,
               tone: str | None = None) -> str | None:
    if asks == "date" and WHEN_INSPECTED.search(text) and not EARLIER.search(text) \
            and set(subject) <= ABOUT_THE_INSPECTION:
        return "inspection dates"
    if HOW_MANY_RECOMMENDATIONS.search(text):
        return "recommendation count"
    if asks == "describe" and SUMMARY.search(text) and set(subject) <= ABOUT_A_SUMMARY:
        return "summary"
    if asks == "action" and not timescale and not audience and set(subject) <= ACTION_TERMS:
        return "recommendations"
    if asks == "describe" and tone == "weak" and set(subject) <= ACTION_TERMS:
        # "what's wrong in Bolton?", "where does it fall short?": of a whole council, its report's own
        # account of its weaknesses is what it says must improve
        return "recommendations"
    return None

VIEWS_ASKED = re.compile(r"\b(say|says|said|think|thinks|thought|feel|feels|felt|views?|opinions?)\b", re.I)
# what the report says is the answer itself, not people's views: "what does Ofsted say about ...?"
REPORT_SAYS = re.compile(r"\b(report|ofsted|inspectors?|inspection)\s+(say|says|said|think|thinks|thought)\b", re.I)
VERDICT_ASKED = re.compile(r"\bhow (good|well|bad|effective)\b|\bany good\b|\bgood or bad\b|"
                           r"^(is|are|was|were|do|does)\b.{1,80}\b(good|ok|okay|effective|working|good enough|"
                           r"well|properly|right)\b", re.I)


def hear_asked(text: str) -> str | None:
    if VIEWS_ASKED.search(REPORT_SAYS.sub(" ", text)):
        return "views"
    return "verdict" if VERDICT_ASKED.search(text.strip()) else None


def tone_asked(text: str) -> str | None:
    """ "what's wrong with early help?" asks for its weaknesses, "what works well?" for its strengths."""
    weak, strong = bool(WEAK_ASKED.search(text)), bool(STRONG_ASKED.search(text))
    return "weak" if weak and not strong else "strong" if strong and not weak else None


# "how many foster carers did ...", "the number of children who ...": what a count question counts
# ("how many of Havering's social workers": what follows "of" and whose)
COUNTED = re.compile(r"\b(how many|number of)\s+(?:of\s+(?:the\s+|its\s+|their\s+|[\w-]+['’]s?\s+)?)?"
                     r"((?:[\w'’-]+\s+){0,4}[\w'’-]+)", re.I)  # (room for a council's name first)
LOOKED_AFTER = re.compile(r"^looked[- ]after\s+(?=\S)", re.I)
COUNTING_WORDS = {"different", "separate", "individual", "distinct"}
POSSESSIVE = re.compile(r"\w['’]s?$|^(children|people|men|women)s$", re.I)  # as typed: "childrens homes"


def counted_terms(text: str, subject: tuple[str, ...], scope: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The subject terms of the words a count question counts, up to the first word of its form
    ("how many foster carers did Barnsley recruit?" -> ("foster", "carer")); () if none is said. `scope`
    holds the terms saying where and when, which may come first ("how many Plymouth children ...")."""
    m = COUNTED.search(text)
    if not m:
        return ()
    out: list[str] = []
    # "looked after" says which children, as "in care" does after the noun: "how many looked after kids ..."
    # counts kids, not the looking
    for word in LOOKED_AFTER.sub("", m.group(2)).split():
        if word.lower() in COUNTING_WORDS:
            continue  # "how many different directors": directors
        terms = tokenize(word)
        if terms and not out and set(terms) <= scope:
            continue  # "how many Plymouth children": whose children, not what is counted
        if not terms or not set(terms) <= set(subject):
            break  # "did", "are", a council's name: the counted words have ended
        if POSSESSIVE.search(word):
            continue  # "how many children's homes": whose, not what is counted
        out += terms
    if out and out[-1] in ROLES:
        # "young carers", "young offenders": people in a role of their own are counted as that role, not as
        # the children or young people the reports count ("two children were waiting" counts no young carers)
        out = [t for t in out[:-1] if t not in GENERIC_PEOPLE] + out[-1:]
    return tuple(out)


# people counted as in, on or part of a group: its members
MEMBERS_OF = re.compile(r"\b(?:are|is|were|sit|serve|belong)\s+(?:in|on|to|part of|members of)\s+(?:the\s+|a\s+|its\s+|"
                        r"their\s+)?((?:[\w'’-]+\s+){0,5}?(?:council|group|board|panel|forum|club|committee|network|"
                        r"parliament|assembly))s?\b", re.I)


def _members_asked(text: str, counted: tuple[str, ...], scope: frozenset[str]) -> bool:
    """Whether the people counted are counted as a group's members (not "in care in the Bolton council area").
    (The words counted may run on into the verb and the group: "how many young people sit on the board".)"""
    m = MEMBERS_OF.search(text)
    if not m or set(tokenize(m.group(1))) & scope:
        return False
    people = [t for t in tokenize(text[:m.start()]) if t in counted]
    # (people in a role too: "how many foster carers are on the panel")
    return bool(people) and (set(people) <= PEOPLE or people[-1] in ROLES)


SERVICES = frozenset(tokenize("services service"))  # "services for children in care" is how an area is named


def beyond_areas(text: str, areas: tuple[str, ...], subject: tuple[str, ...]) -> bool:
    """Whether a "how good" question's subject holds more than the judged areas it names and the people
    in them: "how good is adoption?" asks the adoption judgement, "how well do children in care do at
    school?" asks what the report says of their schooling."""
    named = " ".join(m.group(0) for key in areas for m in re.finditer(BY_KEY[key].asked, text, re.I))
    return bool(set(subject) - set(tokenize(named)) - GENERIC_PEOPLE - SERVICES)


def across_kind(text: str, asks: str, named: tuple[str, ...], areas: tuple[str, ...], bare: bool = False) -> str | None:
    """Whether a question spans reports, and how: a list or count of councils by grade, one council's
    grades over time, councils side by side, a council against its statistical neighbours, or one
    council's recommendations at each inspection. None for a question about what reports say.
    bare: the question is about nothing but the council ("has Leicester got worse since 2021?"), which
    over time asks how its grades went."""
    graded = asks == "grade" or bool(areas) or bool(GRADE.search(text) or GRADES_ASKED.search(text)) or (
        bare and asks == "describe")
    if NEIGHBOURS.search(text) and (graded or asks in ("describe", "grade")):
        return "neighbours"
    if asks in ("action", "describe") and IMPROVE.search(text) and len(named) == 1 and (
            OVER_TIME.search(text) or len(set(YEAR.findall(text))) > 1):
        return "history"
    if COUNT_COUNCILS.search(text) and graded and len(named) != 1:
        return "count"
    if LIST_COUNCILS.search(text) and graded and len(named) != 1:
        return "list"
    if len(named) == 1 and graded and asks in ("grade", "describe") and (OVER_TIME.search(text) or (STILL.search(
            text) and (asks == "grade" or GRADE.search(text) or GRADES_ASKED.search(text) or HOW_GOOD.search(text)))):
        return "trend"
    if len(named) == 1 and asks == "date" and GRADES_ASKED.search(text) and (
            GRADE.search(text) or re.search(r"\b(get|got|given|gave|receive[sd]?)\b", text, re.I)):
        return "trend"  # "when was Havering last judged good?": its grades at each inspection say when
    if len(named) > 1 and (asks == "grade" or (areas and COMPARE.search(text))):
        return "compare"
    return None


def grades_asked(text: str) -> tuple[int, ...]:
    """ "inadequate" -> (4,); "good or better" -> (1, 2); "below good" -> (3, 4); "RI or worse" -> (3, 4)."""
    out: set[int] = set()
    for m in GRADES_ASKED.finditer(text):
        if m.group("word"):
            word = m.group("word").lower()
            if word == "ri" and m.group("word") != "RI":
                continue  # "ri" in lower case is not the sector's abbreviation
            n = _GRADE_NUMBER[word.split()[0] if not word.startswith("requir") else "ri"]
            more = (m.group("more") or "").lower()
            if more in ("better", "above"):
                out |= set(range(1, n + 1))
            elif more in ("worse", "below"):
                out |= set(range(n, 5))
            else:
                out.add(n)
                if more:
                    out.add(_GRADE_NUMBER.get(more.split()[0] if not more.startswith("requir") else "ri", n))
        else:
            how, word = m.group("how").lower(), m.group("than").lower()
            n = _GRADE_NUMBER[word]
            out |= (set(range(n + 1, 5)) if how in ("below", "less than", "worse than", "not")
                    else set(range(1, n)) if how == "better than" else set(range(1, n + 1)))
    return tuple(sorted(out))


def bounds(text: str, today: date | None = None) -> tuple[str, str]:
    """ISO date bounds a question names: "since 2023" -> ("2023-01-01", ""); "in 2019" ->
    ("2019-01-01", "2019-12-31"); "between 2015 and 2018"; "before 2020"; "in the last 3 years"."""
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text)]
    m = re.search(r"\b(between|from)\s+((?:19|20)\d\d)\s+(and|to|until)\s+((?:19|20)\d\d)\b", text, re.I)
    if m:
        a, b = sorted((int(m.group(2)), int(m.group(4))))
        return f"{a}-01-01", f"{b}-12-31"
    m = re.search(r"\b(since|from|after|starting|as of)\s+((?:19|20)\d\d)\b", text, re.I)
    if m:
        year = int(m.group(2)) + (1 if m.group(1).lower() == "after" else 0)
        return f"{year}-01-01", ""
    m = re.search(r"\b(before|until|till|up to|by|prior to)\s+((?:19|20)\d\d)\b", text, re.I)
    if m:
        year = int(m.group(2)) - (1 if m.group(1).lower() in ("before", "prior to") else 0)
        return "", f"{year}-12-31"
    m = re.search(r"\b(last|past)\s+(\d+|two|three|four|five|six|seven|eight|nine|ten)\s+years\b", text, re.I)
    if m:
        words = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
        n = int(m.group(2)) if m.group(2).isdigit() else words[m.group(2).lower()]
        return f"{(today or date.today()).year - n}-01-01", ""
    if len(set(years)) == 1:
        return f"{years[0]}-01-01", f"{years[0]}-12-31"
    return "", ""


def everyday_terms(text: str, subject: tuple[str, ...]) -> tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]:
    """The reports' words for the everyday words in a question (index.vocabulary.EVERYDAY), per subject
    term: "are kids in care getting their jabs?" -> (("kid", (("children",),)), ("jab", (("immunis",),)), ...)."""
    lower = text.lower()
    found: dict[str, list[tuple[str, ...]]] = {}
    for phrase, replacement in EVERYDAY.items():
        if re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", lower):
            alternatives = [tuple(tokenize(alt)) for alt in replacement.split("|") if tokenize(alt)]
            for term in tokenize(phrase):
                if term in subject:
                    found.setdefault(term, [])
                    found[term] += [a for a in alternatives if a not in found[term] and a != (term,)]
    # a section of an Act is written both ways: "section 20" and "s20"
    for written, other in ((SECTION_WORDS, lambda n: (f"s{n}",)), (SECTION_SHORT, lambda n: ("section", n))):
        for match in written.finditer(text):
            for term in tokenize(match.group(0)):
                if term in subject and other(match.group(1)) not in found.setdefault(term, []):
                    found[term].append(other(match.group(1)))
    # a small number is written both ways too: "16- and 17-year-olds" and "Sixteen- and 17-year-old"
    for term in subject:
        if term.isdigit() and 0 < int(term) < len(NUMBER_NAMES) and (NUMBER_NAMES[int(term)],) not in found.get(term, []):
            found.setdefault(term, []).append((NUMBER_NAMES[int(term)],))
    return tuple((term, tuple(alts)) for term, alts in found.items() if alts)


NUMBER_NAMES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
                "seventeen eighteen nineteen twenty").split()
SECTION_WORDS = re.compile(r"\bsection (\d{1,3})\b", re.I)
SECTION_SHORT = re.compile(r"\bs(\d{1,3})\b", re.I)


# "portsmouth ofsted 2018": a council, its inspection and a year, and nothing else asked, asks how it was
# judged overall (as "how did Portsmouth do?")
BARE_WORDS = re.compile(r"\b(ofsted|inspections?|inspected|ilacs|reports?|(19|20)\d\d|and|or|vs|versus)\b|[^\w\s]", re.I)


def _council_alone(text: str, named: tuple[str, ...]) -> bool:
    return not BARE_WORDS.sub(" ", strip_names(text, named)).strip()


# the kind of council a name is written with: "Leicester City", "City of York", "Royal Borough of Greenwich",
# "Durham County Council" say where, as the name does, not what the question is about
_STYLE = r"(?:city|borough|county|metropolitan|district|royal|london)"


def _styled(text: str, names: tuple[str, ...]) -> set[str]:
    """The words of the council's style written beside a name the question names."""
    out: set[str] = set()
    for name in names:
        written = re.escape(name).replace(r"\ ", r"[\s-]+")
        for m in re.finditer(rf"((?:{_STYLE}\s+)*(?:of\s+)?)(?<![\w-]){written}(?![\w-])((?:\s+{_STYLE})*)", text, re.I):
            out |= set(tokenize(m.group(1) + " " + m.group(2)))
    return out


def strip_names(text: str, names: tuple[str, ...]) -> str:
    """The question without the councils it names: "... in Medway and Sandwell" -> "... in and"."""
    for name in names:
        text = _strip_pattern(name).sub(" ", text)
    return " ".join(text.split())
