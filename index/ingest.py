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

from index.extract import SUPPORTED
from index.model import ParsedReport, ParseError
from index.parse import parse_file
from index.snapshot import load_snapshot
from index.store import Store


@dataclass
class IngestResult:
    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    paragraphs: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.paragraphs / self.seconds if self.seconds else 0.0


def collect_files(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    files, missing = [], []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED and p.is_file()))
        elif path.exists():
            files.append(path)
        else:
            missing.append((str(path), "no such file or folder"))
    return files, missing


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
        # an unchanged file is recognised by its hash alone, before paying for a parse
        known = {entry.report.sha256: rid for rid, entry in self.store.catalog().items()}
        todo: list[ParsedReport] = []
        seen: dict[str, str] = {}
        for path in files:
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError as exc:
                result.failed.append((str(path), f"cannot read the file ({exc.strerror})"))
                continue
            if digest in known and known[digest] not in seen:
                seen[known[digest]] = str(path)
                result.skipped.append(known[digest])
                continue
            try:
                parsed = parse_file(path)
            except ParseError as exc:
                result.failed.append((str(path), exc.reason))
                continue
            rid = parsed.report.id
            if rid in seen:
                result.failed.append((str(path), f"same report id {rid!r} as {seen[rid]}; skipped"))
                continue
            seen[rid] = str(path)
            if self.store.is_current(parsed.report):
                result.skipped.append(rid)
            else:
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
