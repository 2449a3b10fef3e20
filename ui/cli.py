"""`report-assistant` command line: flags and env in, library calls, text or JSON out.

Every failure a user can cause ends in one line on stderr and a non-zero exit code.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

import index  # noqa: F401  - offline environment before anything else loads

DATA_HELP = "Index folder (env REPORT_ASSISTANT_DATA; default ~/.local/share/report-assistant)."
CHROMA_HELP = "Use a Chroma server, e.g. http://127.0.0.1:8000 (or env CHROMA_HOST/CHROMA_PORT)."


def _settings(data_dir, chroma_url, mode=None, **llm):
    from assistant.config import Settings

    try:
        return Settings.from_env(data_dir=data_dir, chroma_url=chroma_url, mode=mode, **llm)
    except ValueError as exc:
        _fail(str(exc))


def _fail(message: str, code: int = 1):
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _open(settings):
    from assistant.config import open_store
    from index.store import IndexMismatch

    try:
        return open_store(settings)
    except IndexMismatch as exc:
        _fail(str(exc))
    except Exception as exc:  # a Chroma server that is down, a data dir we cannot write
        where = settings.chroma_url or settings.data_dir
        _fail(f"cannot open the index at {where}: {exc.__class__.__name__}: {str(exc).splitlines()[0][:200]}")


def data_options(f):
    f = click.option("--chroma-url", default=None, help=CHROMA_HELP)(f)
    f = click.option("--data-dir", type=click.Path(path_type=Path), default=None, help=DATA_HELP)(f)
    return f


def llm_options(f):
    f = click.option("--llm-gguf", default=None, help="Local GGUF model file (needs the [llm] extra).")(f)
    f = click.option("--llm-model", default=None, help="Model name at the endpoint.")(f)
    f = click.option("--llm-url", "llm_base_url", default=None,
                     help="OpenAI-compatible endpoint, e.g. http://gpu-host:8000/v1 (key: env REPORT_ASSISTANT_LLM_API_KEY).")(f)
    f = click.option("--mode", type=click.Choice(["extractive", "llm"]), default=None,
                     help="extractive (default, no LLM) or llm.")(f)
    return f


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except RuntimeError as exc:
            from index.store import StoreUnavailable

            if isinstance(exc, StoreUnavailable):  # a Chroma server that went away mid-command
                _fail(str(exc))
            raise


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Answers questions about Ofsted inspection reports, citing paragraph numbers."""


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the parsed structure as JSON.")
def parse(file, as_json):
    """Show what ingesting FILE would store: metadata, judgements, paragraphs."""
    from index.model import ParseError
    from index.parse import parse_file

    try:
        parsed = parse_file(file)
    except ParseError as exc:
        _fail(str(exc))
    if as_json:
        click.echo(json.dumps(parsed.to_json(), indent=2, ensure_ascii=False))
        return
    r = parsed.report
    click.echo(f"{r.id}  ({r.type})\n  {r.authority}: {r.title}\n  inspected {r.inspection_dates}; "
               f"published {r.published or 'unknown'}")
    for j in r.judgements:
        click.echo(f"  judgement [{j.ref}] {j.area}: {j.area_text}{' (' + j.section + ')' if j.section else ''}: "
                   f"{j.label()}")
    for problem in parsed.problems:
        click.echo(f"  problem: {problem}")
    for p in parsed.paragraphs:
        extra = " ".join(x for x in (p.kind if p.kind != "paragraph" else "", p.timescale or "") if x)
        click.echo(f"[{p.ref}] {' > '.join(p.section)}{' | ' + extra if extra else ''}\n    {p.text[:160]}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print every report's line and the summary as JSON.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Parallel parsers (default: one per CPU).")
def audit(paths, as_json, workers):
    """Parse reports without indexing them: one line per report, then a summary. Exits 1 if any has a problem."""
    from index.audit import audit as run_audit, collect_files

    files, _ = collect_files(list(paths))
    file_set = {str(f) for f in files}
    lines = []
    with click.progressbar(length=max(len(files), 1), label="Parsing", file=sys.stderr, show_pos=True,
                           show_eta=True) as bar:
        def on_file(line):
            if line.path in file_set:
                bar.update(1)
            lines.append(_audit_text(line))

        result = run_audit(list(paths), on_file=on_file, workers=workers)
    summary = result.summary()
    if as_json:
        click.echo(json.dumps({"reports": [line.to_json() for line in result.lines], "summary": summary}, indent=2,
                              ensure_ascii=False))
    else:
        for text in lines:
            click.echo(text)
        types = ", ".join(f"{n} {t}" for t, n in summary["types"].items())
        click.echo(f"\n{summary['reports']} reports from {summary['files']} files, {summary['authorities']} councils "
                   f"({types}); {summary['unreadable']} unreadable; {summary['with_problems']} with problems")
    if result.problem_count:
        sys.exit(1)


def _audit_text(line) -> str:
    if line.error:
        return f"FAILED  {line.path}: {line.error}"
    grades = ", ".join(f"{area} {word}" for area, word in line.grades.items()) or "no judgements"
    head = (f"{'PROBLEM' if line.problems else 'ok':7} {line.id}  {line.authority} | {line.type} | "
            f"{line.inspection_start}..{line.inspection_end} | published {line.published or '?'} | "
            f"{line.paragraphs} paragraphs | {grades}")
    return head + "".join(f"\n        - {p}" for p in line.problems) + f"\n        {line.path}"


@main.command(name="corpus-audit")
@click.argument("repo", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=Path("evals/corpus-audit.md"), show_default=True)
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Parallel parsers (default: one per CPU).")
def corpus_audit(repo, out, workers):
    """Audit a checkout of data-to-insight/ofsted-ilacs-scrape-tool against its folders, file names and grades."""
    from evals import corpus_audit as ca
    from index.audit import collect_files

    files, _ = collect_files([repo / ca.REPORTS])
    if not files:
        _fail(f"no reports under {repo / ca.REPORTS}; is {repo} a checkout of ofsted-ilacs-scrape-tool?")
    with click.progressbar(length=len(files), label="Parsing the corpus", file=sys.stderr, show_pos=True,
                           show_eta=True) as bar:
        result = ca.run(repo, workers=workers, on_file=lambda _: bar.update(1))
    figures = ca.write(result, repo, out)
    click.echo(f"{figures['reports']} reports in {figures['seconds']} s; authority {figures['authority_matches_folder']}"
               f"/{figures['reports']}, dated ids {figures['id_has_date']}, shared ids {figures['sharing_an_id']}, "
               f"numbering {figures['numbering_without_gap']}/{figures['reports']}, spreadsheet grades "
               f"{figures['sheet_grades_same']}/{figures['sheet_grades_checked']}, sentence areas "
               f"{figures['sentence_areas']}, HTML {figures['html_one_line_errors']}/{figures['html_pages']}")
    click.echo(f"Written: {out}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--rebuild", is_flag=True, help="Drop the whole index first (after a model or schema change).")
@data_options
def ingest(paths, rebuild, data_dir, chroma_url):
    """Add reports (.pdf, .txt, .md files or folders). Unchanged ones are skipped, so re-running
    an interrupted ingest finishes the rest."""
    from index.ingest import Ingestor

    settings = _settings(data_dir, chroma_url)
    if rebuild:
        from index.store import connect

        client = connect(settings.data_dir, settings.chroma_url)
        for name in ("paragraphs", "reports", "pending"):
            try:
                client.delete_collection(name)
            except Exception:
                pass
        (settings.data_dir / "index-state.json").unlink(missing_ok=True)
    store = _open(settings)
    progress = _IngestProgress()
    ingestor = Ingestor(store, on_parsed=progress.parsed, on_start=progress.start, on_progress=progress.progress,
                        on_report=progress.report)
    interrupted = False
    try:
        ingestor.run(list(paths))
    except KeyboardInterrupt:
        interrupted = True
    finally:
        progress.close()
        _ingest_summary(ingestor.result, interrupted)
    if interrupted:
        sys.exit(130)
    if ingestor.result.failed or ingestor.result.stopped:
        sys.exit(1)


class _IngestProgress:
    """Two bars on stderr: parsing files, then embedding paragraphs (reports done, rate, time left)."""

    def __init__(self):
        self.bar = None
        self.reports = self.done_reports = 0
        self.started = time.perf_counter()
        self.paragraphs = 0

    def parsed(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Parsing files", file=sys.stderr, show_pos=True)
            self.bar.__enter__()
        self.bar.update(1)

    def start(self, reports: int, paragraphs: int) -> None:
        self.close()
        self.reports, self.started = reports, time.perf_counter()
        if paragraphs:
            self.bar = click.progressbar(length=paragraphs, label=self._label(), file=sys.stderr, show_eta=True,
                                         show_percent=True, item_show_func=lambda _: self._rate())
            self.bar.__enter__()

    def progress(self, paragraphs: int) -> None:
        self.paragraphs += paragraphs
        self.done_reports += 1
        if self.bar:
            self.bar.label = self._label()
            self.bar.update(paragraphs)

    def report(self, report_id: str, count: int) -> None:
        # one line per committed report, as it happens: a killed run shows what it finished
        click.echo(f"{chr(10) if self.bar else ''}added    {report_id} ({count} paragraphs)")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

    def _label(self) -> str:
        return f"Embedding: {self.done_reports}/{self.reports} reports"

    def _rate(self) -> str:
        elapsed = time.perf_counter() - self.started
        return f"{self.paragraphs / elapsed:.1f} paragraphs/s" if elapsed > 0 and self.paragraphs else ""


def _ingest_summary(result, interrupted: bool) -> None:
    """Printed whatever happened: what was added, skipped and refused, and why it stopped."""
    for rid in result.skipped:
        click.echo(f"unchanged {rid}")
    for rid in result.replaced:
        click.echo(f"replaced {rid} (a changed file of the same report)")
    for path, reason in result.failed:
        click.echo(f"failed   {path}: {reason}", err=True)
    click.echo(f"{len(result.added)} added, {len(result.skipped)} unchanged, {len(result.failed)} failed; "
               f"{result.paragraphs} paragraphs in {result.seconds:.1f} s ({result.rate:.1f} paragraphs/s)")
    if result.stopped:
        click.echo(f"error: stopped early: {result.stopped}", err=True)
    if interrupted:
        click.echo("interrupted: the reports listed as added are committed; run the same command again to "
                   "finish the rest", err=True)


@main.command()
@data_options
@click.option("--json", "as_json", is_flag=True)
def reports(data_dir, chroma_url, as_json):
    """List indexed reports."""
    store = _open(_settings(data_dir, chroma_url))
    rows = list(store.catalog().values())
    if as_json:
        click.echo(json.dumps([{"id": r.report.id, "authority": r.report.authority, "title": r.report.title,
                                "published": r.report.published, "paragraphs": r.paragraphs} for r in rows], indent=2))
        return
    if not rows:
        click.echo("No reports indexed. Add some: report-assistant ingest PATH")
    for r in rows:
        click.echo(f"{r.report.id:42} {r.report.authority:24} {r.report.published:10} {r.paragraphs:5}  {r.report.title}")


@main.command()
@click.argument("report_id")
@data_options
def remove(report_id, data_dir, chroma_url):
    """Remove one report from the index."""
    from index.ingest import Ingestor

    store = _open(_settings(data_dir, chroma_url))
    if not Ingestor(store).remove(report_id):
        _fail(f"no indexed report has the id {report_id!r} (see: report-assistant reports)")
    click.echo(f"removed {report_id}")


@main.command()
@click.option("--authority", "authorities", multiple=True, help="A council (repeatable).")
@click.option("--neighbours-of", default=None, help="A council and its statistical neighbours.")
@click.option("--area", default=None, help="overall, leaders, help_and_protection, in_care, care_leavers, or an "
                                           "older framework's area (see index/vocabulary.py).")
@click.option("--grade", default=None, help="outstanding, good, requires improvement (RI), adequate, inadequate or 1-4.")
@click.option("--since", default=None, help="From this date on: 2023 or 2023-05-31.")
@click.option("--until", default=None, help="Up to this date: 2024 or 2024-03-31.")
@click.option("--latest", is_flag=True, help="Only each council's most recent report.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of rows.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")
@data_options
def judgements(authorities, neighbours_of, area, grade, since, until, latest, as_json, as_csv, data_dir, chroma_url):
    """Every graded judgement of the indexed reports, filtered: one row per report and area."""
    from assistant.judgements import filter_rows, judgement_table

    if as_json and as_csv:
        _fail("choose one of --json and --csv")
    settings = _settings(data_dir, chroma_url)
    from assistant.config import cached_snapshot

    snapshot = cached_snapshot(settings)
    catalog = snapshot.catalog if snapshot is not None else _open(settings).catalog()
    try:
        rows = filter_rows(judgement_table(catalog), authorities=list(authorities), neighbours_of=neighbours_of,
                           area=area, grade=grade, since=since, until=until, latest=latest)
    except ValueError as exc:
        _fail(str(exc), 2)
    if as_json:
        click.echo(json.dumps([r.to_json() for r in rows], indent=2, ensure_ascii=False))
    elif as_csv:
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for r in rows:
            data = r.to_json()
            writer.writerow([data[c] if data[c] is not None else "" for c in CSV_COLUMNS])
    else:
        if not rows:
            click.echo("No judgements match." if catalog else "No reports indexed. Add some: report-assistant ingest PATH")
        for r in rows:
            click.echo(f"{r.date:10}  {r.authority:28.28} {r.area:22} {r.grade:34.34} [{r.report}, {r.ref}]")


CSV_COLUMNS = ("authority", "report_id", "published", "inspection_start", "inspection_end", "type", "area",
               "area_text", "grade", "grade_number", "ref")


@main.command()
@click.argument("question")
@click.option("--report", default=None, help="Limit to one report: its id or authority name.")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@llm_options
@data_options
def ask(question, report, as_json, mode, llm_base_url, llm_model, llm_gguf, data_dir, chroma_url):
    """Answer QUESTION from the indexed reports, with paragraph citations."""
    from assistant.answer import QuestionError, check_question
    from assistant.config import build_assistant, cold_assistant, ensure_sample

    try:
        check_question(question)
    except QuestionError as exc:
        _fail(str(exc), 2)
    settings = _settings(data_dir, chroma_url, mode, llm_base_url=llm_base_url, llm_model=llm_model,
                         llm_gguf=llm_gguf)
    try:
        # a cold start answers from the snapshot the last ingest cached, without opening Chroma
        assistant = cold_assistant(settings)
        if assistant is None:
            store = _open(settings)
            ensure_sample(store)
            assistant = build_assistant(settings, store)
        answer = assistant.answer(question, report=report)
    except (QuestionError, ValueError) as exc:
        _fail(str(exc), 2)
    if as_json:
        click.echo(json.dumps(answer.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(answer.plain_text())


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=7860, show_default=True, type=int)
@click.option("--allow-origin", "origins", multiple=True,
              help="Origin allowed to call /api (repeatable; env REPORT_ASSISTANT_ALLOWED_ORIGINS, comma-separated).")
@click.option("--rate-limit", type=click.IntRange(min=0), default=None,
              help="Requests a minute per client address, 0 for none (env REPORT_ASSISTANT_RATE_LIMIT; default 60).")
@click.option("--debug", is_flag=True, default=None,
              help="Log question text and every request (env REPORT_ASSISTANT_DEBUG=1). Off by default: "
                   "questions can name children and staff.")
@llm_options
@data_options
def serve(host, port, origins, rate_limit, debug, mode, llm_base_url, llm_model, llm_gguf, data_dir, chroma_url):
    """Serve the chat page, the JSON API and the widget."""
    import logging
    import os

    import uvicorn

    from assistant.config import build_assistant, ensure_sample
    from ui.app import WebSettings, create_app

    settings = _settings(data_dir, chroma_url, mode, llm_base_url=llm_base_url, llm_model=llm_model,
                         llm_gguf=llm_gguf)
    store = _open(settings)
    if ensure_sample(store):
        click.echo("Indexed the bundled sample report (South Gloucestershire, 2012).")
    env_origins = [o.strip() for o in os.environ.get("REPORT_ASSISTANT_ALLOWED_ORIGINS", "").split(",") if o.strip()]
    if rate_limit is None:
        raw = os.environ.get("REPORT_ASSISTANT_RATE_LIMIT", "60")
        if not raw.isdigit():
            _fail(f"REPORT_ASSISTANT_RATE_LIMIT must be a whole number of requests a minute, got {raw!r}")
        rate_limit = int(raw)
    debug = bool(debug) or os.environ.get("REPORT_ASSISTANT_DEBUG", "") in ("1", "true", "yes")
    from ui.uploads import UploadLimits

    try:
        uploads = UploadLimits(max_file_mb=float(os.environ.get("REPORT_ASSISTANT_UPLOAD_MB", "20")),
                               max_files=int(os.environ.get("REPORT_ASSISTANT_UPLOAD_FILES", "10")))
        threads = os.environ.get("REPORT_ASSISTANT_ANSWER_THREADS", "")
        if threads.strip() and not threads.strip().isdigit():
            raise ValueError(f"REPORT_ASSISTANT_ANSWER_THREADS must be a whole number, got {threads!r}")
        web = WebSettings(allowed_origins=tuple(origins) or tuple(env_origins), rate_limit=rate_limit, debug=debug,
                          api_key=os.environ.get("REPORT_ASSISTANT_API_KEY") or None, uploads=uploads,
                          answer_threads=int(threads) if threads.strip() else None)
    except ValueError as exc:
        _fail(str(exc).splitlines()[0])
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "chromadb", "sentence_transformers", "gradio", "urllib3", "bm25s"):
        logging.getLogger(noisy).setLevel(logging.INFO if debug else logging.WARNING)
    app = create_app(build_assistant(settings, store), web)
    store.embedder.embed_one("warm-up")  # load the model now, not on the first user's question
    click.echo(f"Serving on http://{host}:{port}  (widget: /widget.js, demo: /widget/demo, API docs: /docs)")
    # access lines carry paths and client addresses; only with --debug. No Server header.
    # Open pages hold event streams, so a stop waits for them at most 5 s rather than forever.
    uvicorn.run(app, host=host, port=port, log_level="info" if debug else "warning", access_log=debug,
                server_header=False, timeout_graceful_shutdown=5)


@main.command(name="eval")
@click.option("--gold", "gold_files", multiple=True, type=click.Path(path_type=Path),
              help="Gold YAML file(s) to run instead of the tuning and blind sets.")
@click.option("--set", "which", type=click.Choice(["all", "tuning", "blind"]), default="all", show_default=True,
              help="Which of the project's gold sets to run.")
@click.option("--json", "as_json", is_flag=True, help="Print the full results as JSON.")
@click.option("--report-md", type=click.Path(path_type=Path), default=None,
              help="Where to write the Markdown report (default evals/report.md).")
@click.option("--no-baselines", is_flag=True, help="Skip the baseline recipes.")
@click.option("--no-ingest", is_flag=True, help="Do not ingest evals/corpus.txt first (the index already holds it).")
@click.option("--gate", is_flag=True, help="Exit non-zero if a metric is under the CI thresholds.")
@click.option("--calibrate", is_flag=True, help="Print the refusal signals per tuning item and the best thresholds.")
@llm_options
@data_options
def eval_(gold_files, which, as_json, report_md, no_baselines, no_ingest, gate, calibrate, mode, llm_base_url,
          llm_model, llm_gguf, data_dir, chroma_url):
    """Run the gold questions through answer(), each with its report selected and with none, and report
    metrics for the tuning and blind sets against baselines. Ingests the corpus it scores first."""
    from assistant.config import REPO_ROOT, build_assistant, corpus_files
    from evals import runner, scoring
    from index.ingest import Ingestor

    settings = _settings(data_dir, chroma_url, mode, llm_base_url=llm_base_url, llm_model=llm_model,
                         llm_gguf=llm_gguf)
    store = _open(settings)
    if not no_ingest:
        # the same reports the published figures were measured on, whatever the index held before
        files = corpus_files(REPO_ROOT / "evals" / "corpus.txt")
        missing = [str(f) for f in files if not f.exists()]
        if missing:
            _fail(f"the eval corpus (evals/corpus.txt) lists {len(missing)} missing file(s), e.g. {missing[0]}")
        result = Ingestor(store).run(files)
        if result.failed:
            _fail(f"could not ingest the eval corpus: {result.failed[0][0]}: {result.failed[0][1]}")
    try:
        if gold_files:
            sets = {Path(f).stem: scoring.load_gold([Path(f)]) for f in gold_files}
        else:
            sets = {}
            if which in ("all", "tuning"):
                sets["tuning"] = scoring.load_gold(scoring.default_gold_files())
            if which in ("all", "blind"):
                sets["blind"] = scoring.load_gold(scoring.blind_files())
    except scoring.GoldError as exc:
        _fail(str(exc))
    assistant = build_assistant(settings, store)
    if calibrate:
        from evals.calibrate import best_thresholds, signals

        rows = signals(assistant, scoring.load_gold(scoring.default_gold_files()))  # never the blind set
        for row in rows:
            click.echo(json.dumps(row))
        click.echo(json.dumps(best_thresholds(rows)))
        return
    result = runner.run(assistant, sets, baselines=not no_baselines)
    if gold_files:
        result["gold_files"] = [str(f) for f in gold_files]
    path = report_md or runner.DEFAULT_REPORT
    runner.write_markdown(result, path)
    if as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        click.echo(runner.summary(result, show_failures=tuple(n for n in sets if n != "blind")))
        click.echo(f"Report: {path}")
    if gate:
        failures = runner.gate_failures(result)
        for f in failures:
            click.echo(f"gate: {f}", err=True)
        if failures:
            sys.exit(1)


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--runs", default=5, show_default=True, help="Repetitions per measurement.")
@click.option("--reports-dir", type=click.Path(path_type=Path), default=None,
              help="Reports to ingest for the throughput figure (default: ../shared/reports).")
@click.option("--skip", multiple=True, type=click.Choice(["ingest", "cold", "web", "samples"]),
              help="Skip a benchmark ('samples': all of the sample-report ones, keeping their last figures).")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="A checkout of data-to-insight/ofsted-ilacs-scrape-tool: add the whole-corpus section.")
@click.option("--corpus-index", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="An index already built from that corpus (skips the ~20 min ingest).")
@click.option("--out", type=click.Path(path_type=Path), default=Path("evals/bench"), show_default=True)
def bench(as_json, runs, reports_dir, skip, corpus, corpus_index, out):
    """Benchmarks: answer latency, cold ask, ingest throughput, web API under load, peak memory;
    with --corpus, the same over the whole public corpus."""
    from evals import bench as bench_mod

    if corpus_index and not corpus:
        _fail("--corpus-index needs --corpus (the checkout it was built from)")
    result = bench_mod.run_all(runs=runs, reports_dir=reports_dir, skip=set(skip), out=out, corpus=corpus,
                               corpus_index=corpus_index)
    click.echo(json.dumps(result, indent=2) if as_json else bench_mod.summary(result))


if __name__ == "__main__":
    main()
