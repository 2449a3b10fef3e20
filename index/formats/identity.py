"""Who and when, from a report's title page and file name: title block, authority,
inspection dates, publication date. Every format prints these the same few ways.

    inspection_range("21 November to 2 December 2022")  -> (date(2022, 11, 21), date(2022, 12, 2))
    inspection_range("9–24 November 2017")              -> (date(2017, 11, 9), date(2017, 11, 24))
    file_date("children's services inspection - 19 november 2021.pdf") -> "2021-11-19"
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from index.authorities import find_authority

MONTHS = {m: n for n, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                      "dec"), start=1)}
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
# one end of a range: "21", "21 November", "21 November 2022", "21st Nov. 2022"
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s*(?:(" + _MONTH + r")\.?)?\s*(\d{4})?\b", re.I)
_FULL_DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + _MONTH + r")\.?\s+(\d{4})\b", re.I)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")  # 12/09/2016: day first, as Ofsted writes it
DATES_LABEL = re.compile(r"^inspection dates?\s*:?\s*", re.I)
PUBLISHED_LABEL = re.compile(r"^(?:report\s+)?published\s*:?\s*(.+)$", re.I)
TITLE_START = re.compile(r"^(?:re-)?inspection of\b|^review of the effectiveness", re.I)


def title_block(lines: list[str], limit: int = 15) -> str:
    """The title page's words up to the inspection dates: where the report names itself and its council."""
    head = [line for line in lines[:200] if line][:limit]
    out = []
    for line in head:
        if DATES_LABEL.match(line):
            break
        out.append(line)
    return " ".join(out)


def authority(lines: list[str]) -> str | None:
    """The canonical council the title page names; the cover and first pages if the title does not."""
    found = find_authority(title_block(lines))
    if found:
        return found
    return find_authority(" ".join([line for line in lines[:300] if line][:40]))


def title(lines: list[str]) -> str:
    """ "Inspection of services for children in need of help and protection, children looked after
    and care leavers and Review of the effectiveness of the local safeguarding children board" """
    head = [line for line in lines[:200] if line][:20]
    for idx, line in enumerate(head):
        m = re.search(r"((?:Re-)?[Ii]nspection of .*|Review of the effectiveness .*)", line)
        if not m:
            continue
        parts = [m.group(1)]
        for nxt in head[idx + 1: idx + 7]:
            if DATES_LABEL.match(nxt) or re.match(r"^(lead|reporting) inspector|^\d", nxt, re.I):
                break
            if find_authority(nxt) and not re.search(r"\b(and|review|board|protection|services|children|authority)\b",
                                                     nxt, re.I):
                break  # the council's name after the title (2012-13 reports), not a title line naming it
            parts.append(nxt)
        text = re.sub(r"\b(board)\d$", r"\1", " ".join(parts), flags=re.I)  # a footnote mark on the last word
        return " ".join(text.split()).rstrip(" ,")
    return "Inspection report"


def inspection_text(lines: list[str]) -> str:
    """The printed inspection dates, "25 June 2012 to 6 July 2012", or ""."""
    head = [line for line in lines[:300] if line][:60]
    for i, line in enumerate(head):
        if DATES_LABEL.match(line):
            text = DATES_LABEL.sub("", line).strip()
            if not re.search(r"\d{4}\W*$", text) and i + 1 < len(head) and re.match(r"^(\d|[A-Z][a-z]+ \d{4})",
                                                                                    head[i + 1]):
                text = f"{text} {head[i + 1]}".strip()  # the range wrapped onto the next line
            return text
    return ""


def inspection_range(text: str) -> tuple[date | None, date | None]:
    """First and last day of a printed range; parts it leaves out come from the end ("15 – 19 July 2013")."""
    text = re.split(r"\b(?:lead|reporting) inspector\b|\breport published\b", text, flags=re.I)[0]
    text = _NUMERIC.sub(_spelled, text)
    parts = []
    for m in _DAY.finditer(text):
        day, month, year = int(m.group(1)), m.group(2), m.group(3)
        if not month and not year and parts and not parts[-1][1]:
            continue  # a stray number
        parts.append([day, MONTHS.get(month[:3].lower()) if month else None, int(year) if year else None])
    parts = [p for p in parts if 1 <= p[0] <= 31]
    if not parts or parts[-1][2] is None:
        return None, None
    for i in range(len(parts) - 2, -1, -1):  # fill each part's missing month and year from the next
        parts[i][1] = parts[i][1] or parts[i + 1][1]
        parts[i][2] = parts[i][2] or (parts[i + 1][2] if parts[i][1] <= parts[i + 1][1] else parts[i + 1][2] - 1)
    dates = []
    for day, month, year in parts:
        try:
            dates.append(date(year, month, day))
        except (TypeError, ValueError):
            continue
    if not dates:
        return None, None
    return min(dates), max(dates)


def on_site_days(text: str) -> int | None:
    """Calendar days on site, summed over the periods of a printed range: "5 to 9 December 2022 and
    14 to 15 February 2023" -> 7 (a short inspection with a return visit), not the 73 days it spans."""
    total = 0
    periods = re.split(r"\s+and\s+(?=\d)", text)
    for i, period in enumerate(periods):
        later_year = re.search(r"\d{4}", " ".join(periods[i + 1:]))
        if not re.search(r"\d{4}\W*$", period) and later_year:
            period = f"{period} {later_year.group(0)}"  # "5 to 9 December and 14 to 15 February 2023"
        start, end = inspection_range(period)
        if not start:
            return None
        total += (end - start).days + 1
    return total or None


def published(lines: list[str], source: str) -> str:
    """ISO publication date: a "Published:" line, else a date in the file name, else ""."""
    for line in [line for line in lines[:300] if line][:60]:
        m = PUBLISHED_LABEL.match(line)
        if m:
            found = _FULL_DATE.search(_NUMERIC.sub(_spelled, m.group(1)))
            if found:
                return _iso(found)
    return file_date(Path(source).name)


def file_date(name: str) -> str:
    """A date in a file name: "medway-2013-08-23.pdf" or "... - 19 november 2021.pdf"."""
    m = _ISO.search(name)
    if m:
        try:
            return date(*map(int, m.groups())).isoformat()
        except ValueError:
            pass
    m = _FULL_DATE.search(name)
    return _iso(m) if m else ""


def _iso(m: re.Match) -> str:
    try:
        return date(int(m.group(3)), MONTHS[m.group(2)[:3].lower()], int(m.group(1))).isoformat()
    except ValueError:
        return ""


def _spelled(m: re.Match) -> str:
    """ "12/09/2016" -> "12 sep 2016", so numeric dates parse like written ones."""
    month = int(m.group(2))
    if not 1 <= month <= 12:
        return m.group(0)
    return f"{int(m.group(1))} {list(MONTHS)[month - 1]} {m.group(3)}"
