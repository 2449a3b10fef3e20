"""Adding and removing reports over HTTP, for the page's "Add reports" tab:

    POST   /api/reports        multipart "files": one or more .pdf, .txt or .md reports
    DELETE /api/reports/{id}

Both need the API key; with no key configured they are off (403, saying how to turn them
on), because anyone who can reach the page could otherwise change what everyone reads.

A request is all or nothing: every file is checked (type, size, empty, readable as a
report, no clash with an indexed report) before anything is written, and one bad file
refuses the request with a 4xx whose `detail` is one line naming the file. Writes go
through index.ingest under the index folder's writer lock, so an upload waits for a
running ingest and a killed server leaves no half-written report.

With `Accept: application/x-ndjson` the reply streams progress, one JSON object a line:
{"file", "stage": "embedding", "done", "total"} as paragraphs are embedded, then
{"file", "stage": "added" | "unchanged", "report": audit line}, then {"stage": "done"}.
Otherwise it is one JSON object {"reports": [...]} when all are in.
"""
from __future__ import annotations

import json
import logging
import queue
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from index.audit import audit_line
from index.extract import SUPPORTED
from index.ingest import Ingestor, ingest_lock

log = logging.getLogger("report_assistant.web")
OFF = ("adding reports from the page is off: start the server with REPORT_ASSISTANT_API_KEY set, then give that "
       "key on the page")


@dataclass(frozen=True)
class UploadLimits:
    max_file_mb: float = 20.0
    max_files: int = 10

    def __post_init__(self):
        if not 0 < self.max_file_mb <= 1024:
            raise ValueError(f"the upload size limit must be between 0 and 1024 MB, got {self.max_file_mb:g}")
        if not 1 <= self.max_files <= 100:
            raise ValueError(f"the files-per-upload limit must be between 1 and 100, got {self.max_files}")

    @property
    def max_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def max_body(self) -> int:
        """The request body limit for uploads: every file at its limit, plus multipart framing."""
        return self.max_bytes * self.max_files + 64 * 1024


def build_upload_router(assistant, api_key: str | None, limits: UploadLimits = UploadLimits()) -> APIRouter:
    """Mounted under the /api router, whose dependency already checks the key when one is set."""
    router = APIRouter()

    def store():
        if not api_key:
            raise HTTPException(403, OFF)
        s = assistant.retriever.store
        if s is None:
            raise HTTPException(403, "this server answers from a fixed snapshot; it cannot add reports")
        return s

    @router.post("/reports")
    async def add_reports(request: Request) -> object:
        """Add reports (multipart field `files`). Needs the API key; all files are checked before any is added."""
        target = store()
        form = await request.form(max_files=limits.max_files + 1, max_fields=20)
        uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
        if not uploads:
            raise HTTPException(422, "no files: send one or more reports in the multipart field 'files'")
        if len(uploads) > limits.max_files:
            raise HTTPException(413, f"{len(uploads)} files in one request; the limit is {limits.max_files}")
        folder = Path(tempfile.mkdtemp(prefix=".upload-", dir=target.data_dir))  # beside the index, not /tmp
        try:
            paths = [await _save(upload, folder, n, limits) for n, upload in enumerate(uploads)]
        except HTTPException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        streaming = "application/x-ndjson" in request.headers.get("accept", "")
        # waiting for the writer lock and parsing block: off the event loop
        return await run_in_threadpool(_ingest, target, paths, folder, streaming)

    def _ingest(target, paths: list[Path], folder: Path, streaming: bool):
        lock = ingest_lock(target.data_dir)
        lock.__enter__()  # held from the checks to the last commit; released by the writer below
        try:
            ingestor = Ingestor(target, workers=1)
            todo = ingestor.plan(paths)
            refused = ingestor.result.failed
            if refused:
                where, why = refused[0]
                raise HTTPException(409 if "same id" in why or "same report id" in why else 422,
                                    f"{Path(where).name}: {why}; nothing was added")
        except BaseException:
            lock.__exit__(None, None, None)
            shutil.rmtree(folder, ignore_errors=True)
            raise
        lines = {p.report.id: audit_line(Path(p.report.source), p) for p in todo}
        catalog = target.catalog()
        unchanged = [{"file": catalog[rid].report.source, "stage": "unchanged",
                      "report": _catalog_line(catalog[rid])} for rid in ingestor.result.skipped]
        events: queue.Queue = queue.Queue()

        def write():
            try:
                result = ingestor.commit(todo, on_embedded=lambda rid, done, total: events.put(
                    {"file": next(p.report.source for p in todo if p.report.id == rid),
                     "stage": "embedding", "done": done, "total": total}))
                for rid in result.added:
                    events.put({"file": lines[rid].path, "stage": "added", "report": lines[rid].to_json()})
                for path, why in result.failed:
                    events.put({"file": Path(path).name, "stage": "failed", "detail": why})
                assistant.retriever.refresh()
                log.info("upload: %d added, %d unchanged", len(result.added), len(unchanged))
            except Exception as exc:  # the lock and the per-report commits keep the index whole
                log.warning("upload failed: %s: %s", exc.__class__.__name__, str(exc).splitlines()[0][:200])
                events.put({"stage": "error", "detail": "the reports could not be added: the index did not answer"})
            finally:
                lock.__exit__(None, None, None)
                shutil.rmtree(folder, ignore_errors=True)
                events.put(None)

        threading.Thread(target=write, name="upload", daemon=True).start()

        def stream():
            yield from (json.dumps(e) + "\n" for e in unchanged)
            while (event := events.get()) is not None:
                yield json.dumps(event) + "\n"
            yield json.dumps({"stage": "done"}) + "\n"

        if streaming:
            return StreamingResponse(stream(), media_type="application/x-ndjson")
        results = [json.loads(line) for line in stream()]
        errors = [e for e in results if e["stage"] in ("error", "failed")]
        if errors:
            raise HTTPException(503 if errors[0]["stage"] == "error" else 422, errors[0]["detail"])
        return {"reports": [e for e in results if e["stage"] in ("added", "unchanged")]}

    @router.delete("/reports/{report_id}")
    def remove_report(report_id: str) -> dict:
        """Remove one indexed report. Needs the API key."""
        target = store()
        if not Ingestor(target).remove(report_id):
            raise HTTPException(404, f"no indexed report has the id {report_id!r}")
        assistant.retriever.refresh()
        log.info("upload: removed a report")
        return {"removed": report_id}

    return router


async def _save(upload: UploadFile, folder: Path, n: int, limits: UploadLimits) -> Path:
    """Copy one upload to disk under a safe name that keeps the user's (its date helps the parser)."""
    original = Path(upload.filename or "").name or f"report-{n}"
    name = re.sub(r"[^\w.\- ]", "_", original)[:150]
    if Path(name).suffix.lower() not in SUPPORTED:
        raise HTTPException(415, f"{original}: only PDF, .txt and .md reports can be added")
    path = folder / f"{n:02d}" / name  # a folder each: two uploads may share a name
    path.parent.mkdir()
    size = 0
    with open(path, "wb") as out:
        while chunk := await upload.read(1 << 20):
            size += len(chunk)
            if size > limits.max_bytes:
                raise HTTPException(413, f"{original} is over the {limits.max_file_mb:g} MB limit for one file")
            out.write(chunk)
    if size == 0:
        raise HTTPException(422, f"{original}: the file is empty")
    return path


def _catalog_line(entry) -> dict:
    r = entry.report
    return {"path": r.source, "id": r.id, "authority": r.authority, "type": r.type,
            "inspection_start": r.inspection_start, "inspection_end": r.inspection_end, "published": r.published,
            "paragraphs": entry.paragraphs, "grades": {j.area + (f" ({j.section})" if j.section else ""): j.word
                                                       for j in r.judgements}, "problems": [], "error": ""}
