"""LangChain components over the assistant, for people who build their own chains.

    from assistant.config import Settings, build_assistant
    from assistant.langchain import ReportRetriever, AssistantRunnable

    helper = build_assistant(Settings.from_env())
    retriever = ReportRetriever(source=helper.retriever, k=4, report="Medway 2013")
    retriever.invoke("what must happen within three months?")
    -> [Document(page_content="...", metadata={"report_id": "medway-2013-07-19", "authority": "Medway",
                                                "paragraph": "14", "section": "...", "judgement": "",
                                                "timescale": "Within three months", "citation": "Medway 2013, 14"})]

    AssistantRunnable(helper).invoke("what grade did partnership working get?")  -> Answer(...)
    AssistantRunnable(helper).batch([...]); AssistantRunnable(helper).stream("...")

The retriever is the assistant's own hybrid search (dense + BM25 + the reports' structure),
not a vector store lookup, so a chain built on it cites the paragraphs our answers cite.
LangChain types stay in this module: the rest of the assistant never sees them.
"""
from __future__ import annotations

from typing import Any, Iterator

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableConfig
from pydantic import ConfigDict, Field, field_validator

from assistant.render import Answer, labels


class ReportRetriever(BaseRetriever):
    """Paragraphs of the indexed reports as Documents carrying their citation metadata."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    source: Any = Field(description="an assistant.retrieve.Retriever")
    k: int = 5
    report: str | list[str] | None = Field(None, description="limit to reports: an id, an authority or 'Medway 2013'")

    @field_validator("k")
    @classmethod
    def _positive(cls, value: int) -> int:
        if value < 1:
            raise ValueError(f"k must be >= 1, got {value}")
        return value

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        snap = self.source.snapshot()
        if self.report:
            from assistant.retrieve import resolve_reports

            if not resolve_reports(snap.catalog, self.report):
                raise ValueError(f"no indexed report matches {self.report!r}")
        names = labels(snap)
        docs = []
        for hit in self.source.search(query, report=self.report, k=self.k):
            report = snap.catalog[hit.report].report
            docs.append(Document(page_content=hit.text, id=hit.record_id or None, metadata={
                "report_id": hit.report, "authority": report.authority, "title": report.title,
                "published": report.published, "paragraph": hit.paragraph, "section": " > ".join(hit.section),
                "judgement": hit.judgement or "", "timescale": hit.timescale or "", "kind": hit.kind,
                "score": round(float(hit.score), 4),
                # how our answers cite it when several reports are indexed
                "citation": f"{names.get(hit.report, report.authority)}, {hit.paragraph}",
            }))
        return docs


class AssistantRunnable(Runnable[Any, Answer]):
    """The whole assistant as a Runnable: a question (or {"question", "history", "report"}) in, an
    `Answer` out. `.stream` yields partial answers in LLM mode and ends with the checked one."""

    def __init__(self, assistant, report: str | list[str] | None = None):
        self.assistant = assistant
        self.report = report

    def invoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Answer:
        return self._call_with_config(self._answer, input, config)

    def stream(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Iterator[Answer]:
        question, history, report = self._inputs(input)
        yield from self.assistant.stream(question, history=history, report=report)

    def _answer(self, input: Any) -> Answer:
        question, history, report = self._inputs(input)
        return self.assistant.answer(question, history=history, report=report)

    def _inputs(self, input: Any) -> tuple[str, list, str | list[str] | None]:
        if isinstance(input, str):
            return input, [], self.report
        if isinstance(input, dict) and isinstance(input.get("question"), str):
            return input["question"], list(input.get("history") or []), input.get("report", self.report)
        raise TypeError("input must be a question string or a dict with a 'question' string")


def format_citations(docs: list[Document]) -> str:
    """Documents -> "[Medway 2013, 14] text" lines: a context block whose labels a model can cite."""
    return "\n\n".join(f"[{d.metadata['citation']}] {d.page_content}" for d in docs)


__all__ = ["AssistantRunnable", "ReportRetriever", "format_citations"]
