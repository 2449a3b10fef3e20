"""Optional LLM generation through LangChain, with every citation checked in code.

    gen = Generator(ChatOpenAI(base_url="http://gpu-host:8000/v1", model="qwen2.5-7b-instruct"))
    Assistant(retriever, generator=gen).answer("what must happen within three months for health partners?")

The model sees only the retrieved paragraphs, each under the label an answer must cite.
Labels it writes that were not supplied are removed and counted; if no valid citation
is left, the extractive answer is returned instead and says so. LangChain types stay
in this module.

Report text is untrusted: it goes, escaped, inside the <report_paragraphs> block of the
user message, so a paragraph can neither close that block nor pose as the question; the
rules are the system message and the user's words come after the block.

Every model call runs against a deadline (`timeout` seconds per answer, condensing
included). An endpoint that fails or is too slow costs the user nothing but the wait:
the caller gets the extractive answer, marked as such.
"""
from __future__ import annotations

import html
import queue
import re
import threading
import time
from dataclasses import replace
from typing import Callable, Iterator

import prompts
from assistant.render import REFUSAL, Answer, Citation
from assistant.facts import sentences
from index.snapshot import Snapshot

CITATION = re.compile(r"\[([^\[\]]{1,60})\]")
FALLBACK_NOTE = ("(The language model's answer could not be checked against the reports, so this is the "
                 "extractive answer.)")


class GenerationTimeout(TimeoutError):
    """The model did not finish before the answer's deadline."""


def _before(deadline: float, produce: Callable[[], Iterator]) -> Iterator:
    """Items from `produce()`, run on a worker thread, until `deadline` (time.monotonic()).

    A blocking HTTP read cannot be interrupted from here, so the worker is abandoned
    rather than joined when time runs out; it stops at its next item or its own timeout.
    """
    items: queue.Queue = queue.Queue()
    done, abandoned = object(), threading.Event()

    def work():
        try:
            for item in produce():
                if abandoned.is_set():
                    return
                items.put(item)
            items.put(done)
        except BaseException as exc:  # handed to the caller's thread
            items.put(exc)

    threading.Thread(target=work, daemon=True, name="llm-call").start()
    while True:
        try:
            item = items.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            abandoned.set()
            raise GenerationTimeout("the language model did not answer in time") from None
        if item is done:
            return
        if isinstance(item, BaseException):
            raise item
        yield item


def chat_model_from_settings(settings):
    """An OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp server, Azure) or a local GGUF file."""
    if settings.llm_gguf:
        try:
            from langchain_community.chat_models import ChatLlamaCpp
        except ImportError as exc:
            raise ValueError("a GGUF model needs the [llm] extra: pip install -e '.[llm]'") from exc
        # rope_freq_base=0 keeps the model's own rope frequency (ChatLlamaCpp overrides it
        # otherwise, which garbles Qwen2.5 output); n_batch=512 as those models expect.
        return ChatLlamaCpp(model_path=settings.llm_gguf, rope_freq_base=0, n_batch=512, n_ctx=8192,
                            temperature=0, max_tokens=700, verbose=False)
    if not settings.llm_base_url:
        raise ValueError("LLM mode needs --llm-url (an OpenAI-compatible endpoint) or --llm-gguf (a local model)")
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(base_url=settings.llm_base_url, model=settings.llm_model or "default",
                      api_key=settings.llm_api_key or "not-needed", temperature=0, max_tokens=700,
                      timeout=settings.llm_timeout, max_retries=1)


class Generator:
    def __init__(self, chat_model, context_size: int = 8, timeout: float = 30.0):
        if context_size < 1:
            raise ValueError(f"context_size must be >= 1, got {context_size}")
        if not timeout > 0:
            raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
        self.chat_model = chat_model
        self.context_size = context_size
        self.timeout = timeout
        self.system = prompts.load("system")
        self.answer_prompt = prompts.load("answer")
        self.condense_prompt = prompts.load("condense")

    def _messages(self, system: str, user: str):
        from langchain_core.messages import HumanMessage, SystemMessage

        return [SystemMessage(content=system), HumanMessage(content=user)]

    def deadline(self) -> float:
        """When an answer started now must be finished by (time.monotonic())."""
        return time.monotonic() + self.timeout

    def condense(self, question: str, turns: list[str], deadline: float | None = None) -> str:
        """Follow-up + earlier questions -> a standalone question (one short model call)."""
        history = "\n".join(f"- {t}" for t in turns)
        messages = self._messages("You rewrite follow-up questions. Reply with the question only.",
                                  self.condense_prompt.render(history=history, question=question))
        [reply] = list(_before(deadline or self.deadline(), lambda: iter([self.chat_model.invoke(messages)])))
        text = str(reply.content).strip()
        text = text.splitlines()[0].strip() if text else ""
        return text if 3 < len(text) < 500 else question

    def messages(self, question: str, hits, snap: Snapshot, extractive: Answer):
        """The chat messages for an answer, and the citation labels they supply."""
        many = len(snap.catalog) > 1
        supplied: dict[str, tuple] = {}
        blocks = []
        # the structured evidence the extractive answer used comes first, then the other hits
        records = [snap.paragraph(c.report_id, c.paragraph)[0] for c in extractive.citations]
        records += [snap.records[snap.position[h.record_id]] for h in hits]
        for record in records:
            report = snap.catalog[record.report_id].report
            label = f"{report.short_name()}, {record.ref}" if many else record.ref
            if label in supplied:
                continue
            if len(supplied) >= self.context_size:
                break
            text = "\n".join(r.text if r.kind != "recommendation" else f"- ({r.timescale or 'no deadline'}) {r.text}"
                             for r in snap.paragraph(record.report_id, record.ref))
            supplied[label] = (report, record)
            source = f"{report.authority}, {' > '.join(record.section)}"
            blocks.append(f'<paragraph cite="[{_attr(label)}]" source="{_attr(source)}">\n'
                          f"{html.escape(text, quote=False)}\n</paragraph>")
        messages = self._messages(self.system.render(refusal=REFUSAL),
                                  self.answer_prompt.render(context="\n".join(blocks), question=question))
        return messages, supplied

    def stream(self, question: str, turns: list[str], hits, snap: Snapshot, extractive: Answer,
               deadline: float | None = None) -> Iterator[Answer]:
        messages, supplied = self.messages(question, hits, snap, extractive)
        text = ""
        for chunk in _before(deadline or self.deadline(), lambda: self.chat_model.stream(messages)):
            text += str(chunk.content)
            yield replace(extractive, text=text, citations=(), mode="llm-partial")
        yield self.check(html.unescape(text), supplied, extractive)

    def check(self, text: str, supplied: dict[str, tuple], extractive: Answer) -> Answer:
        """Keep only citations of supplied paragraphs; fall back to the extractive answer if none remain."""
        text = text.strip()
        if text.startswith(REFUSAL) or (not CITATION.search(text) and "can't find" in text.lower()):
            return replace(extractive, text=REFUSAL, citations=(), refused=True, mode="llm",
                           notes=("the model found no answer in the paragraphs",))
        valid, invalid = [], 0

        def keep(m: re.Match) -> str:
            nonlocal invalid
            label = " ".join(m.group(1).split())
            if label in supplied:
                if label not in valid:
                    valid.append(label)
                return f"[{label}]"
            invalid += 1
            return ""

        cleaned = re.sub(r"[ \t]+([.,;])", r"\1", CITATION.sub(keep, text)).strip()
        notes = (f"removed {invalid} citation(s) of paragraphs the model was not given",) if invalid else ()
        if not valid:
            return replace(extractive, text=f"{extractive.text}\n\n{FALLBACK_NOTE}", mode="llm-fallback",
                           notes=extractive.notes + notes + ("no valid citation in the model's answer",))
        citations = []
        for label in valid:
            report, record = supplied[label]
            quote = _supporting_sentence(cleaned, label, record.text)
            citations.append(Citation(report_id=report.id, authority=report.authority, title=report.title,
                                      paragraph=record.ref, section=record.section, quote=quote, label=label))
        return replace(extractive, text=cleaned, citations=tuple(citations), mode="llm", notes=notes)


def _attr(value: str) -> str:
    return html.escape(" ".join(value.split()), quote=True)


def _supporting_sentence(answer: str, label: str, paragraph: str) -> str:
    """The paragraph sentence sharing most words with the answer's sentence that cites `label`."""
    claim = next((s for s in sentences(answer) if f"[{label}]" in s), answer)
    words = set(re.findall(r"[a-z]{4,}", claim.lower()))
    return max(sentences(paragraph) or [paragraph], key=lambda s: len(words & set(re.findall(r"[a-z]{4,}", s.lower()))))
