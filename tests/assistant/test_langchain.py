"""The LangChain components over a real index: a retriever whose Documents carry citations, a real
LCEL chain (prompt | chat model | parser) over it, and the assistant as a Runnable. The chat
model is LangChain's fake one: the only part that cannot run here is a remote model."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import RunnablePassthrough

from assistant.langchain import AssistantRunnable, ReportRetriever, format_citations
from assistant.render import Answer
from tests.conftest import MODEL_CACHE, ROOT

SG = "south-gloucestershire-2012-07-06"
HEALTH = "What must happen within three months for health partners?"


class Recorder(BaseCallbackHandler):
    """Keeps the messages each chat model call receives."""

    def __init__(self):
        self.prompts: list[str] = []

    def on_chat_model_start(self, serialized, messages, **kwargs):
        self.prompts += ["\n".join(str(m.content) for m in batch) for batch in messages]


def test_documents_carry_citation_metadata(assistant):
    retriever = ReportRetriever(source=assistant.retriever, k=4, report="South Gloucestershire")
    docs = retriever.invoke(HEALTH)
    assert 1 <= len(docs) <= 4
    assert {d.metadata["report_id"] for d in docs} == {SG}
    first = {d.metadata["paragraph"]: d for d in docs}
    assert "20" in first or "60" in first
    for d in docs:
        assert {"report_id", "authority", "paragraph", "section", "judgement", "timescale", "citation"} <= set(d.metadata)
        assert d.metadata["authority"] == "South Gloucestershire"
        assert d.metadata["citation"] == f"South Gloucestershire 2012, {d.metadata['paragraph']}"
        # the text is the paragraph's own, as the index holds it
        held = assistant.retriever.snapshot().paragraph(SG, d.metadata["paragraph"])
        assert any(d.page_content == r.text for r in held)
    graded = retriever.invoke("What grade did partnership working get?")
    assert any(d.metadata["judgement"] for d in graded)
    assert len(ReportRetriever(source=assistant.retriever, k=2).invoke(HEALTH)) == 2
    with pytest.raises(ValueError, match="atlantis"):
        ReportRetriever(source=assistant.retriever, report="atlantis").invoke(HEALTH)
    with pytest.raises(ValueError):
        ReportRetriever(source=assistant.retriever, k=0)


def test_an_lcel_chain_over_the_retriever_sends_cited_paragraphs_to_the_model(assistant):
    retriever = ReportRetriever(source=assistant.retriever, k=3, report=SG)
    prompt = ChatPromptTemplate.from_messages([
        ("system", "Answer only from the paragraphs below and cite them by their [label].\n\n{context}"),
        ("human", "{question}"),
    ])
    model = FakeListChatModel(responses=["Health partners must act within three months [South Gloucestershire "
                                         "2012, 20]."])
    chain = {"context": retriever | format_citations, "question": RunnablePassthrough()} | prompt | model | \
        StrOutputParser()
    recorder = Recorder()
    out = chain.invoke(HEALTH, config={"callbacks": [recorder]})
    assert out.startswith("Health partners must act")
    assert len(recorder.prompts) == 1
    sent = recorder.prompts[0]
    labels = re.findall(r"\[(South Gloucestershire 2012, \w+)\]", sent)
    assert len(labels) == 3, sent[:500]
    expected = [f"South Gloucestershire 2012, {d.metadata['paragraph']}" for d in retriever.invoke(HEALTH)]
    assert labels == expected
    # each label is followed by that paragraph's text
    snap = assistant.retriever.snapshot()
    for label in labels:
        ref = label.rsplit(", ", 1)[1]
        assert any(r.text[:80] in sent for r in snap.paragraph(SG, ref))


def test_the_assistant_as_a_runnable_invokes_batches_and_streams(assistant):
    runnable = AssistantRunnable(assistant, report=SG)
    answer = runnable.invoke("What grade did partnership working get?")
    assert isinstance(answer, Answer) and [c.paragraph for c in answer.citations] == ["51"]
    batch = runnable.batch(["What grade did partnership working get?", HEALTH])
    assert [c.paragraph for c in batch[0].citations] == ["51"]
    assert {"20", "60"} <= {c.paragraph for c in batch[1].citations}
    chunks = list(runnable.stream({"question": "and immediately?", "history": [HEALTH]}))
    assert chunks and isinstance(chunks[-1], Answer) and not chunks[-1].refused
    assert {c.paragraph for c in chunks[-1].citations} == {"20", "60"}
    with pytest.raises(TypeError):
        runnable.invoke(42)
    # it composes like any Runnable
    assert (runnable | (lambda a: a.citations[0].paragraph)).invoke("What grade did partnership working get?") == "51"


def test_the_readme_example_runs_as_written(sample_store, tmp_path):
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## LangChain"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    script = tmp_path / "example.py"
    script.write_text(code)
    env = dict(os.environ, REPORT_ASSISTANT_DATA=str(sample_store.data_dir),
               REPORT_ASSISTANT_MODEL_CACHE=str(MODEL_CACHE), PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=300,
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "[South Gloucestershire 2012, 51]" in out.stdout or "51" in out.stdout
