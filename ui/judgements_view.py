"""The page's Judgements view: judgement rows -> an HTML table and an SVG chart of grades over time.

    table_html(rows, labels)   -> '<table class="ra-judgements">...'  (references link to the paragraph)
    chart_svg(rows, "overall") -> '<svg ...>'  one line per council, Outstanding at the top

Drawn here, as plain markup, so the page needs no charting library and loads nothing from
a CDN. Every text from a report is HTML-escaped.
"""
from __future__ import annotations

import html
from datetime import date

import gradio as gr

from assistant.judgements import JudgementRow, filter_rows, table as judgement_table
from assistant.render import labels as report_labels
from index.neighbours import table as neighbour_table
from index.store import StoreUnavailable
from index.vocabulary import AREAS, BY_KEY

# Okabe-Ito and Tol colours: distinguishable with the common colour-vision deficiencies
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#882255", "#117733",
           "#999933", "#AA4499", "#44AA99")
MARKERS = ("circle", "square", "diamond", "triangle")
GRADE_ROWS = ((1, "Outstanding"), (2, "Good"), (3, "Requires improvement / Adequate"), (4, "Inadequate"))
MOST_SERIES = len(PALETTE)


GRADES = [("Any grade", ""), ("Outstanding", "outstanding"), ("Good", "good"),
          ("Requires improvement / Adequate", "3"), ("Inadequate", "inadequate")]


def judgements_tab(assistant) -> None:
    """Filters, a chart and a table, inside the page's Judgements tab."""

    def councils() -> list[str]:
        try:
            catalog = assistant.retriever.snapshot().catalog
        except StoreUnavailable:
            return []
        return sorted({e.report.authority for e in catalog.values()})

    def show(chosen, near, area, grade, since, until, latest):
        try:
            snap = assistant.retriever.snapshot()
            rows = filter_rows(judgement_table(snap), authorities=list(chosen or []),
                               neighbours_of=near or None, area=area or None, grade=grade or None,
                               since=since or None, until=until or None, latest=bool(latest))
        except ValueError as exc:
            return f'<p class="ra-error">{html.escape(str(exc))}</p>', "", ""
        except StoreUnavailable:
            return '<p class="ra-error">The report index is unavailable right now. Please try again shortly.</p>', "", ""
        reports = len({r.report_id for r in rows})
        summary = (f'<p class="ra-muted" id="ra-judgements-count">{len(rows)} judgement{"s" if len(rows) != 1 else ""}'
                   f' from {reports} report{"s" if reports != 1 else ""} of {len(snap.catalog)} indexed.</p>')
        return summary, chart_svg(rows, area or "overall"), table_html(rows, report_labels(snap))

    area_choices = [(a.label[:1].upper() + a.label[1:], a.key) for a in AREAS]
    with gr.Row():
        chosen = gr.Dropdown(choices=councils(), multiselect=True, label="Councils", elem_id="ra-j-councils")
        near = gr.Dropdown(choices=[""] + sorted(neighbour_table()), value="", label="Or a council and its "
                           "statistical neighbours", elem_id="ra-j-neighbours")
        area = gr.Dropdown(choices=area_choices, value="overall", label="Area", elem_id="ra-j-area")
        grade = gr.Dropdown(choices=GRADES, value="", label="Grade", elem_id="ra-j-grade")
    with gr.Row():
        since = gr.Textbox(label="Since (2018 or 2018-04-01)", max_length=10, elem_id="ra-j-since")
        until = gr.Textbox(label="Until", max_length=10, elem_id="ra-j-until")
        latest = gr.Checkbox(label="Only each council's latest report", elem_id="ra-j-latest")
        go = gr.Button("Show", variant="primary", elem_id="ra-j-show")
    summary = gr.HTML(elem_id="ra-j-summary")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            chart = gr.HTML(elem_id="ra-j-chart")
            table = gr.HTML(elem_id="ra-j-table")
        with gr.Column(scale=2):
            gr.HTML('<aside id="ra-source-judgements" class="ra-source" aria-live="polite"><p class="ra-muted">'
                    'Click a reference to read where the report states the grade.</p></aside>')
    inputs = [chosen, near, area, grade, since, until, latest]
    go.click(show, inputs, [summary, chart, table], api_name="judgements")
    for control in (chosen, near, area, grade, latest):
        control.change(show, inputs, [summary, chart, table], api_name=False)


def table_html(rows: list[JudgementRow], labels: dict[str, str]) -> str:
    if not rows:
        return '<p class="ra-muted">No judgements match these filters.</p>'
    e = html.escape
    body = []
    for r in rows:
        label = labels.get(r.report_id, r.report)
        body.append(
            f"<tr><td>{e(r.authority)}</td><td>{e(r.date)}</td><td>{e(r.type)}</td>"
            f'<td title="{e(r.area_text)}">{e(BY_KEY[r.area].label if r.area in BY_KEY else r.area)}</td>'
            f'<td class="ra-grade ra-grade-{r.grade_number or 0}">{e(r.grade)}</td>'
            f'<td><a class="ra-cite" href="#cite/{e(r.report_id)}/{e(r.ref)}">[{e(label)}, {e(r.ref)}]</a></td></tr>')
    return ('<table class="ra-judgements"><thead><tr><th>Council</th><th>Date</th><th>Framework</th><th>Area</th>'
            '<th>Grade</th><th>Stated in</th></tr></thead><tbody>' + "".join(body) + "</tbody></table>")


def chart_svg(rows: list[JudgementRow], area: str, width: int = 720, height: int = 300) -> str:
    """Grades over time for one area, a line per council (at most MOST_SERIES councils)."""
    points = [r for r in rows if r.area == area and r.grade_number and r.date[:4].isdigit()]
    if not points:
        return '<p class="ra-muted">Nothing to chart: no graded judgements of this area match.</p>'
    councils = list(dict.fromkeys(sorted((r.authority for r in points), key=lambda a: a)))
    shown = councils[:MOST_SERIES]
    left, right, top, bottom = 190, 16, 16, 64
    years = [_year(r.date) for r in points]
    x0, x1 = int(min(years)), int(max(years)) + 1
    if x1 - x0 < 2:
        x0, x1 = x0 - 1, x1 + 1
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(value: float) -> float:
        return left + (value - x0) / (x1 - x0) * plot_w

    def y(grade: int) -> float:
        return top + (grade - 1) / 3 * plot_h

    e = html.escape
    label = BY_KEY[area].label if area in BY_KEY else area
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="ra-chart" role="img" viewBox="0 0 {width} '
             f'{height + 22 * ((len(shown) + 2) // 3)}" width="100%" aria-label="{e(f"Grades for {label} over time")}">']
    for grade, name in GRADE_ROWS:
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(grade):.1f}" y2="{y(grade):.1f}" '
                     f'stroke="#dcdcdc"/><text x="{left - 8}" y="{y(grade) + 4:.1f}" text-anchor="end" '
                     f'font-size="12">{e(name)}</text>')
    step = max(1, (x1 - x0) // 8)
    for year in range(x0, x1 + 1, step):
        parts.append(f'<line x1="{x(year):.1f}" x2="{x(year):.1f}" y1="{top}" y2="{top + plot_h}" stroke="#f0f0f0"/>'
                     f'<text x="{x(year):.1f}" y="{top + plot_h + 18}" text-anchor="middle" font-size="12">{year}'
                     f'</text>')
    for n, council in enumerate(shown):
        colour, marker = PALETTE[n % len(PALETTE)], MARKERS[n % len(MARKERS)]
        own = sorted((r for r in points if r.authority == council), key=lambda r: r.date)
        coords = [(x(_year(r.date)), y(r.grade_number)) for r in own]
        if len(coords) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in coords)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for r, (px, py) in zip(own, coords):
            parts.append(f'<g class="ra-point" data-council="{e(council)}">{_marker(marker, px, py, colour)}'
                         f'<title>{e(council)}, {e(r.date)}: {e(r.grade)}</title></g>')
        lx, ly = left + (n % 3) * (plot_w / 3), top + plot_h + 40 + 22 * (n // 3)
        parts.append(f'{_marker(marker, lx, ly - 4, colour)}<text x="{lx + 10:.1f}" y="{ly:.1f}" font-size="12">'
                     f'{e(council)}</text>')
    parts.append("</svg>")
    note = (f'<p class="ra-muted">The chart shows the first {len(shown)} of {len(councils)} councils; the table '
            f'lists them all.</p>' if len(councils) > len(shown) else "")
    return "".join(parts) + note


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if shape == "diamond":
        return f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}" ' \
               f'fill="{colour}"/>'
    if shape == "triangle":
        return f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def _year(iso: str) -> float:
    """ "2023-07-01" -> 2023.5: a point's place on the time axis."""
    d = date.fromisoformat(iso[:10]) if len(iso) >= 10 else date(int(iso[:4]), 7, 1)
    return d.year + (d.timetuple().tm_yday - 1) / 366
