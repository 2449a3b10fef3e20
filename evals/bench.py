"""Benchmarks, measured with repetition (medians and p95), never as timed tests.

    report-assistant bench --runs 5          # writes evals/bench/bench.json and bench.md

- warm answer() latency over the gold questions
- cold `report-assistant ask` wall time (a new process each run)
- ingest throughput over the sample reports, cold and re-run, plus index size and BM25 load cost
- the web API under 16 concurrent clients for 60 s: requests/s, p50/p95, errors, server memory before and after
- peak memory (resident set) of the ask and serve processes
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from evals.scoring import default_gold_files, load_gold, percentile, scope_for

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared" / "reports").resolve()
COLD_QUESTION = "What must happen within three months for health partners?"


def _cli(*args, env=None, timeout=900):
    return subprocess.run([sys.executable, "-m", "ui.cli", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def _env(data_dir: Path) -> dict:
    return dict(os.environ, REPORT_ASSISTANT_DATA=str(data_dir))


def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _summary(values: list[float]) -> dict:
    return {"median": round(statistics.median(values), 2), "p95": round(percentile(values, 95), 2),
            "min": round(min(values), 2), "max": round(max(values), 2), "runs": len(values)}


def _memory_mb(pid: int, field: str = "VmRSS") -> float:
    """A process's memory from /proc: VmRSS (resident now) or VmHWM (resident at its peak)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


def _peak_rss_mb(pid: int) -> float:
    return _memory_mb(pid, "VmHWM")


def bench_parse(runs: int, reports_dir: Path) -> dict:
    """Parsing alone: every sample report, text and PDF, into paragraphs."""
    from index.parse import parse_file

    files = sorted(reports_dir.glob("*.pdf")) + sorted(reports_dir.glob("*.txt"))
    seconds, paragraphs = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        paragraphs = sum(len(parse_file(f).paragraphs) for f in files)
        seconds.append(time.perf_counter() - t0)
    return {"reports": len(files), "paragraphs": paragraphs, "seconds": _summary(seconds)}


def bench_ingest(runs: int, reports_dir: Path, work: Path) -> dict:
    files = sorted(reports_dir.glob("*.pdf")) + sorted(reports_dir.glob("*.txt"))
    cold, rerun, sizes = [], [], []
    paragraphs = 0
    for n in range(runs):
        data = work / f"ingest-{n}"
        t0 = time.perf_counter()
        out = _cli("ingest", *map(str, files), env=_env(data))
        elapsed = time.perf_counter() - t0
        if out.returncode not in (0, 1):
            raise RuntimeError(out.stderr[-500:])
        paragraphs = sum(int(line.split("(")[1].split()[0]) for line in out.stdout.splitlines()
                         if line.strip().startswith("added"))
        cold.append(paragraphs / elapsed)
        t0 = time.perf_counter()
        _cli("ingest", *map(str, files), env=_env(data))
        rerun.append(paragraphs / (time.perf_counter() - t0))
        sizes.append(_dir_size(data))
        if n < runs - 1:
            shutil.rmtree(data, ignore_errors=True)
    last = work / f"ingest-{runs - 1}"
    from index.embed import Embedder
    from index.snapshot import load_snapshot
    from index.store import Store

    store = Store(last, Embedder())
    loads = [load_snapshot(store).load_ms for _ in range(runs)]
    return {"reports": len(files), "paragraphs": paragraphs,
            "cold_paragraphs_per_s": _summary(cold), "rerun_paragraphs_per_s": _summary(rerun),
            "index_size_mb": round(statistics.median(sizes) / 1e6, 1),
            "bm25_size_mb": round(_dir_size(last / "bm25") / 1e6, 2),
            "snapshot_load_ms": {"chroma_ms": _summary([x["chroma_ms"] for x in loads]),
                                 "bm25_ms": _summary([x["bm25_ms"] for x in loads])},
            "data_dir": str(last)}


def bench_answers(runs: int, data: Path) -> dict:
    from assistant.config import Settings, build_assistant

    assistant = build_assistant(Settings(data_dir=data))
    items = [i for i in load_gold(default_gold_files())]
    catalog = assistant.retriever.snapshot().catalog
    assistant.answer("warm up")
    p50s, p95s, everything = [], [], []
    r50s, r95s = [], []
    for _ in range(runs):
        times, retrieval = [], []
        for item in items:
            scope = scope_for(item, catalog)
            if scope is not None and not scope:
                continue
            t0 = time.perf_counter()
            assistant.retriever.search(item.question, report=scope)
            t1 = time.perf_counter()
            assistant.answer(item.question, history=list(item.history), report=scope)
            times.append((time.perf_counter() - t1) * 1000)
            retrieval.append((t1 - t0) * 1000)
        p50s.append(percentile(times, 50))
        p95s.append(percentile(times, 95))
        r50s.append(percentile(retrieval, 50))
        r95s.append(percentile(retrieval, 95))
        everything += times
    return {"questions": len(everything) // runs, "p50_ms": _summary(p50s), "p95_ms": _summary(p95s),
            "retrieval_p50_ms": _summary(r50s), "retrieval_p95_ms": _summary(r95s),
            "all_runs_p50_ms": round(percentile(everything, 50), 1),
            "all_runs_p95_ms": round(percentile(everything, 95), 1)}


def bench_cold_ask(runs: int, data: Path) -> dict:
    walls, rss = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "ui.cli", "ask", COLD_QUESTION, "--json"],
                                env=_env(data), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        peak = 0.0
        while proc.poll() is None:
            peak = max(peak, _peak_rss_mb(proc.pid))
            time.sleep(0.05)
        walls.append(time.perf_counter() - t0)
        rss.append(peak)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr.read().decode()[-500:])
    return {"wall_s": _summary(walls), "peak_rss_mb": _summary(rss)}


def load(url: str, questions: list[str], clients: int, seconds: float, max_requests: int = 100_000,
         timeout: float = 60) -> dict:
    """`clients` threads POSTing /api/ask back to back for `seconds` (or `max_requests` in all).

    Only a loopback URL is accepted: this is a load generator, and it stays on this machine.
    """
    import httpx
    from urllib.parse import urlparse

    if urlparse(url).hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError(f"load() only targets this machine, got {url}")
    latencies, errors, lock = [], [], threading.Lock()
    stop = time.monotonic() + seconds
    budget = iter(range(max_requests))

    def client(n: int):
        with httpx.Client(timeout=timeout) as http:
            k = n
            while time.monotonic() < stop:
                with lock:
                    if next(budget, None) is None:
                        return
                q = questions[k % len(questions)]
                k += clients
                t0 = time.perf_counter()
                try:
                    r = http.post(f"{url}/api/ask", json={"question": q})
                    failure = None if r.status_code == 200 else f"HTTP {r.status_code}"
                except httpx.HTTPError as exc:
                    failure = exc.__class__.__name__
                with lock:
                    if failure:
                        errors.append(failure)
                    else:
                        latencies.append((time.perf_counter() - t0) * 1000)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return {"clients": clients, "seconds": round(elapsed, 1), "requests": len(latencies),
            "requests_per_s": round(len(latencies) / elapsed, 1), "errors": len(errors),
            "error_kinds": sorted(set(errors)),
            "p50_ms": round(percentile(latencies, 50), 1) if latencies else None,
            "p95_ms": round(percentile(latencies, 95), 1) if latencies else None}


def bench_web(data: Path, clients: int = 16, seconds: float = 60.0, runs: int = 3) -> dict:
    """The web API under load, with the server's memory before and after; a fresh server per run.

    The server runs with its rate limit off: every client here shares 127.0.0.1, and the
    point is throughput; the limit itself is tested in tests/ui/test_ops.py.
    """
    from evals.serve import start_server

    questions = [i.question for i in load_gold(default_gold_files()) if i.answerable and not i.history]
    per_run = []
    for _ in range(runs):
        url, proc = start_server(data, args=("--rate-limit", "0"))
        try:
            idle_mb = _memory_mb(proc.pid)
            load(url, questions, clients, 5)  # warm-up: first-use allocations are not growth
            start_mb = _memory_mb(proc.pid)
            result = load(url, questions, clients, seconds)
            end_mb = _memory_mb(proc.pid)
            peak = _peak_rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        per_run.append({**result, "server_idle_rss_mb": idle_mb, "server_start_rss_mb": start_mb,
                        "server_end_rss_mb": end_mb, "server_peak_rss_mb": peak,
                        "server_rss_growth_pct": round(100 * (end_mb - start_mb) / start_mb, 1) if start_mb else None})
    pick = lambda key: _summary([r[key] for r in per_run])  # noqa: E731
    return {"clients": clients, "seconds": seconds, "runs": per_run,
            "requests_per_s": pick("requests_per_s"), "p50_ms": pick("p50_ms"), "p95_ms": pick("p95_ms"),
            "errors": sum(r["errors"] for r in per_run), "server_idle_rss_mb": pick("server_idle_rss_mb"),
            "server_start_rss_mb": pick("server_start_rss_mb"), "server_end_rss_mb": pick("server_end_rss_mb"),
            "server_rss_growth_pct": pick("server_rss_growth_pct"), "server_peak_rss_mb": pick("server_peak_rss_mb")}


def run_all(runs: int = 5, reports_dir: Path | None = None, skip: set[str] = frozenset(),
            out: Path = Path("evals/bench")) -> dict:
    reports_dir = Path(reports_dir or SHARED)
    work = Path(tempfile.mkdtemp(prefix="ra-bench-"))
    result = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}, "runs": runs}
    try:
        if "ingest" not in skip:
            result["parse"] = bench_parse(min(runs, 3), reports_dir)
            result["ingest"] = bench_ingest(min(runs, 3), reports_dir, work)
            data = Path(result["ingest"].pop("data_dir"))
        else:
            data = work / "corpus"
            corpus = [str(ROOT / line.strip()) for line in (ROOT / "evals" / "corpus.txt").read_text().splitlines()
                      if line.strip() and not line.startswith("#")]
            _cli("ingest", *corpus, env=_env(data))
        result["answer"] = bench_answers(runs, data)
        if "cold" not in skip:
            result["cold_ask"] = bench_cold_ask(runs, data)
        if "web" not in skip:
            result["web"] = bench_web(data, runs=min(runs, 3))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(result, indent=2))
    (out / "bench.md").write_text(summary(result))
    return result


def summary(result: dict) -> str:
    lines = ["# Benchmarks", "", f"{result['machine']['cpus']} CPUs, Python {result['machine']['python']}, "
             f"{result['runs']} runs per figure (median, p95 across runs).", ""]
    if "parse" in result:
        p = result["parse"]
        lines.append(f"- Parse {p['reports']} sample reports ({p['paragraphs']} paragraphs and bullets): "
                     f"{p['seconds']['median']} s (p95 {p['seconds']['p95']} s)")
    if "ingest" in result:
        i = result["ingest"]
        rerun_s = i["paragraphs"] / i["rerun_paragraphs_per_s"]["median"]
        lines += [f"- Ingest {i['reports']} reports, {i['paragraphs']} paragraphs: cold "
                  f"{i['cold_paragraphs_per_s']['median']} paragraphs/s (p95 {i['cold_paragraphs_per_s']['p95']}); "
                  f"re-running it takes {rerun_s:.1f} s, every report skipped by its hash",
                  f"- Index size {i['index_size_mb']} MB (BM25 {i['bm25_size_mb']} MB); loading it: Chroma "
                  f"{i['snapshot_load_ms']['chroma_ms']['median']} ms, BM25 {i['snapshot_load_ms']['bm25_ms']['median']} ms"]
    a = result["answer"]
    lines.append(f"- Warm answer() over {a['questions']} gold questions: p50 {a['p50_ms']['median']} ms, "
                 f"p95 {a['p95_ms']['median']} ms (medians of per-run figures)")
    if "retrieval_p50_ms" in a:
        lines.append(f"- Warm retrieval alone (hybrid search, top 5): p50 {a['retrieval_p50_ms']['median']} ms, "
                     f"p95 {a['retrieval_p95_ms']['median']} ms")
    if "cold_ask" in result:
        c = result["cold_ask"]
        lines.append(f"- Cold `report-assistant ask`: {c['wall_s']['median']} s wall (p95 {c['wall_s']['p95']} s), "
                     f"peak RSS {c['peak_rss_mb']['median']} MB")
    if "web" in result:
        w = result["web"]
        m = lambda key: w[key]["median"]  # noqa: E731
        lines.append(f"- Web API, {w['clients']} clients for {w['seconds']:.0f} s, {len(w['runs'])} runs with a fresh "
                     f"server each: {m('requests_per_s')} requests/s (lowest run {w['requests_per_s']['min']}), "
                     f"p50 {m('p50_ms')} ms, p95 {m('p95_ms')} ms (worst run {w['p95_ms']['max']} ms), "
                     f"{w['errors']} errors in {sum(r['requests'] for r in w['runs'])} requests")
        lines.append(f"- Server memory (RSS) under that load: {m('server_idle_rss_mb')} MB idle after start, "
                     f"{m('server_start_rss_mb')} MB after a 5 s warm-up, {m('server_end_rss_mb')} MB after the "
                     f"{w['seconds']:.0f} s "
                     f"({m('server_rss_growth_pct'):+} %, worst run {w['server_rss_growth_pct']['max']:+} %), "
                     f"peak {m('server_peak_rss_mb')} MB")
    return "\n".join(lines) + "\n"
