"""Report file -> `ParsedReport`: metadata, judgements and ordered paragraphs.

    parse_file("south-gloucestershire-2012-08-10.txt").paragraphs[19]
    -> Paragraph(number=20, text="In order to improve ... take the following action.",
                 section=("Safeguarding services", "Areas for improvement"), kind="paragraph", ref="20")

What it relies on, learnt from 25 real reports (2012-2024):
- Numbered paragraphs run 1..N. A number only starts a paragraph when it is the
  next one expected, so "...reduced from 60 to\\n36. During..." stays inside 41.
  A fresh "1." starts a new list; the longest list is the report's numbering and
  the others (an SIF cover list of judgements) are cited as S<n>.
- Page breaks and blank lines split paragraphs mid-sentence; text after one that
  is not a heading continues the open paragraph.
- Headings are short blocks that do not end a sentence. "Grade N (Word)" after a
  heading, "...: good" or "... is outstanding" in one, and the "Record of main
  findings" table give the judgements.
- Bullets after "Immediately:" / "Within three months:" / "Within six months:"
  or under "Areas for improvement" / "What needs to improve" are recommendations,
  cited by the numbered paragraph they belong to.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from index.extract import extract_lines
from index.model import Judgement, Paragraph, ParsedReport, ParseError, Report

NUMBERED = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
BULLET = re.compile(r"^[-–−•◼▪●*\uf0b7\uf06e\uf02d\uf0a7\uf0d8\uf076]\s*(\S.*)$")
SUB_BULLET = re.compile(r"^[−\uf02d]\s*")
GRADE_LINE = re.compile(r"\**\s*Grade\s*([1-4])\s*\(\s*(Outstanding|Good|Adequate|Inadequate)\s*\)\s*\**", re.I)
TIMESCALE = re.compile(r"^(immediately|within (?:one|two|three|six|twelve|\d+) months?)\s*:?\s*$", re.I)
JUDGEMENT_WORD = r"(outstanding|good|requires improvement(?: to be good)?|inadequate|adequate)"
HEADING_JUDGEMENT = re.compile(r"(?::|\s+is)\s+" + JUDGEMENT_WORD + r"\s*$", re.I)
LINE_JUDGEMENT = re.compile(r"^(.*?)\s*\b" + JUDGEMENT_WORD + r"\s*$", re.I)
REC_HEADING = re.compile(r"areas? for (?:improvement|priority action)|what needs to improve|recommendations", re.I)
TOP_LEVEL_FOLLOWER = re.compile(r"^overall effectiveness$", re.I)
SENTENCE_END = re.compile(r"[.;,!]['’\")\]*]*$")
DATE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Z][a-z]+)\s+(\d{4})")
NUMERIC_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
FILE_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
BOILERPLATE = re.compile(
    r"crown copyright|may be reproduced|further copies of this report|www\.ofsted|^website:", re.I
)
FRONT_MATTER = re.compile(
    r"^(report )?published\b|^inspection dates?\b|^(reporting|lead) inspector\b|^age group\b|^her majesty|^his majesty",
    re.I,
)
WORD_GRADES = {"outstanding": 1, "good": 2, "adequate": 3, "requires improvement": 3,
               "requires improvement to be good": 3, "inadequate": 4}


def parse_file(path: str | Path) -> ParsedReport:
    path = Path(path)
    lines = extract_lines(path)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return parse_lines(lines, source=str(path), sha256=sha)


def parse_lines(lines: list[str], source: str, sha256: str) -> ParsedReport:
    lines = [_clean(line) for line in lines]
    parser = _Parser(lines)
    parser.run()
    paragraphs = parser.paragraphs()
    if not any(p.number is not None for p in paragraphs):
        raise ParseError(source, "no numbered paragraphs found; this does not look like an inspection report")
    report = _metadata(lines, source, sha256, parser.judgements + _listed_judgements(paragraphs, lines))
    return ParsedReport(report=report, paragraphs=tuple(paragraphs))


def _clean(line: str) -> str:
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
    items: list[_Item] = field(default_factory=list)
    judgements: list[Judgement] = field(default_factory=list)
    top: str | None = None
    leaf: str | None = None
    judgement: Judgement | None = None
    timescale: str | None = None
    in_recs: bool = False
    last_number: int = 0
    sequence: int = 0
    cur: _Item | None = None
    table: list[str] = field(default_factory=list)
    contents: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.contents = _contents_entries(self.lines)

    # -- driving loop ---------------------------------------------------------
    def run(self) -> None:
        i, n = 0, len(self.lines)
        while i < n:
            line = self.lines[i]
            if line.startswith("|"):
                self.table.append(line)
                i += 1
                continue
            if self.table:
                self._flush_table()
            if not line:
                i += 1
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
            self._grade(int(grade.group(1)), grade.group(2).capitalize())
            return i + 1
        if TIMESCALE.match(line):
            self._close()
            self.timescale = _canonical_timescale(TIMESCALE.match(line).group(1))
            self.in_recs = True
            return i + 1
        m = NUMBERED.match(line)
        if m and self._starts_paragraph(int(m.group(1)), m.group(2)):
            self._open_numbered(int(m.group(1)), m.group(2))
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
        parts: list[str] = []
        for j in range(i, min(i + 3, len(self.lines))):
            if not self.lines[j] or (j > i and self._structural(self.lines[j])):
                break
            parts.append(self.lines[j])
            text = " ".join(parts)
            if _norm(text) in self.contents or (
                HEADING_JUDGEMENT.search(text) and len(text) < 140 and text[:1].isupper()
                and not SENTENCE_END.search(text) and (j + 1 >= len(self.lines) or not self.lines[j + 1][:1].islower())
            ):
                return text, j + 1
        return None

    # -- line kinds -----------------------------------------------------------
    def _starts_paragraph(self, number: int, rest: str) -> bool:
        if number == self.last_number + 1:
            return True
        if number == 1 and self.last_number > 0:
            return True  # a list with its own numbering
        # a skipped number in the source: accept only a clean new sentence
        return number == self.last_number + 2 and rest[:1].isupper() and self._cur_ended()

    def _open_numbered(self, number: int, rest: str) -> None:
        self._close()
        if number == 1 and self.last_number > 0:
            self.sequence += 1
        self.last_number = number
        self.timescale = None
        kind = "recommendation" if self.in_recs else "paragraph"
        self.cur = _Item(number, [rest], self._section(), self.judgement, kind=kind, sequence=self.sequence)

    def _bullet(self, line: str, body: str) -> None:
        if self.in_recs or self.timescale:
            if SUB_BULLET.match(line) and self.cur is not None and self.cur.kind == "recommendation":
                self.cur.lines.append(body)  # a sub-point belongs to the recommendation above it
                return
            parent = self._parent()
            self._close()
            self.cur = _Item(parent.number if parent else None, [body], self._section(), self.judgement,
                             kind="recommendation", timescale=self.timescale,
                             parent=parent.number if parent else None,
                             sequence=parent.sequence if parent else -1)
            if parent:
                parent.children += 1
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
            if self.cur is None or (self.cur.number is None and after_break) or self.cur.kind == "recommendation" and self._cur_ended() and after_break:
                self._close()
                self.cur = _Item(None, [], self._section(), self.judgement, sequence=-1)
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

    def _structural(self, line: str) -> bool:
        m = NUMBERED.match(line)
        return bool(
            (m and self._starts_paragraph(int(m.group(1)), m.group(2)))
            or BULLET.match(line)
            or TIMESCALE.match(line)
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
        if BOILERPLATE.search(text) or FRONT_MATTER.search(text):
            return False
        if re.search(r"\(recommendation\)\s*$|[a-z]\.\s+\S", text, re.I):
            return False  # SIF reports tag a finished sentence "(Recommendation)"; headings hold no full stop
        if re.search(r"\b(the|of|and|to|with|for|a|an|in|on|by|at|or|from|that|which)$", text, re.I):
            return False  # a line broken mid-sentence
        following = self._next_nonblank(end)
        if following and following[:1].islower():
            return False  # a sentence broken by a page break, not a heading: "...helps social workers | to determine"
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
            return
        if REC_HEADING.search(text):
            self.in_recs = True
        elif self.in_recs and len(text.split()) <= 6 and not re.search(
            r"strength|summary|progress|information|judgement|inspection|about", text, re.I
        ):
            pass  # a sub-heading inside a recommendations list ("Help and protection")
        else:
            self.in_recs = False
        self.leaf = text
        self.timescale = None
        self.judgement = None
        if judged:
            word = judged.group(1).lower()
            self._grade(WORD_GRADES.get(word), judged.group(1)[:1].upper() + judged.group(1)[1:].lower())

    def _grade(self, grade: int | None, word: str) -> None:
        if not (self.leaf and REC_HEADING.search(self.leaf)):
            self.in_recs = False
        area = self.leaf or self.top or ""
        area = HEADING_JUDGEMENT.sub("", area).strip()
        area = re.sub(r"^the graded judgement (?:for|about) (?:the )?|\s+is that it( is)?$", "", area, flags=re.I)
        judgement = Judgement(area=area[:1].upper() + area[1:], section=self.top or "", grade=grade, word=word)
        self.judgement = judgement
        if area and not any(j.area == area and j.section == judgement.section for j in self.judgements):
            self.judgements.append(judgement)

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
        tops = [j.section for j in self.judgements if j.area.lower() == "overall effectiveness"]
        seen_overall, top = 0, tops[0] if tops else ""
        for row in rows:
            cells = [c for c in row if c]
            if len(cells) != 2 or cells[1].lower() not in WORD_GRADES:
                continue
            area, word = cells
            if area.lower() == "overall effectiveness":
                seen_overall += 1
                top = tops[seen_overall - 1] if seen_overall - 1 < len(tops) else top
            if not any(j.area.lower() == area.lower() and j.section == top for j in self.judgements):
                self.judgements.append(Judgement(area=area, section=top, grade=WORD_GRADES[word.lower()],
                                                 word=word.capitalize()))

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
        if self.cur is not None and self.cur.lines and self.cur.text():
            self.items.append(self.cur)
        self.cur = None

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
        extra = 0
        seen_numbered = False
        for item in self.items:
            text = item.text()
            seen_numbered = seen_numbered or item.number is not None
            if item.number is None and (
                BOILERPLATE.search(text) and len(text) < 400
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
            if number is None:
                extra += 1
                ref = f"S{extra}"
            else:
                ref = str(parent if parent is not None else number)
            out.append(Paragraph(number=number, text=text, section=item.section, judgement=item.judgement,
                                 kind=kind, timescale=item.timescale, parent=parent, ref=ref, seq=len(out)))
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


def _canonical_timescale(word: str) -> str:
    word = word.lower()
    return "Immediately" if word == "immediately" else word[:1].upper() + word[1:]


# -- metadata -----------------------------------------------------------------
AUTHORITY_NOISE = re.compile(
    r"^(?:the\s+)?(?:london borough of|royal borough of|borough of)\s+|"
    r"\s+(?:metropolitan borough|city|county|borough|district)?\s*council$|\s+city$",
    re.I,
)


def _metadata(lines: list[str], source: str, sha256: str, body_judgements: list[Judgement]) -> Report:
    head = [line for line in lines[:120] if line]
    text = "\n".join(head)
    authority = _authority(head) or _authority_from_filename(source)
    if not authority:
        raise ParseError(source, "cannot tell which local authority this report is about")
    title = _title(head)
    dates = ""
    m = re.search(r"Inspection dates?\s*:?\s*(.+)", text)
    if m:
        dates = m.group(1).strip()
    published = ""
    m = re.search(r"(?:Report\s+)?[Pp]ublished:?\s*(.+)", text)
    if m:
        published = _iso_date(m.group(1))
    if not published:
        fm = FILE_DATE.search(Path(source).name)
        published = "-".join(fm.groups()) if fm else ""
    judgements: list[Judgement] = []
    for j in body_judgements:
        if not any(_same_area(j.area, k.area) and j.section == k.section for k in judgements):
            judgements.append(j)
    for j in _cover_judgements(lines):
        if not any(_same_area(j.area, k.area) for k in judgements):
            judgements.append(j)
    slug = re.sub(r"[^a-z0-9]+", "-", authority.lower()).strip("-")
    report_id = f"{slug}-{published}" if published else slug
    return Report(id=report_id, authority=authority, title=title, inspection_dates=dates, published=published,
                  source=Path(source).name, sha256=sha256, judgements=tuple(judgements))


def _authority(head: list[str]) -> str:
    joined = " ".join(head[:12])
    m = re.search(r"Inspection of ([A-Z][\w'’ -]{1,40}?) local\s+authority", joined)
    if m:
        return _tidy_authority(m.group(1))
    for idx, line in enumerate(head[:15]):
        if line.lower().startswith(("inspection of", "re-inspection of")):
            before = [h for h in head[:idx] if not h.isdigit()]
            if before:
                return _tidy_authority(before[-1])
            # 2012/2013 framework: title first (maybe wrapped), then the authority
            for nxt in head[idx + 1: idx + 4]:
                if nxt.lower().startswith(("inspection date", "reporting inspector")):
                    break
                if not re.match(r"^(services|and|children)", nxt, re.I) and nxt[:1].isupper():
                    return _tidy_authority(nxt)
    return ""


def _tidy_authority(name: str) -> str:
    name = name.strip().rstrip("0123456789").strip()
    for _ in range(2):
        name = AUTHORITY_NOISE.sub("", name).strip()
    return name


def _authority_from_filename(source: str) -> str:
    stem = FILE_DATE.split(Path(source).stem)[0].strip("-_ ")
    return stem.replace("-", " ").title() if stem else ""


def _title(head: list[str]) -> str:
    for idx, line in enumerate(head[:15]):
        if line.lower().startswith(("inspection of", "re-inspection of")):
            parts = [line]
            for nxt in head[idx + 1: idx + 3]:
                if nxt[:1].islower() or nxt.lower().startswith(("services", "protection", "children")):
                    parts.append(nxt)
                else:
                    break
            title = " ".join(parts)
            return re.sub(r"\s+local\s+authority", " local authority", title)
    return "Inspection report"


def _iso_date(text: str) -> str:
    m = DATE.search(text)
    if m:
        try:
            return datetime.strptime(" ".join(m.groups()), "%d %B %Y").date().isoformat()
        except ValueError:
            pass
    m = NUMERIC_DATE.search(text)
    if m:
        d, mo, y = map(int, m.groups())
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return ""


def _cover_judgements(lines: list[str]) -> list[Judgement]:
    """Judgements listed before the first numbered paragraph (SIF cover list, ILACS table)."""
    out: list[Judgement] = []
    pending: list[str] = []
    started = False
    for line in lines:
        if NUMBERED.match(line) and not LINE_JUDGEMENT.search(line) and started is False and out:
            break
        if re.match(r"^(key\s+)?judgement\s+(judgement\s+)?grade", line, re.I) or re.search(
            r"judgements on areas of the service", line, re.I
        ):
            started, pending = True, []
            continue
        if not started:
            continue
        if not line:
            if out:
                started = False
            continue
        m = LINE_JUDGEMENT.search(line)
        if m:
            area = " ".join(pending + [m.group(1)]).strip()
            area = re.sub(r"^\d+(\.\d+)?\.?\s*", "", area).strip()
            word = m.group(2)
            if area:
                out.append(_word_judgement(area, word))
            pending = []
        else:
            pending.append(line)
        if NUMBERED.match(line) and not m and out:
            break
    return out


SIF_LISTED = re.compile(r"(\d(?:\.\d)?)\.?\s+([A-Z][^.]+?)\s+" + JUDGEMENT_WORD + r"(?=\s|$)", re.I)
SIF_OVERALL = re.compile(r"children[’']s services (?:in [\w\s-]+? )?are " + JUDGEMENT_WORD, re.I)


def _listed_judgements(paragraphs: list[Paragraph], lines: list[str]) -> list[Judgement]:
    """SIF reports list their judgements on the cover: "1. Children who need help and protection Good"."""
    out: list[Judgement] = []
    m = SIF_OVERALL.search(" ".join(lines[:60]))
    if m:
        out.append(_word_judgement("Overall effectiveness", m.group(1)))
    for p in paragraphs:
        # the cover list is numbered apart from the body; a footnote may trail its last item
        if p.number is None and re.match(r"\d\.\s", p.text):
            first_lines = p.text.split(" 1 Ofsted")[0]
            out.extend(_word_judgement(m.group(2), m.group(3)) for m in SIF_LISTED.finditer(first_lines))
    return out


def _word_judgement(area: str, word: str) -> Judgement:
    area = re.sub(r"^the graded judgement (?:for|about) (?:the )?|\s+is that it( is)?$", "", area.strip(), flags=re.I)
    return Judgement(area=area[:1].upper() + area[1:], section="", grade=WORD_GRADES.get(word.lower()),
                     word=word[:1].upper() + word[1:].lower())


def _same_area(a: str, b: str) -> bool:
    return a.lower().strip() == b.lower().strip()


def renumber_check(paragraphs: tuple[Paragraph, ...] | list[Paragraph]) -> list[int]:
    """Numbers of the report's own numbering, in order, for gap/duplicate checks."""
    return [p.number for p in paragraphs if p.number is not None and p.parent is None]


__all__ = ["parse_file", "parse_lines", "renumber_check", "ParseError"]
