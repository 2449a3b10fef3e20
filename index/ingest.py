"""Paths -> reports in the store, skipping unchanged ones by content hash.

    Ingestor(store).run([Path("reports/")]) -> IngestResult(added=[...], skipped=[...], failed=[...])

A bad file never stops the batch: it is reported with its one-line reason.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from index.audit import collect_files
from index.model import ParsedReport, ParseError, Report
from index.parse import parse_file
from index.snapshot import load_snapshot
from index.store import Store


@dataclass
class IngestResult:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # added over an older file of the same report
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    paragraphs: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.paragraphs / self.seconds if self.seconds else 0.0


def clash(new: Report, new_path: str, old: Report) -> str | None:
    """Why `new` must not replace the indexed `old` that has its id, or None when it is the same
    report (a corrected or renamed file of the same inspection)."""
    if (new.type, new.inspection_start) == (old.type, old.inspection_start) or new.source == old.source:
        return None
    return (f"the same id {new.id!r} as the indexed {old.source} ({old.type}, inspected {old.inspection_dates}), "
            f"but this file is {new.type}, inspected {new.inspection_dates}; remove that report first if this "
            f"one replaces it")


class Ingestor:
    def __init__(self, store: Store, on_start: Callable[[int], None] | None = None,
                 on_progress: Callable[[int], None] | None = None,
                 on_report: Callable[[str, int], None] | None = None):
        self.store = store
        self.on_start = on_start
        self.on_progress = on_progress
        self.on_report = on_report

    def run(self, paths: list[Path]) -> IngestResult:
        result = IngestResult()
        files, result.failed = collect_files([Path(p) for p in paths])
        self.store.collect_garbage()
        catalog = self.store.catalog()
        # an unchanged file is recognised by its hash alone, before paying for a parse
        known = {entry.report.sha256: rid for rid, entry in catalog.items()}
        todo: list[ParsedReport] = []
        seen: dict[str, tuple[str, str]] = {}  # report id -> (path, sha256) of the file that claimed it
        for path in files:
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError as exc:
                result.failed.append((str(path), f"cannot read the file ({exc.strerror})"))
                continue
            if digest in known and known[digest] not in seen:
                seen[known[digest]] = (str(path), digest)
                result.skipped.append(known[digest])
                continue
            try:
                parsed = parse_file(path)
            except ParseError as exc:
                result.failed.append((str(path), exc.reason))
                continue
            rid = parsed.report.id
            if rid in seen:
                first, first_digest = seen[rid]
                reason = (f"the same file as {first}; skipped" if first_digest == digest else
                          f"the same report id {rid!r} as {first}, but a different file: not indexed; "
                          f"check which of the two is right with report-assistant audit")
                result.failed.append((str(path), reason))
                continue
            seen[rid] = (str(path), digest)
            if rid in catalog and catalog[rid].report.sha256 != digest:
                why = clash(parsed.report, str(path), catalog[rid].report)
                if why:
                    result.failed.append((str(path), why))
                    continue
                result.replaced.append(rid)
            todo.append(parsed)
        if self.on_start:
            self.on_start(sum(len(p.paragraphs) for p in todo))
        start = time.perf_counter()
        for parsed in todo:
            count = self.store.replace(parsed, on_progress=self.on_progress)
            result.paragraphs += count
            result.added.append(parsed.report.id)
            if self.on_report:
                self.on_report(parsed.report.id, count)
        result.seconds = time.perf_counter() - start
        if todo:
            load_snapshot(self.store, after_ingest=True)  # writes BM25 now, so the first question doesn't pay for it
        return result
