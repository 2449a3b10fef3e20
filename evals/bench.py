"""Benchmarks, measured with repetition (medians and p95), never as timed tests.

    report-assistant bench --runs 5          # writes evals/bench/bench.json and bench.md

- warm answer() latency over the gold questions
- cold `report-assistant ask` wall time (a new process each run)
- ingest throughput over the sample reports, cold and re-run, plus index size and BM25 load cost
- the web API under 16 concurrent clients for 60 s: requests/s, p50/p95, errors, server memory before and after
- peak memory (resident set) of the ask and serve processes

    report-assistant bench --corpus ~/ofsted-ilacs-scrape-tool [--corpus-index DIR]

adds a whole-corpus section (431 reports): one whole ingest (or an index already built from
it), interrupt and resume, snapshot load, warm answers with and without a report selected,
questions across reports, cold ask, server memory and the web API under load, and the same
ingest against a `chroma run` server.
"""
from __future__ import annotations

import json
import os
import re
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
    loads = _snapshot_loads(last, runs)
    return {"reports": len(files), "paragraphs": paragraphs,
            "cold_paragraphs_per_s": _summary(cold), "rerun_paragraphs_per_s": _summary(rerun),
            "index_size_mb": round(statistics.median(sizes) / 1e6, 1),
            "snapshot_size_mb": round(_dir_size(last / "snapshot") / 1e6, 2),
            "snapshot_load_ms": _summary(loads),
            "data_dir": str(last)}


def _snapshot_loads(data: Path, runs: int) -> list[float]:
    """Loading the cached snapshot, as a new process does before its first answer (ms)."""
    from index.snapshot import load_current

    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        snap = load_current(data)
        if snap is None:
            raise RuntimeError(f"no snapshot cache under {data}")
        out.append((time.perf_counter() - t0) * 1000)
    return out


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


# -- the whole corpus -------------------------------------------------------------------------------
CORPUS_REPORTS = Path("export_data") / "inspection_reports"
SUMMARY_LINE = re.compile(r"(\d+) added, (\d+) unchanged, (\d+) failed; (\d+) paragraphs in ([\d.]+) s")


def corpus_folder(path: Path) -> Path:
    """A checkout of data-to-insight/ofsted-ilacs-scrape-tool, or its reports folder itself."""
    path = Path(path)
    return path / CORPUS_REPORTS if (path / CORPUS_REPORTS).is_dir() else path


def _watched(args: list[str], env: dict, kill_after_added: int | None = None) -> dict:
    """Run a CLI command, sampling its peak memory; optionally SIGKILL it once it has committed
    `kill_after_added` reports (an interrupted ingest, at a point the caller chose)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "ui.cli", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    peak, added, lines = 0.0, 0, []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
    reader.start()
    killed = False
    while proc.poll() is None:
        peak = max(peak, _peak_rss_mb(proc.pid))
        added = sum(1 for line in list(lines) if line.startswith("added"))
        if kill_after_added is not None and added >= kill_after_added:
            proc.kill()
            killed = True
            break
        time.sleep(0.1)
    proc.wait()
    reader.join(timeout=10)
    wall = time.perf_counter() - t0
    found = [SUMMARY_LINE.search(line) for line in lines]
    found = [m for m in found if m]
    out = {"wall_s": round(wall, 1), "peak_rss_mb": peak, "returncode": proc.returncode, "killed": killed,
           "added": sum(1 for line in lines if line.startswith("added")),
           "unchanged": sum(1 for line in lines if line.startswith("unchanged"))}
    if found:
        m = found[-1]
        out.update({"failed": int(m.group(3)), "paragraphs": int(m.group(4)), "embed_s": float(m.group(5))})
    return out


def bench_corpus_ingest(reports: Path, index: Path) -> dict:
    run = _watched(["ingest", str(reports)], _env(index))
    run["paragraphs_per_s"] = round(run.get("paragraphs", 0) / run["wall_s"], 1) if run["wall_s"] else None
    return run


def bench_resume(reports: Path, work: Path, first: int = 60) -> dict:
    """Kill an ingest of the first `first` corpus files half way, run it again: the second run
    embeds only what the first did not commit."""
    from index.audit import collect_files

    files, _ = collect_files([reports])
    first = min(first, len(files))
    chosen = work / "resume-files"
    chosen.mkdir(parents=True, exist_ok=True)
    for n, f in enumerate(files[:first]):
        (chosen / f"{n:03d}-{f.name}").symlink_to(f)
    data = work / "resume-index"
    killed = _watched(["ingest", str(chosen)], _env(data), kill_after_added=first // 2)
    again = _watched(["ingest", str(chosen)], _env(data))
    return {"files": first, "killed": killed["killed"], "killed_after_reports": killed["added"], "rerun_added": again["added"],
            "rerun_unchanged": again["unchanged"], "rerun_failed": again.get("failed"),
            "rerun_wall_s": again["wall_s"], "killed_wall_s": killed["wall_s"]}


def bench_corpus_answers(index: Path, runs: int) -> dict:
    """Warm answers over the whole corpus: the tuning questions with no report selected (as the
    widget asks), with their report selected, and the questions across reports."""
    from assistant.config import Settings, build_assistant
    from evals.scoring import is_across

    assistant = build_assistant(Settings.from_env(data_dir=index))
    snap = assistant.retriever.snapshot()
    items = [i for i in load_gold(default_gold_files()) if not i.history]
    plain = [i for i in items if not is_across(i)]
    selected = [(i, scope_for(i, snap.catalog)) for i in plain if i.report]
    selected = [(i, scope) for i, scope in selected if scope]
    across = [i for i in items if is_across(i)]
    assistant.answer("warm up")
    figures: dict[str, list[dict]] = {"no_report": [], "report_selected": [], "across": []}
    for _ in range(runs):
        for name, batch in (("no_report", [(i, None) for i in plain]), ("report_selected", selected),
                            ("across", [(i, None) for i in across])):
            times = []
            if not batch:  # e.g. a corpus that holds none of the gold reports
                continue
            for item, scope in batch:
                t0 = time.perf_counter()
                assistant.answer(item.question, report=scope)
                times.append((time.perf_counter() - t0) * 1000)
            figures[name].append({"p50": percentile(times, 50), "p95": percentile(times, 95), "max": max(times)})
    out = {"reports": len(snap.catalog), "records": len(snap.records)}
    # the first pass reads every paragraph fresh; later passes find what the answer step keeps
    # of recent paragraphs (facts._split), as a server does for questions about the same councils
    out["first_pass"] = {name: {"p50_ms": round(per_run[0]["p50"], 2), "p95_ms": round(per_run[0]["p95"], 2)}
                         for name, per_run in figures.items() if per_run}
    for name, per_run in figures.items():
        if not per_run:
            continue
        out[name] = {"questions": {"no_report": len(plain), "report_selected": len(selected),
                                   "across": len(across)}[name],
                     "p50_ms": _summary([r["p50"] for r in per_run]), "p95_ms": _summary([r["p95"] for r in per_run]),
                     "max_ms": _summary([r["max"] for r in per_run])}
    return out


def bench_server_mode(reports: Path, work: Path, first: int, runs: int) -> dict:
    """The same ingest of the first `first` corpus reports into a `chroma run` server and into the
    embedded store; then a new instance's first load of the server's index (no local cache)."""
    from index.audit import collect_files

    files, _ = collect_files([reports])
    chosen = work / "server-files"
    chosen.mkdir(parents=True, exist_ok=True)
    for n, f in enumerate(files[:first]):
        (chosen / f"{n:03d}-{f.name}").symlink_to(f)
    from evals.serve import start_chroma

    url, server = start_chroma(work / "chroma-server")
    try:
        remote = _watched(["ingest", str(chosen), "--chroma-url", url], _env(work / "server-client"))
        loads = []
        for n in range(runs):
            fresh = work / f"server-reader-{n}"  # a new machine: nothing cached
            t0 = time.perf_counter()
            out = _cli("ask", COLD_QUESTION, "--chroma-url", url, env=_env(fresh))
            if out.returncode != 0:
                raise RuntimeError(out.stderr[-500:])
            loads.append(time.perf_counter() - t0)
    finally:
        server.terminate()
        server.wait(timeout=30)
    local = _watched(["ingest", str(chosen)], _env(work / "embedded-same"))
    rate = lambda r: round(r.get("paragraphs", 0) / r["wall_s"], 1) if r["wall_s"] else None  # noqa: E731
    return {"reports": remote["added"], "paragraphs": remote.get("paragraphs"),
            "server_wall_s": remote["wall_s"], "server_paragraphs_per_s": rate(remote),
            "embedded_wall_s": local["wall_s"], "embedded_paragraphs_per_s": rate(local),
            "server_size_mb": round(_dir_size(work / "chroma-server") / 1e6, 1),
            "first_ask_on_a_new_machine_s": _summary(loads)}


def bench_corpus(path: Path, runs: int, work: Path, index: Path | None = None, server_reports: int = 40,
                 web_seconds: float = 60.0) -> dict:
    reports = corpus_folder(path)
    out: dict = {"source": str(reports)}
    if index is None:
        index = work / "corpus-index"
        out["ingest"] = bench_corpus_ingest(reports, index)
    index = Path(index)
    from index.snapshot import load_current

    snap = load_current(index)
    if snap is None:
        raise RuntimeError(f"{index} holds no snapshot cache: ingest the corpus into it first")
    out["index"] = {"reports": len(snap.catalog), "records": len(snap.records),
                    "size_mb": round(_dir_size(index) / 1e6, 1),
                    "snapshot_mb": round(_dir_size(index / "snapshot") / 1e6, 1)}
    del snap
    out["snapshot_load_ms"] = _summary(_snapshot_loads(index, runs))
    out["answers"] = bench_corpus_answers(index, runs)
    out["cold_ask"] = bench_cold_ask(runs, index)
    out["web"] = bench_web(index, runs=min(runs, 3), seconds=web_seconds)
    out["resume"] = bench_resume(reports, work)
    out["server"] = bench_server_mode(reports, work, server_reports, min(runs, 3))
    return out


def run_all(runs: int = 5, reports_dir: Path | None = None, skip: set[str] = frozenset(),
            out: Path = Path("evals/bench"), corpus: Path | None = None, corpus_index: Path | None = None) -> dict:
    reports_dir = Path(reports_dir or SHARED)
    work = Path(tempfile.mkdtemp(prefix="ra-bench-"))
    result = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}, "runs": runs}
    previous = Path(out) / "bench.json"
    before = json.loads(previous.read_text()) if previous.exists() else {}
    if "samples" in skip and before:
        result = {**before, "runs": runs}  # keep the sample figures, add the corpus's
    try:
        if corpus is not None:
            result["corpus"] = bench_corpus(corpus, runs, work, corpus_index)
            ingested = before.get("corpus", {}).get("ingest")
            if corpus_index is not None and ingested:
                # the index was built by an earlier run: keep that run's ingest figure, marked as such
                result["corpus"]["ingest"] = {**ingested, "carried_over": True}
        if "samples" in skip:
            return _write(result, out)
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
    return _write(result, out)


def _write(result: dict, out: Path) -> dict:
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
                  f"- Index size {i['index_size_mb']} MB (snapshot cache {i['snapshot_size_mb']} MB); loading the "
                  f"snapshot: {i['snapshot_load_ms']['median']} ms (p95 {i['snapshot_load_ms']['p95']} ms)"]
    a = result.get("answer")
    if a:
        lines.append(f"- Warm answer() over {a['questions']} gold questions: p50 {a['p50_ms']['median']} ms, "
                 f"p95 {a['p95_ms']['median']} ms (medians of per-run figures)")
    if a and "retrieval_p50_ms" in a:
        lines.append(f"- Warm retrieval alone (hybrid search, top 5): p50 {a['retrieval_p50_ms']['median']} ms, "
                     f"p95 {a['retrieval_p95_ms']['median']} ms")
    if "cold_ask" in result:
        c = result["cold_ask"]
        lines.append(f"- Cold `report-assistant ask`: {c['wall_s']['median']} s wall (p95 {c['wall_s']['p95']} s), "
                     f"peak RSS {c['peak_rss_mb']['median']} MB")
    if "web" in result:
        lines += web_lines(result["web"])
    if "corpus" in result:
        lines += ["", *corpus_summary(result["corpus"])]
    return "\n".join(lines) + "\n"


def web_lines(w: dict) -> list[str]:
    m = lambda key: w[key]["median"]  # noqa: E731
    return [f"- Web API, {w['clients']} clients for {w['seconds']:.0f} s, {len(w['runs'])} runs with a fresh "
            f"server each: {m('requests_per_s')} requests/s (lowest run {w['requests_per_s']['min']}), "
            f"p50 {m('p50_ms')} ms, p95 {m('p95_ms')} ms (worst run {w['p95_ms']['max']} ms), "
            f"{w['errors']} errors in {sum(r['requests'] for r in w['runs'])} requests",
            f"- Server memory (RSS) under that load: {m('server_idle_rss_mb')} MB idle after start, "
            f"{m('server_start_rss_mb')} MB after a 5 s warm-up, {m('server_end_rss_mb')} MB after the "
            f"{w['seconds']:.0f} s ({m('server_rss_growth_pct'):+} %, worst run "
            f"{w['server_rss_growth_pct']['max']:+} %), peak {m('server_peak_rss_mb')} MB "
            f"(worst run {w['server_peak_rss_mb']['max']} MB)"]


def corpus_summary(c: dict) -> list[str]:
    med = lambda f: f["median"]  # noqa: E731
    lines = ["## The whole corpus", "", f"`report-assistant bench --corpus PATH` on {c['source']}.", ""]
    if "ingest" in c:
        i = c["ingest"]
        lines.append(f"- One `report-assistant ingest` of the folder: {i['added']} reports added, {i.get('failed')} "
                     f"refused (the HTML pages saved as .pdf), {i.get('paragraphs')} records in {i['wall_s'] / 60:.1f} "
                     f"min wall ({i['paragraphs_per_s']} records/s), peak RSS {i['peak_rss_mb']:.0f} MB (one run"
                     + ("; carried over from an earlier bench run that built a whole-corpus index, not re-run)"
                        if i.get("carried_over") else ")"))
    x = c["index"]
    lines.append(f"- Index: {x['reports']} reports, {x['records']} records "
                 f"({x['records'] / max(x['reports'], 1):.0f} a report), {x['size_mb']} MB on disk "
                 f"({1000 * x['size_mb'] / max(x['reports'], 1):.0f} MB per 1,000 reports), of which the "
                 f"snapshot cache {x['snapshot_mb']} MB")
    lines.append(f"- Snapshot load: {med(c['snapshot_load_ms'])} ms (p95 {c['snapshot_load_ms']['p95']} ms)")
    a = c["answers"]
    for name, label in (("no_report", "no report selected"), ("report_selected", "a report selected"),
                        ("across", "questions across reports (judgement table)")):
        f = a.get(name)
        if f is None:  # the corpus held none of these questions' reports
            continue
        lines.append(f"- Warm answers, {label}, {f['questions']} questions: p50 {med(f['p50_ms'])} ms, "
                     f"p95 {med(f['p95_ms'])} ms, slowest {med(f['max_ms'])} ms (medians over runs; p95 of the "
                     f"per-run p95: {f['p95_ms']['p95']} ms)")
    first = a.get("first_pass", {})
    if first:
        lines.append("- The first of those passes, before anything was kept from earlier answers: " + "; ".join(
            f"{name.replace('_', ' ')} p50 {f['p50_ms']} ms, p95 {f['p95_ms']} ms" for name, f in first.items()))
    k = c["cold_ask"]
    lines.append(f"- Cold `report-assistant ask`: {med(k['wall_s'])} s wall (p95 {k['wall_s']['p95']} s), peak RSS "
                 f"{med(k['peak_rss_mb'])} MB")
    lines += web_lines(c["web"])
    r = c["resume"]
    stopped = "killed (SIGKILL) once" if r.get("killed") else "it finished before the kill, once"
    lines.append(f"- Interrupt and resume ({r['files']} corpus files): {stopped} {r['killed_after_reports']} "
                 f"reports were committed; the re-run embedded {r['rerun_added']}, skipped {r['rerun_unchanged']} "
                 f"as unchanged and took {r['rerun_wall_s']} s")
    v = c["server"]
    lines.append(f"- Against a `chroma run` server ({v['reports']} reports, {v['paragraphs']} records): ingest "
                 f"{v['server_wall_s']} s ({v['server_paragraphs_per_s']} records/s) against {v['embedded_wall_s']} s "
                 f"embedded ({v['embedded_paragraphs_per_s']} records/s); server folder {v['server_size_mb']} MB; "
                 f"a new machine's first `ask` (pages the index out of the server) {med(v['first_ask_on_a_new_machine_s'])} s")
    return lines
