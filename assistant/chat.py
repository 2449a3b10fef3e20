"""Follow-up question + earlier user turns -> one standalone question (extractive mode).

    rewrite("and within six months?", ["What must happen within three months for health partners?"])
    -> "What must happen for health partners within six months?"
    rewrite("what about for looked after children?", ["What must happen within three months for health partners?"])
    -> "What must happen within three months for looked after children?"

A follow-up names only what changes (a deadline, an audience, a council, a
topic); we take the last full question and swap that slot. LLM mode uses the
condense-question prompt instead.
"""
from __future__ import annotations

import re
from typing import Sequence

from assistant.understand import REFERENCE, known_authorities, mentions
from index.vocabulary import ASKED_TIMESCALE as TIMESCALE_PATTERNS
from index.vocabulary import AUDIENCES

FOLLOW_UP = re.compile(
    r"^(and|but|also|what about|how about|what of|same for|and what about|and for|and in|ok,? (and|what about)|"
    r"then|so)\b|^(and )?(which|what) (paragraph|para|section)|^(why|how come|says who|where)\??$|"
    r"^(in|for|within|by) ",
    re.I,
)
PRONOUN = re.compile(r"\b(that|this|it|they|them|those|these)\b", re.I)
MORE = re.compile(r"^(ok,? |and |please |can you |could you )*(tell me more|say more|more( detail| details| info| "
                  r"information)?( please)?|go on|expand( on (that|this|it))?|elaborate|keep going)\W*$", re.I)
TIMESCALE_PHRASE = re.compile(r"\b(within|in|by)?\s*(the next\s+)?(" + "|".join(
    p.replace("\\b", "") for p in TIMESCALE_PATTERNS.values()) + r")", re.I)


def user_turns(history: Sequence) -> list[str]:
    """Earlier user questions from any of the shapes callers send.

    Accepts ["q1", "q2"], [["q1", "a1"], ...] (Gradio pairs) and
    [{"role": "user", "content": "q1"}, ...] (messages).
    """
    turns: list[str] = []
    for item in history or ():
        if isinstance(item, str):
            turns.append(item)
        elif isinstance(item, dict):
            if item.get("role", "user") == "user" and isinstance(item.get("content"), str):
                turns.append(item["content"])
        elif isinstance(item, (list, tuple)) and item and isinstance(item[0], str):
            turns.append(item[0])
    return [" ".join(t.split()) for t in turns if t and t.strip()][-6:]


def is_follow_up(question: str) -> bool:
    words = question.split()
    return bool(FOLLOW_UP.search(question.strip()) or MORE.match(question.strip())) or (
        len(words) <= 4 and bool(PRONOUN.search(question))) or (
        REFERENCE.search(question) is not None and len(words) <= 8)


def rewrite(question: str, turns: list[str]) -> str:
    if not turns:
        return question
    previous = _last_standalone(turns)
    why = WHY_NOT.match(question.strip())
    if why:
        return _why(previous, bool(why.group(3)))
    focus = _focus(previous)
    if focus and _WHOLE_QUESTION.match(question.strip()) and _LEANS_ON.search(question) and not _places(question):
        # "who led it?" after "when was Medway inspected?": the inspection; "what does it do?" after "what is the
        # exploitation team called?": the team
        return _in_the_same_place(_LEANS_ON.sub(focus, question, count=1), previous)
    if not is_follow_up(question):
        return _in_the_same_place(question, previous)
    if REFERENCE.search(question) and len(question.split()) <= 8 and (
            PRONOUN.search(question) or not _OWN_TOPIC.search(question)) or MORE.match(question.strip()):
        # "which paragraph says that?", "tell me more": the previous question; the answer cites it, and says
        # what the reports say of it (not "which paragraph talks about care leavers in custody?", a topic of its own)
        return previous
    if REFERENCE.search(question) and _OWN_TOPIC.search(question):
        return _in_the_same_place(question, previous)
    base = previous.rstrip(" ?.")
    change = question.strip()
    while True:  # "and what about care leavers?": each lead-in word goes
        shorter = re.sub(r"^(and|but|also|then|so|ok,?)\s+|^(what|how) (about|of)\s+|^same for\s+|"
                         r"^and (what|how) about\s+", "", change, flags=re.I)
        if shorter == change:
            break
        change = shorter
    change = change.rstrip(" ?.")
    new_slots = []
    if re.search("|".join(TIMESCALE_PATTERNS.values()), change, re.I):
        base = TIMESCALE_PHRASE.sub("", base)
        new_slots.append("timescale")
    from assistant.understand import understand

    before = understand(previous)
    # whom a list of actions is for ("what about for looked after children?"); in another kind of question
    # the same words are its new topic ("what about care leavers?" after "how many children are in care?")
    new_audience = before.asks == "action" and next((k for k, (q, _) in AUDIENCES.items() if re.search(q, change, re.I)),
                                                    None)
    if new_audience:
        for key, (pattern, _) in AUDIENCES.items():
            base = re.sub(r"\b(for|by|from|of)\s+(the\s+)?[\w-]*\s*(" + pattern + r")(\s+partners)?", "", base,
                          flags=re.I)
        new_slots.append("audience")
    # (by any name a council goes by: "and telford?" names Telford and Wrekin)
    names = _places(change)
    if not names and _WHOLE_QUESTION.match(change) and len(change.split()) >= 4 and not _POINTS_BACK.search(change):
        # "and how many children had child protection plans?" asks a question of its own: only where
        # (and when) carries over, not the last question's subject ("looked after children")
        return f"{change}{_where(previous)}?"
    if names:
        # the council the last question named, by whichever of its names it used, longest first ("telford and
        # wrekin" before "telford")
        base = _without_places(base)
        new_slots.append("authority")
        if not re.match(r"(in|for|at|of)\b", change, re.I) and {t.lower() for t in change.split()} <= \
                {w.lower() for n in names for w in re.split(r"[\s-]+", n)} | {"and"}:
            change = f"in {names[0]}"  # "and telford?": the same question, in Telford and Wrekin
    if _years(change):
        base = re.sub(r"\s*\b(in|for|at|of)?\s*\b(19|20)\d\d\b", "", base)  # "what about sefton in 2022?": its year
        if re.fullmatch(r"((in|for|at|of)\s+)?((19|20)\d\d)", change.strip(), re.I):
            new_slots.append("year")  # "and in 2019?": the same question, of 2019
            change = re.sub(r"^((19|20)\d\d)$", r"in \1", change.strip())
    base = re.sub(r"\s{2,}", " ", base).strip()
    if not new_slots:
        # same kind of question, new topic: "what about care leavers?" after "how many children are in care in
        # Southwark?" asks how many care leavers, not "... in care in southwark care leavers?"
        if before.asks == "grade":
            return f"What grade did {change} get{_where(previous)}?"
        if before.asks == "quantity" and before.quantity == "count" and not _WHOLE_QUESTION.match(change):
            return f"How many {change}{_where(previous)}?"
        if before.asks == "action" and not _WHOLE_QUESTION.match(change):
            return f"What needs to improve for {change}{_where(previous)}?"
        if before.asks == "describe" and not _WHOLE_QUESTION.match(change):
            return f"What is {change} like{_where(previous)}?"
    if new_audience and not re.match(r"(for|by|from|of|to)\b", change, re.I):
        change = f"for {change}"  # "what needs to improve in Southwark" + "care leavers"
    return f"{base} {change}?".replace(" ?", "?")


# "which paragraph talks about care leavers in custody?": a reference to a topic of its own
_OWN_TOPIC = re.compile(r"\b(about|on|mentions?|covers?|says?|discuss(es)?|talks?)\s+(?!(it|that|this|them|those|these)\b)"
                        r"\w+\s+\w+", re.I)
WHY_NOT = re.compile(r"^(and |but |so )?(why|how come)( not)?\W*$", re.I)
# a question to answer yes or no, its verb and (for "is there") its "there": "is there a MASH in Slough?"
_YES_NO = re.compile(r"^(is|are|was|were|does|do|did|has|have|can|will)\s+(there\b)?\s*", re.I)
# "how many of them were adopted?", "is it any good?": the question leans on the last one for what it is
# about; "they" alone is the council ("and what did they get for leadership?"), a question of its own
_POINTS_BACK = re.compile(r"\b(of|among|for|to) (them|those|these)\b|\b(it|its|this|that|ones?|same|such)\b", re.I)
_WHOLE_QUESTION = re.compile(r"(what|how|which|who|when|where|why|is|are|was|were|do|does|did|has|have|can)\b", re.I)


# what "it" or "them" stands for in a question after one asking what a thing is called, or about an inspection
_LEANS_ON = re.compile(r"\b(it|them)\b(?!['’]s)", re.I)
_CALLED = re.compile(r"^\s*(?:what|whats|what['’]s)\s+(?:is|are)?\s*(?:the\s+)?(?P<x>.+?)\s+(?:called|known as)\b|"
                     r"^\s*(?:what|whats|what['’]s)\s+(?:is\s+)?the\s+name\s+of\s+(?:the\s+)?(?P<y>.+?)\s*\??$", re.I)
_INSPECTED = re.compile(r"\bwhen\s+(?:was|were|did)\b.*\binspect(?:ed|ion)\b", re.I)


def _focus(previous: str) -> str:
    """What a question was about, as a noun phrase a pronoun after it can stand for; "" if not plain."""
    if _INSPECTED.search(previous):
        return "the inspection"
    m = _CALLED.match(previous)
    if not m:
        return ""
    phrase = _without_places(m.group("x") or m.group("y"))
    return f"the {phrase}" if phrase and len(phrase.split()) <= 6 else ""


def _without_places(text: str) -> str:
    """The text less the councils it names, by whichever of their names, longest first ("telford and wrekin" before
    "telford"), and less a preposition left at its end ("which agency is plymouth in" less plymouth)."""
    for alias in sorted((a for a in known_authorities() if mentions(text, a)), key=len, reverse=True):
        text = re.sub(r"\s*\b(in|for|at|of)?\s*" + re.escape(alias) + r"(['’]?s)?(?![\w-])", "", text, flags=re.I)
    return re.sub(r"\s+(in|for|at|of)\s*$", "", text.strip(" ?"))


def _why(previous: str, negated: bool) -> str:
    """ "why not?" after "is there a MASH in Slough?": why there is not; "why?", why there is; after "what
    grade did Slough get?", what the inspection found, which the grade rests on."""
    if _YES_NO.match(previous):
        nots = "not " if negated else ""
        return _YES_NO.sub(lambda m: f"why {m.group(1)} {m.group(2) + ' ' if m.group(2) else ''}{nots}",
                           previous.strip(), count=1)
    from assistant.understand import understand

    if understand(previous).asks == "grade":
        return f"What did the inspection find{_where(previous)}?"
    return previous


def _last_standalone(turns: list[str]) -> str:
    """The most recent turn, itself rewritten against the turns before it."""
    standalone = turns[0]
    for turn in turns[1:]:
        standalone = rewrite(turn, [standalone])
    return standalone


def _places(question: str) -> list[str]:
    places = {canon for alias, canon in known_authorities().items() if mentions(question, alias)}
    return sorted(p for p in places if not any(p != q and p in q for q in places))  # not "Gloucestershire"


def _years(question: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r"\b(?:19|20)\d\d\b", question)))


def _where(previous: str, years: bool = True) -> str:
    """ " in Cornwall in 2024": the councils (and years) the conversation was about."""
    places, when = _places(previous), _years(previous) if years else []
    return (f" in {' and '.join(places)}" if places else "") + (f" in {' '.join(when)}" if when else "")


def _in_the_same_place(question: str, previous: str) -> str:
    """A question of its own that names no council, in a conversation about one, is about that one: "what do
    they need to improve?" after "what did Cornwall get overall in 2024?" (and of the same year, unless it
    says its own: "how did they do in 2019?"). A question naming a council, or asked first, stands as it is."""
    if _places(question) or not _places(previous):
        return question
    return f"{question.strip().rstrip(' ?.')}{_where(previous, years=not _years(question))}?"
