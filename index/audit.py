"""Parse a batch of report files without indexing them, and say what looks wrong.

    result = audit([Path("new-reports/")])
    result.lines[0] -> AuditLine(path="...", id="bolton-2023-09-15", authority="Bolton", type="ilacs-short",
                                 paragraphs=88, grades={"overall": "Good", ...}, problems=())
    result.problem_count -> 0

What a user runs on a new batch before ingesting it: one line per file, the problems the
parser noticed (index.parse), files that cannot be read, and two files that would get
the same id. Files are parsed in a process pool, one per CPU: each parse is CPU-bound.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from index.extract import SUPPORTED
from index.model import ParsedReport, ParseError


@dataclass(frozen=True)
class AuditLine:
    path: str
    id: str = ""
    authority: str = ""
    type: str = ""
    inspection_start: str = ""
    inspection_end: str = ""
    published: str = ""
    paragraphs: int = 0  # numbered paragraphs, the report's own numbering
    units: int = 0  # everything citable: numbered paragraphs, S-refs, bullets
    grades: dict[str, str] = field(default_factory=dict)  # area key -> grade words
    area_texts: tuple[str, ...] = ()  # the report's words for each judged area
    problems: tuple[str, ...] = ()
    error: str = ""  # why the file cannot be a report at all

    def to_json(self) -> dict:
        data = asdict(self)
        data["problems"] = list(self.problems)
        data["area_texts"] = list(self.area_texts)
        return data


@dataclass
class AuditResult:
    lines: list[AuditLine] = field(default_factory=list)

    @property
    def problem_count(self) -> int:
        return sum(1 for line in self.lines if line.problems or line.error)

    def summary(self) -> dict:
        ok = [line for line in self.lines if not line.error]
        types: dict[str, int] = {}
        for line in ok:
            types[line.type] = types.get(line.type, 0) + 1
        return {"files": len(self.lines), "reports": len(ok), "unreadable": len(self.lines) - len(ok),
                "with_problems": self.problem_count, "authorities": len({line.authority for line in ok}),
                "types": dict(sorted(types.items()))}


def collect_files(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Supported files under the given files and folders, sorted; and paths that do not exist."""
    files, missing = [], []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED and p.is_file()))
        elif path.exists():
            files.append(path)
        else:
            missing.append((str(path), "no such file or folder"))
    return files, missing


def _parse(path: Path) -> ParsedReport | ParseError:
    from index.parse import parse_file

    try:
        return parse_file(path)
    except ParseError as exc:
        return exc


def parse_many(files: list[Path], workers: int | None = None) -> Iterator[tuple[Path, ParsedReport | ParseError]]:
    """Each file's parse (or its ParseError), in the files' order, parsed `workers` at a time."""
    workers = workers or min(len(files), os.cpu_count() or 1)
    if workers <= 1 or len(files) <= 1:
        for path in files:
            yield path, _parse(path)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from zip(files, pool.map(_parse, files, chunksize=1))


def audit_line(path: Path, parsed: ParsedReport | ParseError) -> AuditLine:
    if isinstance(parsed, ParseError):
        return AuditLine(path=str(path), error=parsed.reason)
    r = parsed.report
    return AuditLine(path=str(path), id=r.id, authority=r.authority, type=r.type, inspection_start=r.inspection_start,
                     inspection_end=r.inspection_end, published=r.published,
                     paragraphs=sum(1 for p in parsed.paragraphs if p.number is not None and p.parent is None),
                     units=len({p.ref for p in parsed.paragraphs}),
                     grades={j.area + (f" ({j.section})" if j.section else ""): j.word for j in r.judgements},
                     area_texts=tuple(j.area_text for j in r.judgements),
                     problems=parsed.problems)


def audit(paths: list[Path], on_file: Callable[[AuditLine], None] | None = None,
          workers: int | None = None) -> AuditResult:
    files, missing = collect_files(paths)
    result = AuditResult([AuditLine(path=p, error=reason) for p, reason in missing])
    seen: dict[str, AuditLine] = {}
    for path, parsed in parse_many(files, workers):
        line = audit_line(path, parsed)
        if line.id and line.id in seen:
            # same council, same last inspection day: the same report twice, or one misread
            line = AuditLine(**{**asdict(line), "problems": line.problems + (
                f"the same id as {seen[line.id].path}: only one of them can be indexed",)})
        elif line.id:
            seen[line.id] = line
        result.lines.append(line)
        if on_file:
            on_file(line)
    return result
