"""JSON API: HTTP in, `assistant` calls, the same JSON as `report-assistant ask --json` out.

    POST /api/ask {"question": "...", "history": [], "report": null}
    GET  /api/reports
    GET  /api/reports/{id}/paragraphs/{n}
    GET  /api/judgements?authority=Bradford&area=overall&grade=inadequate&since=2018
    POST /api/reports (multipart), DELETE /api/reports/{id}: see ui.uploads
"""
from __future__ import annotations

import hmac
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field, field_validator

from assistant.answer import MAX_QUESTION_CHARS, QuestionError
from assistant.judgements import filter_rows, table
from assistant.retrieve import resolve_reports
from ui.guard import answered
from ui.uploads import UploadLimits, build_upload_router


class Message(BaseModel):
    role: str = Field(..., max_length=20)
    content: str = Field(..., max_length=MAX_QUESTION_CHARS * 4)


class AskRequest(BaseModel):
    question: str = Field(..., description="The question, at most 2,000 characters.")
    # strict shapes: anything else is a caller's mistake worth a 422, not silently ignored
    history: list[Annotated[str, Field(max_length=MAX_QUESTION_CHARS)]
                  | Annotated[list[str | None], Field(min_length=1, max_length=2)]
                  | Message] = Field(
        default_factory=list, max_length=50,
        description="Earlier user questions (strings), oldest first; [user, assistant] pairs and "
                    "{role, content} messages also work.")
    report: str | None = Field(None, description="Limit to one report: its id or authority name.")

    @field_validator("question")
    @classmethod
    def _question(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the question is empty")
        if len(value) > MAX_QUESTION_CHARS:
            raise ValueError(f"the question is {len(value):,} characters long; the limit is {MAX_QUESTION_CHARS:,}")
        return value


class Citation(BaseModel):
    report_id: str
    authority: str
    title: str
    paragraph: str
    section: list[str]
    quote: str


class AskResponse(BaseModel):
    answer: str
    citations: list[Citation]
    refused: bool
    mode: str
    timings_ms: dict[str, float]


def paragraph_view(snap, report_id: str, ref: str) -> dict:
    """A cited paragraph in full, with where it sits and what governs it."""
    entry = snap.catalog.get(report_id)
    if entry is None:
        raise HTTPException(404, f"no indexed report has the id {report_id!r}")
    records = snap.paragraph(report_id, ref)
    if not records:
        raise HTTPException(404, f"report {report_id!r} has no paragraph {ref!r}")
    main = next((r for r in records if r.kind != "recommendation"), records[0])
    return {
        "report_id": report_id, "authority": entry.report.authority, "title": entry.report.title,
        "published": entry.report.published, "paragraph": ref, "section": list(main.section),
        "judgement": main.judgement,
        "text": main.text if main.kind != "recommendation" else "",
        "recommendations": [{"text": r.text, "timescale": r.timescale} for r in records if r.kind == "recommendation"],
    }


def build_router(assistant, api_key: str | None, debug: bool = False,
                 uploads: UploadLimits = UploadLimits(), answer_threads: int = 8) -> APIRouter:
    """answer_threads: questions answered at once; the rest wait their turn without a thread."""
    # Answering is mostly Python, so more threads than cores only queue on the GIL, and each
    # numpy or ONNX call that lets it go waits a switch interval to get it back: with 16 clients,
    # two answer threads on two cores served 64 requests/s where forty served 52 (and halved p95).
    answering = anyio.CapacityLimiter(answer_threads)

    def require_key(request: Request) -> None:
        if not api_key:
            return
        given = request.headers.get("x-api-key") or request.headers.get("authorization", "").removeprefix("Bearer ")
        if not given or not hmac.compare_digest(given.encode(), api_key.encode()):
            raise HTTPException(401, "a valid API key is required (header X-API-Key)")

    router = APIRouter(prefix="/api", dependencies=[Depends(require_key)], tags=["api"])

    def respond(body: AskRequest, request: Request) -> dict:
        snap = assistant.retriever.snapshot()
        if body.report and not resolve_reports(snap.catalog, body.report):
            raise HTTPException(404, f"no indexed report matches {body.report!r}")
        try:
            history = [h.model_dump() if isinstance(h, Message) else h for h in body.history]
            answer = assistant.answer(body.question, history=history, report=body.report)
        except QuestionError as exc:
            raise HTTPException(422, str(exc)) from None
        answered("api", answer, body.question, request.client.host if request.client else None, debug)
        return answer.to_json()

    @router.post("/ask", response_model=AskResponse)
    async def ask(body: AskRequest, request: Request) -> dict:
        """Answer a question from the indexed reports, citing paragraph numbers."""
        return await anyio.to_thread.run_sync(respond, body, request, limiter=answering)

    @router.get("/reports")
    def reports() -> list[dict]:
        """The indexed reports."""
        return [{"id": e.report.id, "authority": e.report.authority, "title": e.report.title,
                 "published": e.report.published, "inspection_dates": e.report.inspection_dates,
                 "paragraphs": e.paragraphs,
                 "type": e.report.type, "inspection_start": e.report.inspection_start,
                 "inspection_end": e.report.inspection_end,
                 "judgements": [{"area": j.area, "area_text": j.area_text, "section": j.section, "grade": j.grade,
                                 "word": j.word, "ref": j.ref}
                                for j in e.report.judgements]}
                for e in assistant.retriever.snapshot().catalog.values()]

    @router.get("/reports/{report_id}/paragraphs/{ref}")
    def paragraph(report_id: str, ref: str) -> dict:
        """One paragraph in full: text, section, judgement and any recommendations with deadlines."""
        return paragraph_view(assistant.retriever.snapshot(), report_id, ref)

    @router.get("/judgements")
    def judgements(authority: Annotated[list[str], Query(max_length=100)] = [],  # noqa: B006 - FastAPI's idiom
                   neighbours_of: Annotated[str | None, Query(max_length=100)] = None,
                   area: Annotated[str | None, Query(max_length=40)] = None,
                   grade: Annotated[str | None, Query(max_length=40)] = None,
                   since: Annotated[str | None, Query(max_length=10)] = None,
                   until: Annotated[str | None, Query(max_length=10)] = None,
                   latest: bool = False) -> list[dict]:
        """Every graded judgement of the indexed reports, filtered like `report-assistant judgements`:
        authority (repeatable), neighbours_of, area, grade, since, until, latest."""
        if len(authority) > 200:
            raise HTTPException(422, "at most 200 authorities at once")
        try:
            rows = filter_rows(table(assistant.retriever.snapshot()), authorities=authority,
                               neighbours_of=neighbours_of, area=area, grade=grade, since=since, until=until,
                               latest=latest)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None
        return [r.to_json() for r in rows]

    router.include_router(build_upload_router(assistant, api_key, uploads))
    return router
