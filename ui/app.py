"""One FastAPI app: the Gradio chat page at /, the JSON API at /api, the widget, health.

    app = create_app(build_assistant(settings), WebSettings(allowed_origins=("https://intranet.example",)))
    uvicorn.run(app, host="127.0.0.1", port=7860)

The UI is thin: it turns HTTP and Gradio events into `assistant` calls and back.
"""
from __future__ import annotations

import html
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import index  # noqa: F401  - offline and no analytics before gradio is imported
import gradio as gr
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse

from index.store import StoreUnavailable
from ui.api import build_router, paragraph_view
from ui.guard import BodyLimit, RateLimit
from ui.page import build_page, page_assets
from ui.uploads import UploadLimits

log = logging.getLogger("report_assistant.web")

STATIC = Path(__file__).with_name("static")
MAX_BODY = 64 * 1024
UNAVAILABLE = "the report index is unavailable right now (its database is not answering); try again shortly"


@dataclass(frozen=True)
class WebSettings:
    allowed_origins: tuple[str, ...] = ()  # CORS: none by default
    api_key: str | None = None
    concurrency: int = 8  # Gradio's queue serves one request at a time unless told otherwise
    # API questions answered at once. None: one per CPU for extractive answers (CPU-bound), and
    # `concurrency` with a language model (each mostly waits on the endpoint)
    answer_threads: int | None = None
    rate_limit: int = 60  # requests a minute per client address; 0 turns the limit off
    debug: bool = False  # log question text (off: questions can name children and staff)
    uploads: UploadLimits = UploadLimits()  # adding reports from the page (only with an api_key)

    def __post_init__(self):
        if self.concurrency < 1:
            raise ValueError(f"concurrency must be >= 1, got {self.concurrency}")
        if self.answer_threads is not None and self.answer_threads < 1:
            raise ValueError(f"answer_threads must be >= 1, got {self.answer_threads}")
        if self.rate_limit < 0:
            raise ValueError(f"rate_limit must be >= 0 (0 = off), got {self.rate_limit}")
        for origin in self.allowed_origins:
            if origin != "*" and "://" not in origin:
                raise ValueError(f"an allowed origin looks like https://host[:port], got {origin!r}")


def create_app(assistant, web: WebSettings = WebSettings()) -> FastAPI:
    app = FastAPI(title="report-assistant", version="0.1.0",
                  description="Answers questions about Ofsted inspection reports, citing paragraph numbers.")

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        message = str(first.get("msg", "invalid request")).removeprefix("Value error, ")
        if first.get("type") == "json_invalid":
            where, message = "", "the body is not valid JSON"
        return JSONResponse({"detail": f"{where}: {message}" if where else message}, status_code=422)

    @app.exception_handler(StoreUnavailable)
    async def _store_down(request: Request, exc: StoreUnavailable):
        # the cause (with the server's address) goes to the log, not to whoever asked
        log.warning("index unavailable: %s", exc)
        return JSONResponse({"detail": UNAVAILABLE}, status_code=503, headers={"Retry-After": "5"})

    threads = web.answer_threads or (web.concurrency if assistant.mode == "llm" else os.cpu_count() or 1)
    app.include_router(build_router(assistant, web.api_key, web.debug, web.uploads, answer_threads=threads))

    @app.get("/healthz", tags=["ops"])
    def healthz() -> JSONResponse:
        """Liveness for load balancers: counts only, no paths or versions."""
        snap = assistant.retriever.snapshot()
        assistant.retriever.store.fingerprint()  # server mode: is Chroma answering right now?
        return JSONResponse({"status": "ok", "reports": len(snap.catalog), "paragraphs": len(snap.records),
                             "mode": assistant.mode})

    @app.get("/ui/paragraph/{report_id}/{ref}", include_in_schema=False)
    def page_paragraph(report_id: str, ref: str) -> dict:
        # the chat page's side panel; the page itself is open, so this is not behind the API key
        return paragraph_view(assistant.retriever.snapshot(), report_id, ref)

    @app.get("/widget.js", include_in_schema=False)
    def widget_js() -> FileResponse:
        return FileResponse(STATIC / "widget.js", media_type="text/javascript",
                            headers={"Cache-Control": "no-cache"})

    @app.get("/widget/demo", include_in_schema=False, response_class=HTMLResponse)
    def widget_demo(request: Request) -> str:
        origin = f"{request.url.scheme}://{request.url.netloc}"
        note = ("This server requires an API key: add data-api-key=\"…\" to the tag on your own page."
                if web.api_key else "No API key is configured on this server.")
        return (STATIC / "demo.html").read_text().replace("__ORIGIN__", html.escape(origin)).replace(
            "__KEY_NOTE__", note)

    # Outermost last: CORS wraps everything so refusals (413, 429) still reach a widget on an
    # allowed origin readably. None allowed unless configured (Gradio adds its own permissive
    # policy when the parent app has none, so we always install ours).
    if web.rate_limit:
        app.add_middleware(RateLimit, per_minute=web.rate_limit)
    app.add_middleware(BodyLimit, limit=MAX_BODY, wider={("POST", "/api/reports"): web.uploads.max_body})
    app.add_middleware(CORSMiddleware, allow_origins=list(web.allowed_origins), allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type", "X-API-Key", "Authorization"], expose_headers=["Retry-After"],
                       max_age=600)

    page = build_page(assistant, web.debug, uploads=web.uploads if web.api_key else None).queue(
        default_concurrency_limit=web.concurrency)
    css, js = page_assets()
    theme = gr.themes.Default(font=["Arial", "Helvetica", "sans-serif"], font_mono=["Menlo", "monospace"])
    return gr.mount_gradio_app(app, page, path="/", theme=theme, css=css, js=js, footer_links=[],
                               ssr_mode=False, pwa=False, mcp_server=False)
