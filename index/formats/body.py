"""The machinery every report format shares: report lines -> ordered `Paragraph`s.

    body = parse_body(lines)
    body.paragraphs[19] -> Paragraph(number=20, text="In order to improve ... take the following action.",
                                     section=("Safeguarding services", "Areas for improvement"), ref="20")
    body.graded[0]      -> GradedHeading(area_text="Overall effectiveness", key="overall", word="Adequate", ...)

What it relies on, learnt from the 431 reports of 2012-2025:
- Numbered paragraphs run 1..N. A number only starts a paragraph when it is the
  next one expected, so "...reduced from 60 to\n36. During..." stays inside 41.
  A fresh "1." starts a new list; the longest list is the report's numbering and
  the others (an SIF cover list of judgements) are cited as S<n>.
- Page breaks and blank lines split paragraphs mid-sentence; text after one that
  is not a heading continues the open paragraph.
- Headings are short blocks that do not end a sentence. "Grade N (Word)" after a
  heading, "...: good" or "... is outstanding" in one, and the "Record of main
  findings" table grade the area the heading names, when `index.vocabulary` knows it.
- Bullets after "Immediately:" / "Within three months:" / "Within six months:"
  or under "Areas for improvement" / "What needs to improve" are recommendations,
  cited by the numbered paragraph they belong to.

Format modules (index/formats/*.py) read identity and cover judgements; this module
reads the body, which all formats write the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from index.vocabulary import GRADE_WORD, area_key, grade_number, grade_word, timescale_of_heading
from index.model import Judgement, Paragraph

NUMBERED = re.compile(r"^(\d{1,3})\.(?!\d)\s*(\S.*)$")  # "10.Many" too: some PDFs put no space there
UNDOTTED = re.compile(r"^(\d{1,3})\s+([A-Z][a-z]+\b.*)$")  # a number printed without its full stop
EMPTY_NUMBER = re.compile(r"^(\d{1,3})\.$()")  # a number printed with no text after it
BULLET = re.compile(r"^[-–−•◼▪●*\uf0b7\uf06e\uf02d\uf0a7\uf0d8\uf076]\s*(\S.*)$")
SUB_BULLET = re.compile(r"^[−\uf02d]\s*")
GRADE_LINE = re.compile(r"\**\s*Grade\s*([1-4])\s*\(\s*(Outstanding|Good|Adequate|Inadequate)\s*\)\s*\**", re.I)
# "...help and protection: good", "... is outstanding", "The Local Safeguarding Children Board requires improvement"
HEADING_JUDGEMENT = re.compile(r"(?::|\s+is|\s+are|(?=\s+requires?\s+improvement))\s+" + GRADE_WORD + r"\s*$", re.I)
LINE_JUDGEMENT = re.compile(r"^(.*?)\s*\b" + GRADE_WORD + r"\s*$", re.I)
REC_HEADING = re.compile(r"areas? for (?:improvement|priority action)|what needs to improve|recommendations|"
                         r"^priority and immediate action", re.I)
# a list of what must be done at once: "Priority and immediate action" (SIF, 2014-15), "Areas for priority action"
PRIORITY_LIST = re.compile(r"priority and immediate action|areas? for priority action", re.I)
# what a list of priority actions says when there are none: "The inspection did not find any areas for priority
# and immediate action.", "There are no areas of priority action.", "No areas were identified for immediate improvement."
NONE_FOUND = re.compile(r"^(the inspection did not (find|identify) any|there (are|were) no|no) areas?\b", re.I)
# how a recommendation starts: what to do ("Ensure that ...", "Improve the quality of ...")
IMPERATIVE = re.compile(r"^(ensure|improve|develop|increase|strengthen|secure|establish|review|reduce|provide|make|"
                        r"implement|introduce|embed|extend|take|carry|continue|coordinate|undertake|complete|raise|"
                        r"enable|monitor|agree|build|consolidate|address|evaluate|promote|identify|act|put|set|use|"
                        r"significantly|urgently|swiftly|further|rapidly)\b", re.I)
TOP_LEVEL_FOLLOWER = re.compile(r"^overall effectiveness$", re.I)
# how a line that goes on with a sentence may start other than lower-case: a bracket, a number that counts, a year
SENTENCE_GOES_ON = re.compile(r"\(|\d+\s+[a-z]|(?:19|20)\d\d\b")
SENTENCE_END = re.compile(r"[.;,!]['’\")\]*]*$")
BOILERPLATE = re.compile(
    r"crown copyright|may be reproduced|further copies of this report|www\.ofsted|^website:|"
    r"^\d?\s*ofsted produces this report under its power|^\d?\s*a full description of what the inspection "
    r"judgements mean", re.I
)
# SIF covers' footnotes: what the combined report is, and where the grades are explained
FOOTNOTE = re.compile(r"^\d?\s*(ofsted produces this report under its power|a full description of what the "
                      r"inspection judgements mean)", re.I)
FOOTNOTE_MARK = re.compile(r"^\d{1,2}$")
BACK_PAGE = re.compile(r"^the office for standards in education, children.s services,? and skills \(ofsted\) "
                       r"regulates and inspects", re.I)
FRONT_MATTER = re.compile(
    r"^(report )?published\b|^inspection dates?\b|^(reporting|lead) inspector\b|^age group\b|^her majesty|^his majesty",
    re.I,
)


@dataclass(frozen=True)
class GradedHeading:
    """A heading that grades the area it names, and where its section starts."""
    area_text: str
    key: str  # index.vocabulary key
    section: str
    word: str
    first_ref: str = ""  # citation label of the first paragraph under it


@dataclass(frozen=True)
class Body:
    paragraphs: tuple[Paragraph, ...]
    graded: tuple[GradedHeading, ...]


COVER_SECTION = ("Cover",)


def parse_body(lines: list[str], cover_end: int = 0, bullet_paragraphs: bool = False) -> Body:
    """Paragraphs of the whole report. `cover_end`: lines before it are the cover, kept whole
    as the first unnumbered paragraph (cited "S1") so its judgement list is one citation.
    `bullet_paragraphs`: for a report whose body is bullets with no numbers, each bullet
    is a paragraph (cited S<n>), not a line of the one before."""
    lines = [clean(line) for line in lines]
    parser = _Parser(lines, start=cover_end, bullet_paragraphs=bullet_paragraphs)
    if cover_end:
        cover = [line for line in lines[:cover_end] if line and not BOILERPLATE.search(line)]
        if cover:
            parser.items.append(_Item(None, ["\n".join(cover)], COVER_SECTION, None, kind="cover", sequence=-1))
    parser.run()
    paragraphs = parser.paragraphs()
    return Body(tuple(paragraphs), tuple(parser.graded_headings()))


def clean(line: str) -> str:
    line = line.replace("\u00a0", " ").replace("\t", " ").strip()
    return re.sub(r"\s{2,}", " ", line)


@dataclass
class _Item:
    number: int | None
    lines: list[str]
    section: tuple[str, ...]
    judgement: Judgement | None
    kind: str = "paragraph"
    timescale: str | None = None
    parent: int | None = None
    sequence: int = 0
    children: int = 0
    ends_with_table: bool = False
    # a SIF section's summary, once read as the end of the paragraph before it: labelled after the report's
    # other unnumbered paragraphs, so that their labels stay what they were (citations people have kept, and
    # evaluation answers, name them)
    late: bool = False
    # text() is asked after every line; joining only the new lines keeps a very long
    # paragraph linear rather than quadratic (lines are only ever appended)
    _joined: str = field(default="", repr=False)
    _upto: int = field(default=0, repr=False)

    def text(self) -> str:
        out = self._joined
        for line in self.lines[self._upto:]:
            if not out:
                out = line
            elif line.startswith("\n"):
                out += line
            elif out.endswith("-") and "a" <= out[-2:-1] <= "z" and line[:1].islower():
                out += line  # a word hyphenated across lines
            else:
                out += " " + line
        self._joined, self._upto = out, len(self.lines)
        return out.strip()


@dataclass
class _Parser:
    lines: list[str]
    start: int = 0  # first line of the body; the cover before it is read by the format
    bullet_paragraphs: bool = False  # bullets are the paragraphs (early SIF reports number none)
    items: list[_Item] = field(default_factory=list)
    # (area text, key, section, grade word, index of the first item under the heading)
    graded: list[tuple[str, str, str, str, int]] = field(default_factory=list)
    top: str | None = None
    leaf: str | None = None
    judgement: Judgement | None = None  # the grade in force for the lines being read
    timescale: str | None = None
    in_recs: bool = False
    list_timescale: str | None = None  # the deadline a whole list's heading gives: priority actions are immediate
    last_number: int = 0
    sequence: int = 0
    cur: _Item | None = None
    table: list[str] = field(default_factory=list)
    contents: set[str] = field(default_factory=set)
    refs: dict[int, str] = field(default_factory=dict)  # item position -> citation label, set by paragraphs()
    late_summary: bool = False  # the next unnumbered paragraph is a SIF summary read before as a paragraph's end
    width: int = 0  # how long the report's full lines of text run (`_wrapped`)

    def __post_init__(self) -> None:
        self.contents = _contents_entries(self.lines)
        lengths = sorted(len(line) for line in self.lines if line)
        self.width = lengths[len(lengths) * 9 // 10] if lengths else 0

    # -- driving loop ---------------------------------------------------------
    def run(self) -> None:
        i, n = self.start, len(self.lines)
        while i < n:
            line = self.lines[i]
            if line.startswith("|"):
                self.table.append(line)
                i += 1
                continue
            if self.table:
                self._flush_table()
            if BACK_PAGE.match(line) or BACK_PAGE.match(f"{line} {self._next_nonblank(i + 1) or ''}"):
                # Ofsted's back cover: who Ofsted is, the licence, the newsletter; not the report. Most
                # PDFs of 2019-2025 wrap its first sentence after "(Ofsted)", and without the break
                # here it became the end of the report's last paragraph
                break
            if not line or FOOTNOTE_MARK.match(line):
                i += 1  # a footnote's mark on a line of its own: not text of the paragraph around it
                continue
            after_break = i > 0 and not self.lines[i - 1]
            i = self._line(i, line, after_break)
        if self.table:
            self._flush_table()

    def _line(self, i: int, line: str, after_break: bool) -> int:
        grade = GRADE_LINE.search(line)
        if grade and not NUMBERED.match(line) and len(line) < 160:
            heading = GRADE_LINE.sub("", line).strip()
            if heading:
                self._heading(heading, i)
            self._grade(grade.group(2))
            return i + 1
        if timescale_of_heading(line):
            self._close()
            self.timescale = timescale_of_heading(line)
            self.in_recs = True
            return i + 1
        m = NUMBERED.match(line)
        if m and self._starts_paragraph(int(m.group(1)), m.group(2)):
            self._open_numbered(int(m.group(1)), m.group(2))
            return i + 1
        odd = UNDOTTED.match(line) or EMPTY_NUMBER.match(line)
        if odd and self._misprinted_number(i, int(odd.group(1))):
            self._open_numbered(int(odd.group(1)), odd.group(2) if odd.re is UNDOTTED else "")
            return i + 1
        known = self._known_heading(i)
        if known:
            text, end = known
            self._heading(text, end)
            return end
        b = BULLET.match(line)
        if b:
            self._bullet(line, b.group(1))
            return i + 1
        return self._text(i, line, after_break)

    def _known_heading(self, i: int) -> tuple[str, int] | None:
        """A heading the contents page lists, or one that carries its own judgement.

        PDF text has no blank line before a heading and a bullet need not end with a
        full stop, so punctuation alone cannot tell a heading from a wrapped line.
        """
        if FRONT_MATTER.search(self.lines[i]):
            return None  # "Report published: ..." is a label, and the heading after it starts a line of its own
        parts: list[str] = []
        for j in range(i, min(i + 3, len(self.lines))):
            if not self.lines[j] or (j > i and self._structural(self.lines[j])):
                break
            if parts and re.search(r"[.;!?]['’\")]*$", parts[-1]):
                break  # "...good progress." ends a sentence; a heading cannot start before it
            parts.append(self.lines[j])
            text = " ".join(parts)
            if _norm(text) in self.contents or (
                HEADING_JUDGEMENT.search(text) and len(text) < 140 and text[:1].isupper()
                and not SENTENCE_END.search(text) and (j + 1 >= len(self.lines) or not self.lines[j + 1][:1].islower())
            ):
                return text, j + 1
            judged = LINE_JUDGEMENT.search(text)
            summary = self._summary_after(j + 1) if judged else 0
            if summary and len(text) < 140 and text[:1].isupper() and area_key(judged.group(1).strip()):
                # a SIF report heads each section with its area and grade, then "Summary" on a line of its own:
                # "The experiences and progress of children | looked after and achieving permanence Good |
                # Summary". Read as text, the heading and the summary ran on from the paragraph before it; the
                # summary is the section's own first, unnumbered, paragraph
                # (after a numbered paragraph, whose end it was read as: labelled late, see _Item.late)
                self.late_summary = self.cur is not None and self.cur.number is not None
                return f"{judged.group(1).strip()}: {judged.group(2)}", summary
            if text.endswith(".") and self._judgement_sentence(text[:-1]):
                # some ILACS reports of 2018-2020 head a section with its judgement as a sentence: "The
                # experiences and progress of children who need help and protection requires improvement to
                # be good." Read as text, it left the recommendations list open to the end of the report
                return text[:-1], j + 1
        return None

    def _summary_after(self, j: int) -> int:
        """The line after a "Summary" line starting at or after j (blank lines between), else 0."""
        while j < len(self.lines) and not self.lines[j]:
            j += 1
        return j + 1 if j < len(self.lines) and self.lines[j].strip().rstrip(":").lower() == "summary" else 0

    @staticmethod
    def _judgement_sentence(text: str) -> bool:
        """ "The impact of leaders on social work practice ... is good": a judged area, then its grade."""
        judged = HEADING_JUDGEMENT.search(text)
        return bool(judged and len(text) < 160 and text[:1].isupper()
                    and area_key(HEADING_JUDGEMENT.sub("", text).strip()))

    # -- line kinds -----------------------------------------------------------
    def _starts_paragraph(self, number: int, rest: str) -> bool:
        if number == self.last_number + 1:
            return True
        if number == 1 and self.last_number > 0:
            return True  # a list with its own numbering
        # a skipped number in the source: accept only a clean new sentence
        return number == self.last_number + 2 and rest[:1].isupper() and self._cur_ended()

    def _misprinted_number(self, i: int, number: int) -> bool:
        """ "34 Most children..." (no full stop) or a bare "89." the PDF printed without its text:
        the report's next number only if the paragraph before is finished and the next
        numbered line in the following page or two is the one after it."""
        if number != self.last_number + 1 or not self._cur_ended():
            return False
        for j in range(i + 1, min(i + 120, len(self.lines))):
            m = NUMBERED.match(self.lines[j])
            if m:
                return int(m.group(1)) == number + 1
        return False

    def _open_numbered(self, number: int, rest: str) -> None:
        self._close()
        if number == 1 and self.last_number > 0:
            self.sequence += 1
        self.last_number = number
        self.timescale = None
        kind = "recommendation" if self.in_recs and not NONE_FOUND.search(rest) else "paragraph"
        self.cur = _Item(number, [rest], self._section(), self.judgement, kind=kind, sequence=self.sequence,
                         timescale=self.list_timescale if kind == "recommendation" else None)

    def _bullet(self, line: str, body: str) -> None:
        if self.in_recs or self.timescale:
            if SUB_BULLET.match(line) and self.cur is not None and self.cur.kind == "recommendation":
                self.cur.lines.append(body)  # a sub-point belongs to the recommendation above it
                return
            parent = self._parent()
            self._close()
            self.cur = _Item(parent.number if parent else None, [body], self._section(), self.judgement,
                             kind="recommendation", timescale=self.timescale or self.list_timescale,
                             parent=parent.number if parent else None,
                             sequence=parent.sequence if parent else -1)
            if parent:
                parent.children += 1
            return
        if self.bullet_paragraphs and not SUB_BULLET.match(line):
            self._close()  # a report that numbers nothing: each bullet is a paragraph of its own
            self.cur = _Item(None, [body], self._section(), self.judgement, sequence=-1)
            return
        if self.cur is None:
            self.cur = _Item(None, [], self._section(), self.judgement, sequence=-1)
        self.cur.lines.append("\n- " + body)

    def _text(self, i: int, line: str, after_break: bool) -> int:
        block, end = self._block(i)
        if self._cur_ended() or self.cur is None or after_break and line[:1].isupper() and self.cur.number is None:
            if self._is_heading(block, end):
                self._heading(" ".join(block), end)
                return end
            if len(block) > 1 and len(line) < 70 and not self._wrapped(line, block[1]) and self._is_heading([line], i + 1):
                # a short heading line with the section's first sentence straight under it,
                # no blank line between: "The Local Safeguarding Children Board" / "The LSCB is ..."
                self._heading(line, i + 1)
                return i + 1
            if self.cur is None or (self.cur.number is None and after_break) or self.cur.kind == "recommendation" and self._cur_ended() and after_break:
                self._close()
                self.cur = _Item(None, [], self._section(), self.judgement, sequence=-1, late=self.late_summary)
                self.late_summary = False
        self.cur.lines.append(line)
        return i + 1

    def _block(self, i: int, limit: int = 4) -> tuple[list[str], int]:
        """The run of plain lines from i up to a blank line or a structural line.

        Only headings use it, and a heading is at most 3 lines: stopping at `limit` keeps
        a long unbroken run linear instead of rescanning it from every line."""
        block, j = [], i
        while j < len(self.lines) and len(block) < limit:
            line = self.lines[j]
            if not line or line.startswith("|") or (j > i and self._structural(line)):
                break
            block.append(line)
            j += 1
        return block, j

    def _wrapped(self, line: str, following: str) -> bool:
        """Whether `line` broke only because the next word would not fit on it: text wraps at the report's
        line width, and a heading breaks early. A short first line of a paragraph, straight after the end of
        another, had been taken for a heading ("This decoupling has enabled the recruitment and introduction
        of a new" | "Cambridgeshire senior leadership team ...") and its words were lost from the text."""
        word = following.split(maxsplit=1)[0] if following.strip() else ""
        return bool(self.width) and len(line) + 1 + len(word) > self.width

    def _structural(self, line: str) -> bool:
        m = NUMBERED.match(line)
        return bool(
            (m and self._starts_paragraph(int(m.group(1)), m.group(2)))
            or BULLET.match(line)
            or timescale_of_heading(line)
            or (GRADE_LINE.search(line) and len(line) < 160)
        )

    def _is_heading(self, block: list[str], end: int) -> bool:
        text = " ".join(block)
        if not text or len(text) > 160 or len(block) > 3 or SENTENCE_END.search(text):
            return False
        if any(re.search(r"[.;:]['’\")]*$", line) for line in block[:-1]):
            return False  # the end of a sentence, then a heading: not one heading
        if not (text[:1].isupper() or text[:1].isdigit()):
            return False
        if BOILERPLATE.search(text) or FRONT_MATTER.search(text) or not re.search(r"[A-Za-z]{3,}", text):
            return False
        if re.search(r"\(recommendation\)\s*$|[a-z]\.\s+\S", text, re.I) or re.search(r"\d{2,}\.\s+[A-Z]", text):
            return False  # SIF reports tag a finished sentence "(Recommendation)"; headings hold no full stop (nor
            # after a number: "This is lower than the 353 children at 31 March 2016. Of this number:")
        if re.search(r"\b(the|of|and|to|with|for|a|an|in|on|by|at|or|from|that|which)$", text, re.I):
            return False  # a line broken mid-sentence
        following = self._next_nonblank(end)
        if following and (following[:1].islower() or SENTENCE_GOES_ON.match(following)):
            return False  # a sentence broken by a page break, not a heading: "...helps social workers | to determine",
            # "... the needs of homeless | 16 and 17 year-olds", "... due to be complete by Autumn | 2013."
        return True

    def _heading(self, text: str, end: int) -> None:
        self._close()
        text = text.rstrip(":").strip().replace("**", "")
        judged = HEADING_JUDGEMENT.search(text)
        nxt = self._next_nonblank(end)
        if nxt and TOP_LEVEL_FOLLOWER.match(GRADE_LINE.sub("", nxt).strip()):
            self.top, self.leaf = text, None
            self.judgement = None
            self.in_recs = False
            self.list_timescale = None
            return
        if REC_HEADING.search(text):
            self.in_recs = True
            self.list_timescale = "Immediately" if PRIORITY_LIST.search(text) else None
        elif self.in_recs and len(text.split()) <= 6 and not re.search(
            r"strength|summary|progress|information|judgement|inspection|about", text, re.I
        ):
            pass  # a sub-heading inside a recommendations list ("Help and protection")
        elif self.in_recs and self._recommendation_follows(end):
            pass  # a longer one, followed by what to do: "Assessment, planning, recording and reviewing children's
            # progress" then "15. Improve the quality of all plans ..." (SIF reports of 2014)
        else:
            self.in_recs = False
            self.list_timescale = None
        self.leaf = text
        self.timescale = None
        self.judgement = None
        if judged:
            self._grade(judged.group(1))

    def _grade(self, word: str) -> None:
        """The heading just read grades its area: it governs the paragraphs below it."""
        if not (self.leaf and REC_HEADING.search(self.leaf)):
            self.in_recs = False
        area = HEADING_JUDGEMENT.sub("", self.leaf or self.top or "").strip()
        key = area_key(area)
        if key is None:
            self.judgement = None  # not an area Ofsted grades: body text that happens to end in "good"
            return
        section = self.top if self.top and self.top != self.leaf else ""
        self.judgement = Judgement(area=key, area_text=area, section=section, grade=grade_number(word),
                                   word=grade_word(word))
        if not any(g[1] == key and g[2] == section for g in self.graded):
            self.graded.append((area, key, section, self.judgement.word, len(self.items)))

    def _flush_table(self) -> None:
        rows = [[c.strip() for c in row.strip().strip("|").split("|")] for row in self.table]
        rows = [r for r in rows if not all(re.fullmatch(r"-*", c) for c in r)]
        self.table = []
        if not rows or self.leaf is None and self.top is None or re.search(r"^contents$", self.leaf or "", re.I):
            return  # the contents page: navigation, not content
        text = "\n".join(" | ".join(c for c in r if c) for r in rows if any(r))
        if re.search(r"record of main findings", self.leaf or "", re.I):
            self._findings_table(rows)
            self._close()
            self.cur = _Item(None, [text], self._section(), None, kind="table", sequence=-1)
            self._close()
            return
        if self.cur is not None and self.cur.number is not None:
            self.cur.lines.append("\n" + text)
            self.cur.ends_with_table = True
        else:
            self._close()
            self.cur = _Item(None, [text], self._section(), self.judgement, kind="table", sequence=-1)

    def _findings_table(self, rows: list[list[str]]) -> None:
        """Fill in judgements the body did not grade, under the right top-level section.

        A new top-level section starts where "Overall effectiveness" recurs; the
        table's own header rows are unreliable in converted text.
        """
        tops = [g[2] for g in self.graded if g[1] == "overall"]
        seen_overall, top = 0, tops[0] if tops else ""
        for row in rows:
            cells = [c for c in row if c]
            if len(cells) != 2 or grade_number(cells[1]) is None or area_key(cells[0]) is None:
                continue
            area, word = cells
            key = area_key(area)
            if key == "overall":
                seen_overall += 1
                top = tops[seen_overall - 1] if seen_overall - 1 < len(tops) else top
            if not any(g[1] == key and g[2] == top for g in self.graded):
                # stated only in this table: the table itself is where it is cited
                self.graded.append((area, key, top, grade_word(word), len(self.items)))

    # -- helpers ----------------------------------------------------------------
    def _section(self) -> tuple[str, ...]:
        return tuple(s for s in (self.top, self.leaf) if s)

    def _parent(self) -> _Item | None:
        """The numbered paragraph a bullet hangs from: the latest one, if it is in this section."""
        for item in ([self.cur] if self.cur else []) + self.items[::-1]:
            if item.number is not None and item.parent is None:
                return item if item.section == self._section() else None
        return None

    def _cur_ended(self) -> bool:
        if self.cur is None or self.cur.ends_with_table:
            return True
        text = self.cur.text()[-12:]  # only the end matters, and the text can be long
        return bool(re.search(r"[.?!:;]['’\")\]*]*$", text))

    def _close(self) -> None:
        if self.cur is not None and self.cur.lines and (self.cur.text() or self.cur.number is not None):
            self.items.append(self.cur)
        self.cur = None

    def _recommendation_follows(self, j: int) -> bool:
        nxt = self._next_nonblank(j)
        m = NUMBERED.match(nxt or "") or BULLET.match(nxt or "")
        return bool(m and IMPERATIVE.match(m.group(m.lastindex).strip()))

    def _next_nonblank(self, j: int) -> str | None:
        while j < len(self.lines):
            if self.lines[j]:
                return self.lines[j]
            j += 1
        return None

    # -- output -----------------------------------------------------------------
    def paragraphs(self) -> list[Paragraph]:
        self._close()
        sizes: dict[int, int] = {}
        for item in self.items:
            if item.number is not None and item.parent is None:
                sizes[item.sequence] = sizes.get(item.sequence, 0) + 1
        main = max(sizes, key=lambda s: (sizes[s], -s)) if sizes else 0
        out: list[Paragraph] = []
        placed: list[int] = []  # the item each paragraph of `out` is
        extra = 0
        seen_numbered = False
        self.refs = {}
        for position, item in enumerate(self.items):
            text = item.text()
            seen_numbered = seen_numbered or item.number is not None
            if item.number is None and item.kind != "cover" and (
                BOILERPLATE.search(text) and len(text) < 400
                or FOOTNOTE.match(text)
                or text.lower().startswith("contents")
                or FRONT_MATTER.search(text)
                or not seen_numbered and len(text) < 120 and item.kind == "paragraph"
            ):
                continue  # title-page lines, not content
            number, parent, kind = item.number, item.parent, item.kind
            if item.number is not None and item.parent is None and item.children:
                kind = "paragraph"  # the intro sentence that the bullets hang from
            if item.number is not None and item.sequence != main:
                # a list with its own numbering: keep its text whole, cite it apart
                text = f"{item.number}. {text}"
                number = parent = None
                kind = "table" if LINE_JUDGEMENT.search(text) and len(text) < 200 else kind
            if number is None and item.late:
                ref = ""  # labelled below, after the rest
            elif number is None:
                extra += 1
                ref = f"S{extra}"
            else:
                ref = str(parent if parent is not None else number)
            self.refs[position] = ref
            placed.append(position)
            out.append(Paragraph(number=number, text=text, section=item.section, judgement=item.judgement,
                                 kind=kind, timescale=item.timescale, parent=parent, ref=ref, seq=len(out)))
        for position in sorted(p for p, r in self.refs.items() if not r):
            extra += 1
            self.refs[position] = f"S{extra}"
        out = [replace(p, ref=self.refs[at]) if not p.ref else p for p, at in zip(out, placed)]
        return out

    def graded_headings(self) -> list[GradedHeading]:
        """Graded headings with the citation of the first paragraph under each (after paragraphs())."""
        out = []
        for area, key, section, word, first in self.graded:
            ref = next((self.refs[i] for i in range(first, len(self.items)) if i in self.refs), "")
            out.append(GradedHeading(area_text=area, key=key, section=section, word=word, first_ref=ref))
        return out


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def _contents_entries(lines: list[str]) -> set[str]:
    """Headings listed on a contents page ("Capacity to improve 5"), normalised."""
    entries: set[str] = set()
    start = next((i for i, line in enumerate(lines[:200]) if line.lower().rstrip(" :") == "contents"), None)
    if start is None:
        return entries
    pending: list[str] = []
    for line in lines[start + 1: start + 80]:
        if not line or line.startswith("|"):
            if line.startswith("|"):
                cells = [c.strip() for c in line.strip("|").split("|") if c.strip() and not set(c.strip()) <= {"-"}]
                if len(cells) == 2 and cells[1].isdigit():
                    entries.add(_norm(cells[0]))
            continue
        if NUMBERED.match(line):
            break
        m = re.match(r"^(.*\D)\s+\d{1,3}$", line)
        if m:
            entries.add(_norm(" ".join(pending + [m.group(1)])))
            pending = []
        else:
            pending.append(line)
            if len(pending) > 2:
                break
    entries.discard("")
    return entries

