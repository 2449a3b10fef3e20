"""The recipes a user would otherwise reach for, scored on the same gold items.

1. langchain-tutorial: RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200) over each
   report's text, langchain-chroma with the same MiniLM embeddings, top 4. A chunk cites every
   paragraph its characters overlap.
2. bm25-paragraphs: BM25 (bm25s' own tokenizer and English stopwords) over whole paragraphs, top 5.
3. dense-paragraphs: MiniLM cosine similarity over whole paragraphs, top 5.

A baseline's "answer" is the text it retrieved and its citations are the paragraphs retrieved;
it never refuses. That is how those recipes are used when bolted onto a chat box.
"""
from __future__ import annotations

import time
import uuid

import numpy as np

from evals.scoring import aggregate, is_across, scope_for, score_item


def _paragraph_units(snap, report_ids):
    """(report_id, ref, text) per citation unit: a paragraph with its bullets."""
    units: dict[tuple[str, str], list[str]] = {}
    for r in snap.records:
        if r.report_id in report_ids:
            units.setdefault((r.report_id, r.ref), []).append(r.text)
    return [(rid, ref, "\n".join(texts)) for (rid, ref), texts in units.items()]


def run_baselines(retriever, items, catalog) -> dict:
    items = [i for i in items if not is_across(i)]  # the recipes retrieve chunks; they have no judgement table
    snap = retriever.snapshot()
    embedder = retriever.embedder
    units = _paragraph_units(snap, set(catalog))
    texts = [u[2] for u in units]
    out = {}

    import bm25s

    bm25 = bm25s.BM25()
    bm25.index(bm25s.tokenize(texts, stopwords="en", show_progress=False), show_progress=False)

    def bm25_search(question, allowed):
        tokens = bm25s.tokenize([question], stopwords="en", show_progress=False)
        if not tokens.ids[0]:
            return []
        scores = _bm25_scores(bm25, tokens)
        order = [i for i in np.argsort(-scores) if allowed[i] and scores[i] > 0]
        return order[:5]

    vectors = embedder.embed(texts)

    def dense_search(question, allowed):
        sims = vectors @ embedder.embed_one(question)
        sims = np.where(allowed, sims, -2.0)
        return [int(i) for i in np.argsort(-sims)[:5]]

    out["bm25-paragraphs"] = _score(items, catalog, units, bm25_search)
    out["dense-paragraphs"] = _score(items, catalog, units, dense_search)
    out["langchain-tutorial"] = _langchain(items, catalog, snap, embedder)
    return out


def _bm25_scores(bm25, tokens) -> np.ndarray:
    # map the query's token strings onto the index vocabulary; unknown words score nothing
    inv = {v: k for k, v in tokens.vocab.items()}
    words = [inv[i] for i in tokens.ids[0]]
    known = [w for w in words if w in bm25.vocab_dict]
    if not known:
        return np.zeros(bm25.scores["num_docs"])
    return np.asarray(bm25.get_scores(known))


def _score(items, catalog, units, search) -> dict:
    scores, latencies = [], []
    report_of = np.array([u[0] for u in units])
    for item in items:
        scope = scope_for(item, catalog)
        if scope is not None and not scope:
            continue
        allowed = np.isin(report_of, list(scope or catalog))
        question = " ".join([*item.history, item.question])
        t0 = time.perf_counter()
        top = search(question, allowed)
        latencies.append((time.perf_counter() - t0) * 1000)
        refs = [units[i][1] for i in top]
        text = "\n".join(units[i][2] for i in top)
        scores.append(score_item(item, text, False, refs, refs))
    return aggregate(scores, latencies)


def _langchain(items, catalog, snap, embedder) -> dict:
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    class _SameMiniLM(Embeddings):
        # the tutorial's HuggingFaceEmbeddings wraps this same model; reusing the loaded copy saves ~7 s
        def embed_documents(self, texts):
            return embedder.embed(list(texts)).tolist()

        def embed_query(self, text):
            return embedder.embed_one(text).tolist()

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200, add_start_index=True)
    docs, spans = [], {}
    for report_id in catalog:
        text, offsets = "", []
        for r in snap.records:
            if r.report_id != report_id:
                continue
            start = len(text)
            text += (f"{r.number}. " if r.number is not None and r.kind == "paragraph" else "") + r.text + "\n\n"
            offsets.append((start, len(text), r.ref))
        spans[report_id] = offsets
        for doc in splitter.create_documents([text], metadatas=[{"report_id": report_id}]):
            docs.append(doc)
    from chromadb.config import Settings

    import chromadb

    client = chromadb.EphemeralClient(settings=Settings(anonymized_telemetry=False))
    store = Chroma(collection_name=f"baseline-{uuid.uuid4().hex[:8]}", embedding_function=_SameMiniLM(),
                   client=client, collection_metadata={"hnsw:space": "cosine"})
    store.add_documents(docs)

    def overlapped(doc) -> list[str]:
        start = doc.metadata["start_index"]
        end = start + len(doc.page_content)
        refs = []
        for s, e, ref in spans[doc.metadata["report_id"]]:
            if s < end and e > start and ref not in refs:
                refs.append(ref)
        return refs

    scores, latencies = [], []
    for item in items:
        scope = scope_for(item, catalog)
        if scope is not None and not scope:
            continue
        ids = list(scope or catalog)
        flt = {"report_id": ids[0]} if len(ids) == 1 else {"report_id": {"$in": ids}}
        question = " ".join([*item.history, item.question])
        t0 = time.perf_counter()
        found = store.similarity_search(question, k=4, filter=flt)
        latencies.append((time.perf_counter() - t0) * 1000)
        refs = []
        for doc in found:
            refs.extend(r for r in overlapped(doc) if r not in refs)
        text = "\n".join(d.page_content for d in found)
        scores.append(score_item(item, text, False, refs, refs))
    client.delete_collection(store._collection.name)
    return aggregate(scores, latencies)

