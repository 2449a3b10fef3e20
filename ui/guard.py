"""What stands between the network and the assistant: body size, request rate, and the log.

    app.add_middleware(RateLimit, per_minute=60)    # 429 + Retry-After past 60 requests a minute
    app.add_middleware(BodyLimit, limit=64 * 1024)  # 413 before a large body is parsed
    answered(log, "api", answer, question, client="10.1.2.3", debug=False)

Both middlewares are plain ASGI so they run before FastAPI or Gradio parse anything.
"""
from __future__ import annotations

import json
import logging
import math
import time

log = logging.getLogger("report_assistant.web")

# What costs an answer: the JSON API, and the Gradio page's event submissions.
_LIMITED_PREFIXES = ("/api/", "/gradio_api/queue/join", "/gradio_api/run/", "/gradio_api/call/")


async def _reply(send, status: int, detail: str, headers: tuple = ()) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *headers]})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuse /api request bodies over `limit` bytes with 413, counting chunked bodies as they arrive.
    `wider`: (method, path) -> a larger limit, for the upload route."""

    def __init__(self, app, limit: int, wider: dict[tuple[str, str], int] | None = None):
        self.app, self.limit, self.wider = app, limit, wider or {}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope["path"].startswith("/api"):
            return await self.app(scope, receive, send)
        limit = self.wider.get((scope["method"], scope["path"].rstrip("/")), self.limit)
        if limit != self.limit:
            return await self._bounded(scope, receive, send, limit)
        too_large = f"the request body is over {self.limit // 1024} KB"
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared and declared.isdigit() and int(declared) > self.limit:
            return await _reply(send, 413, too_large)
        seen = 0
        chunks = []
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return
            seen += len(message.get("body", b""))
            if seen > self.limit:
                return await _reply(send, 413, too_large)
            chunks.append(message)
            more = message.get("more_body", False)

        async def replay():
            return chunks.pop(0) if chunks else {"type": "http.disconnect"}

        return await self.app(scope, replay, send)

    async def _bounded(self, scope, receive, send, limit: int):
        """An upload: streamed through (not held in memory), cut off with 413 past `limit`."""
        too_large = f"the upload is over {limit // (1024 * 1024)} MB in total"
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            return await _reply(send, 413, too_large)
        seen = 0

        async def counted():
            # a body without a length that runs past the limit: read no further (the request fails
            # as a disconnected client, before anything is written)
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    return {"type": "http.disconnect"}
            return message

        return await self.app(scope, counted, send)


class RateLimit:
    """A token bucket per client address: `per_minute` requests, refilled evenly, then 429.

    Runs on the event loop's one thread, so the buckets need no lock. The address is
    uvicorn's view of the client: X-Forwarded-For when a proxy it trusts (by default only
    127.0.0.1) sends one, so a proxy on this machine gets a limit per user.
    """

    def __init__(self, app, per_minute: int, max_clients: int = 10_000):
        if per_minute < 1:
            raise ValueError(f"per_minute must be >= 1, got {per_minute}")
        self.app = app
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0  # tokens a second
        self.max_clients = max_clients
        self.buckets: dict[str, tuple[float, float]] = {}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope["path"].startswith(_LIMITED_PREFIXES) or scope["method"] == "OPTIONS":
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("unknown", 0))[0]
        now = time.monotonic()
        tokens, then = self.buckets.get(client, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - then) * self.rate)
        if tokens < 1:
            self.buckets[client] = (tokens, now)
            wait = max(1, math.ceil((1 - tokens) / self.rate))
            log.warning("rate limit: %s refused (%d requests a minute)", client, int(self.capacity))
            return await _reply(send, 429, f"too many requests: at most {int(self.capacity)} a minute from one "
                                           f"client; try again in {wait} s", ((b"retry-after", str(wait).encode()),))
        self.buckets[client] = (tokens - 1, now)
        if len(self.buckets) > self.max_clients:
            self._forget_idle(now)
        return await self.app(scope, receive, send)

    def _forget_idle(self, now: float) -> None:
        # a bucket that would be full again carries no information
        full_after = self.capacity / self.rate
        for client, (_, then) in list(self.buckets.items()):
            if now - then >= full_after:
                del self.buckets[client]


def answered(channel: str, answer, question: str, client: str | None, debug: bool) -> None:
    """One log line per answer. Questions can name children or staff, so their text is
    logged only when debugging is switched on."""
    cited = ",".join(sorted({c.paragraph for c in answer.citations})) or "-"
    total = answer.timings.get("total_ms", 0.0)
    line = (f"{channel} answer: client={client or '-'} mode={answer.mode} refused={answer.refused} "
            f"cited={cited} chars={len(question)} ms={total:.0f}")
    if debug:
        line += f" question={question!r}"
    log.info(line)
