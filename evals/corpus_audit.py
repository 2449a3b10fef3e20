"""The whole public corpus, parsed and held against facts from outside the PDF text.

    report-assistant corpus-audit /path/to/ofsted-ilacs-scrape-tool   # writes evals/corpus-audit.md

The repository data-to-insight/ofsted-ilacs-scrape-tool keeps every published report in
`export_data/inspection_reports/<URN>_<authority>/... - <publication date>.pdf` and the
latest ILACS grades per authority in `ofsted_csc_ilacs_overview.xlsx`. So each report
can be checked against three things the parser never reads: the folder's authority,
the file name's date, and the spreadsheet's grades.
"""
from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from index.audit import AuditLine, audit_line, collect_files, parse_many
from index.authorities import canonical
from index.formats.identity import file_date

REPORTS = Path("export_data/inspection_reports")
SHEET = Path("ofsted_csc_ilacs_overview.xlsx")
SHEET_AREAS = {"overall": "overall_effectiveness_grade", "leaders": "impact_of_leaders_grade",
               "help_and_protection": "help_and_protection_grade", "in_care": "in_care_grade",
               "care_leavers": "care_leavers_grade"}


@dataclass
class CorpusAudit:
    lines: list[AuditLine] = field(default_factory=list)
    folders: dict[str, str] = field(default_factory=dict)  # path -> the folder's canonical authority
    sheet_checks: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 0


def read_sheet(path: Path) -> list[dict]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:] if any(row)]


def _sheet_date(value) -> str:
    """ "27/10/23" or "15/09/2023" -> "2023-10-27"."""
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", str(value or "").strip())
    if not m:
        return ""
    d, mo, y = map(int, m.groups())
    try:
        return date(y + 2000 if y < 100 else y, mo, d).isoformat()
    except ValueError:
        return ""


def run(repo: Path, workers: int | None = None, on_file=None) -> CorpusAudit:
    repo = Path(repo)
    files, _ = collect_files([repo / REPORTS])
    result = CorpusAudit()
    t0 = time.perf_counter()
    for path, parsed in parse_many(files, workers):
        line = audit_line(path, parsed)
        result.lines.append(line)
        result.folders[line.path] = canonical(path.parent.name.split("_", 1)[-1]) or ""
        if on_file:
            on_file(line)
    result.seconds = time.perf_counter() - t0
    result.workers = workers or 0
    if (repo / SHEET).exists():
        result.sheet_checks = check_sheet(result, read_sheet(repo / SHEET))
    return result


def check_sheet(result: CorpusAudit, sheet: list[dict]) -> list[dict]:
    """One row per (authority, area) the spreadsheet grades whose report the corpus holds."""
    checks = []
    for row in sheet:
        urn = str(row.get("urn") or "")
        published, ended = _sheet_date(row.get("publication_date")), _sheet_date(row.get("inspection_end_date"))
        matches = [line for line in result.lines if not line.error and Path(line.path).parent.name.startswith(
            urn + "_") and (line.published == published or line.inspection_end == ended)]
        if not matches:
            continue
        line = matches[0]
        for area, column in SHEET_AREAS.items():
            wanted = str(row.get(column) or "").strip().lower()
            if wanted in ("", "none", "inspection_pre_dates_judgement"):
                continue
            ours = line.grades.get(area, "")
            same = ours.lower() == wanted or (wanted == "requires improvement" and ours.lower().startswith(wanted))
            checks.append({"path": line.path, "id": line.id, "area": area, "sheet": wanted, "ours": ours,
                           "same": same})
    return checks


def figures(result: CorpusAudit) -> dict:
    reports = [line for line in result.lines if not line.error]
    html = [line for line in result.lines if line.error and "HTML" in line.error]
    ids: dict[str, int] = {}
    for line in reports:
        ids[line.id] = ids.get(line.id, 0) + 1
    gaps = [line for line in reports if any("skip or repeat" in p for p in line.problems)]
    unnumbered = [line for line in reports if any("numbers none" in p for p in line.problems)]
    from index.vocabulary import area_key

    sentence_areas = sum(1 for line in reports for text in line.area_texts
                         if area_key(text) is None or re.search(r"[.;]\s", text))
    sheet_same = sum(1 for c in result.sheet_checks if c["same"])
    return {
        "files": len(result.lines), "reports": len(reports),
        "authority_matches_folder": sum(1 for line in reports if line.authority == result.folders.get(line.path)),
        "id_has_date": sum(1 for line in reports if re.search(r"-\d{4}-\d{2}-\d{2}$", line.id)),
        "sharing_an_id": sum(n for n in ids.values() if n > 1),
        "numbering_without_gap": len(reports) - len(gaps),
        "numbering_gaps": [{"path": line.path, "problem": next(p for p in line.problems if "skip" in p)}
                           for line in gaps],
        "unnumbered": [line.path for line in unnumbered],
        "sheet_grades_same": sheet_same, "sheet_grades_checked": len(result.sheet_checks),
        "sheet_differences": [c for c in result.sheet_checks if not c["same"]],
        "sentence_areas": sentence_areas,
        "html_one_line_errors": sum(1 for line in html if "\n" not in line.error), "html_pages": len(html),
        "unreadable_other": [{"path": line.path, "error": line.error} for line in result.lines
                             if line.error and "HTML" not in line.error],
        "published_differs_from_file_name": [
            {"path": line.path, "text": line.published, "file": file_date(Path(line.path).name)}
            for line in reports if line.published != file_date(Path(line.path).name)],
        "types": {t: sum(1 for line in reports if line.type == t) for t in sorted({line.type for line in reports})},
        "authorities": len({line.authority for line in reports}),
        "seconds": round(result.seconds, 1), "workers": result.workers,
    }


def cover_lines(path: str, area: str) -> str:
    """The cover text naming an area, as evidence beside a spreadsheet difference."""
    from index.parse import parse_file

    parsed = parse_file(path)
    cover = " ".join(next((p.text for p in parsed.paragraphs if p.kind == "cover"), "").split())
    table = re.search(r"Judgement\s+Grade\b.*", cover)
    return (table.group(0) if table else cover)[:600]


def markdown(f: dict, repo: str) -> str:
    t = lambda n, d: f"{n}/{d}"  # noqa: E731
    lines = [
        "# Whole-corpus audit", "",
        f"Written by `report-assistant corpus-audit {repo}`: every file of the public corpus",
        "(data-to-insight/ofsted-ilacs-scrape-tool, `export_data/inspection_reports/`) parsed as ingest would, and held",
        "against facts from outside the PDF text: the folder's authority, the file name's date and",
        "`ofsted_csc_ilacs_overview.xlsx`, which lists each authority's latest ILACS grades.", "",
        f"{f['files']} files: {f['reports']} reports for {f['authorities']} authorities; parsed in "
        f"{f['seconds']} s on this machine ({f['workers'] or 'one per CPU'} worker processes).", "",
        "| check | result |", "|---|---:|",
        f"| authority equals the folder's authority | {t(f['authority_matches_folder'], f['reports'])} |",
        f"| report id carries a date | {t(f['id_has_date'], f['reports'])} |",
        f"| reports sharing an id with another report | {f['sharing_an_id']} |",
        f"| numbered paragraphs run 1..N with no gap | {t(f['numbering_without_gap'], f['reports'])} |",
        f"| latest ILACS grades equal the spreadsheet's | {t(f['sheet_grades_same'], f['sheet_grades_checked'])} |",
        f"| judgement \"areas\" that are really sentences | {f['sentence_areas']} |",
        f"| HTML saved as .pdf gets a one-line error | {t(f['html_one_line_errors'], f['html_pages'])} |",
        "", "Report types: " + ", ".join(f"{n} {k}" for k, n in f["types"].items()) + ".", "",
        "## Numbering the PDF itself breaks", "",
        "Checked by hand against the PDF; the parser keeps the report's own numbers and names the gap.", ""]
    lines += [f"- `{g['path']}`: {g['problem']}" for g in f["numbering_gaps"]] or ["None."]
    lines += ["", "Reports that number none of their paragraphs (early 2014 SIF reports write their body as "
              "bullets; each bullet is cited S1, S2, ... in order):", ""]
    lines += [f"- `{p}`" for p in f["unnumbered"]] or ["None."]
    lines += ["", "## Where the spreadsheet and the report differ", "",
              "Each difference with the report's own cover, which is the authority on its grades:", ""]
    for d in f["sheet_differences"]:
        lines.append(f"- `{d['path']}` {d['area']}: spreadsheet **{d['sheet']}**, report **{d['ours'] or 'not graded'}**."
                     f" Cover: \"{d.get('cover', '')}\"")
    if not f["sheet_differences"]:
        lines.append("None.")
    lines += ["", "## Publication dates where the text and the file name differ", "",
              "The report's own \"Report published\" line is used; the file name's date is the day the file was "
              "scraped from Ofsted's page.", ""]
    lines += [f"- `{d['path']}`: text {d['text']}, file name {d['file']}" for d in
              f["published_differs_from_file_name"]] or ["None."]
    if f["unreadable_other"]:
        lines += ["", "## Other unreadable files", ""] + [f"- `{u['path']}`: {u['error']}" for u in
                                                          f["unreadable_other"]]
    return "\n".join(lines) + "\n"


def write(result: CorpusAudit, repo: Path, out: Path) -> dict:
    f = figures(result)
    for d in f["sheet_differences"]:
        d["cover"] = cover_lines(d["path"], d["area"])
    for entry in f["numbering_gaps"] + f["sheet_differences"] + f["published_differs_from_file_name"]:
        entry["path"] = str(Path(entry["path"]).relative_to(Path(repo) / REPORTS))
    f["unnumbered"] = [str(Path(p).relative_to(Path(repo) / REPORTS)) for p in f["unnumbered"]]
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown(f, "PATH"))
    out.with_suffix(".json").write_text(json.dumps(f, indent=2))
    return f
