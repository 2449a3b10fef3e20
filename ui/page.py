"""The Gradio chat page: events in, `assistant` calls, rendered answers out.

Citations become links (#cite/<report>/<paragraph>); page.js opens the paragraph in the
side panel from /ui/paragraph/... . All text from reports and users is HTML-escaped here.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import gradio as gr

from assistant.answer import Answer, QuestionError
from index.store import StoreUnavailable
from ui.guard import answered, log
from ui.judgements_view import judgements_tab

STATIC = Path(__file__).with_name("static")
EXAMPLES = [
    "What must happen within three months for health partners?",
    "What grade did partnership working get?",
    "How many children in care had their first health check on time?",
    "How was capacity for improvement judged?",
]
ALL = "__all__"


def render(answer: Answer) -> str:
    """Answer -> chat HTML: escaped text, citations as links, refusals visibly different."""
    if answer.refused:
        return (f'<div class="ra-refusal" role="note"><strong>Not found in the indexed reports.</strong> '
                f"{html.escape(answer.text)}</div>")
    labels = {c.label or c.paragraph: c for c in answer.citations}
    text = html.escape(answer.text)

    def link(m: re.Match) -> str:
        c = labels.get(html.unescape(m.group(1)))
        if c is None:
            return m.group(0)
        return (f'<a class="ra-cite" href="#cite/{html.escape(c.report_id)}/{html.escape(c.paragraph)}" '
                f'title="Show paragraph {html.escape(c.paragraph)} of {html.escape(c.authority)}">[{m.group(1)}]</a>')

    text = re.sub(r"\[([^\[\]]{1,80})\]", link, text)
    note = ""
    if answer.mode.startswith("llm") and answer.notes:
        note = f'<p class="ra-note">{html.escape("; ".join(answer.notes))}</p>'
    return text + note


def uploads_html(uploads) -> str:
    """The Add reports tab: a form page.js drives over /api/reports, or how to turn it on."""
    if uploads is None:
        return ('<div class="ra-off" id="ra-upload-off"><p><strong>Adding reports from the page is off.</strong></p>'
                '<p>To turn it on, start the server with an API key, for example '
                '<code>REPORT_ASSISTANT_API_KEY=… make run</code>, and give that key here. Without a key, add '
                'reports on the server with <code>report-assistant ingest PATH</code>.</p></div>')
    return (f'<div id="ra-upload" data-max-mb="{uploads.max_file_mb:g}" data-max-files="{uploads.max_files}">'
            '<p>Add Ofsted reports (PDF, .txt or .md, up to '
            f'{uploads.max_file_mb:g} MB each, {uploads.max_files} at a time). Each file is checked first; '
            'one that cannot be read as a report is refused with the reason, and nothing of it is indexed.</p>'
            '<label>API key <input type="password" id="ra-upload-key" autocomplete="off"></label> '
            '<input type="file" id="ra-upload-files" multiple accept=".pdf,.txt,.md"> '
            '<button type="button" id="ra-upload-go" class="ra-button">Add reports</button>'
            '<ul id="ra-upload-list" aria-live="polite"></ul>'
            '<h3>Indexed reports</h3><p><button type="button" id="ra-upload-refresh" class="ra-button">'
            'Show indexed reports</button></p><ul id="ra-indexed" aria-live="polite"></ul></div>')


def build_page(assistant, debug: bool = False, uploads=None) -> gr.Blocks:
    """uploads: the server's UploadLimits when adding reports from the page is on (an API key is set)."""
    def choices():
        try:
            catalog = assistant.retriever.snapshot().catalog
        except StoreUnavailable:  # the page still loads; asking says what is wrong
            catalog = {}
        return [("All indexed reports", ALL)] + [
            (f"{e.report.authority}: {e.report.title} ({e.report.published})", rid) for rid, e in catalog.items()]

    def respond(message: str, chat: list, report: str, state: dict, request: gr.Request):
        chat = list(chat or [])
        turns = list((state or {}).get("turns", []))  # the raw questions; the chat holds escaped HTML
        chat.append({"role": "user", "content": html.escape(message or "")})
        try:
            final = None
            for partial in assistant.stream(message or "", history=turns, report=None if report == ALL else report):
                final = partial
                if partial.mode.endswith("partial"):
                    yield "", chat + [{"role": "assistant", "content": html.escape(partial.text)}], state
            for shown in _reveal(render(final)):  # extractive answers arrive whole; show them growing
                yield "", chat + [{"role": "assistant", "content": shown}], state
            chat.append({"role": "assistant", "content": render(final)})
            state = {"plain": final.plain_text(), "turns": (turns + [message])[-6:]}
            answered("page", final, message, getattr(request, "client", None) and request.client.host, debug)
        except QuestionError as exc:
            chat.append({"role": "assistant", "content": f'<div class="ra-error">{html.escape(str(exc))}</div>'})
        except StoreUnavailable as exc:
            log.warning("index unavailable: %s", exc)
            chat.append({"role": "assistant", "content": '<div class="ra-error">The report index is unavailable '
                         'right now (its database is not answering). Please try again shortly.</div>'})
        yield "", chat, state

    with gr.Blocks(title="Report assistant", fill_height=True) as page:
        gr.Markdown("## Report assistant\nAsk about the indexed Ofsted inspection reports. "
                    "Every answer cites the paragraphs it rests on; click a citation to read it.")
        with gr.Tabs(elem_id="ra-tabs"):
            with gr.Tab("Ask", id="ask", elem_id="ra-tab-ask"):
                state = gr.State({"plain": "", "turns": []})
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3):
                        report = gr.Dropdown(choices=choices(), value=ALL, label="Reports", elem_id="ra-report")
                        chat = gr.Chatbot(label="Conversation", elem_id="ra-chat", height=460, buttons=[],
                                          sanitize_html=True)
                        with gr.Row():
                            box = gr.Textbox(label="Your question", placeholder="e.g. what must happen within "
                                             "three months for health partners?", elem_id="ra-question", scale=5,
                                             lines=1, max_length=2000)
                            send = gr.Button("Ask", variant="primary", elem_id="ra-ask", scale=1)
                        gr.Examples(EXAMPLES, inputs=box, label="Examples")
                        with gr.Row():
                            copy = gr.Button("Copy answer with references", elem_id="ra-copy", size="sm")
                            clear = gr.Button("New conversation", size="sm")
                        copied = gr.Textbox(label="Answer with references (plain text)", elem_id="ra-copied",
                                            lines=6, visible=False, buttons=["copy"])
                    with gr.Column(scale=2):
                        gr.HTML('<aside id="ra-source" class="ra-source" aria-live="polite"><p class="ra-muted">'
                                'Click a citation such as [20] to read the paragraph here, with its report, section, '
                                'judgement and deadline.</p></aside>', label="Source")
            with gr.Tab("Judgements", id="judgements", elem_id="ra-tab-judgements"):
                judgements_tab(assistant)
            with gr.Tab("Add reports", id="add", elem_id="ra-tab-add"):
                gr.HTML(uploads_html(uploads))
        send.click(respond, [box, chat, report, state], [box, chat, state], api_name="ask")
        box.submit(respond, [box, chat, report, state], [box, chat, state], api_name=False)
        copy.click(lambda s: gr.Textbox(value=s.get("plain", ""), visible=True), state, copied, api_name=False,
                   js="(s) => { if (s && s.plain && navigator.clipboard) { navigator.clipboard.writeText(s.plain)"
                      ".catch(() => {}); } return s; }")
        # reports ingested while the server runs appear on the next page load
        page.load(lambda: gr.Dropdown(choices=choices()), None, report, api_name=False)
        clear.click(lambda: ([], {"plain": "", "turns": []}, gr.Textbox(visible=False)), None, [chat, state, copied],
                    api_name=False)
    return page


def _reveal(text: str, steps: int = 6):
    """Prefixes of the answer cut at line or sentence ends, so it streams without cutting a tag."""
    cuts = [m.end() for m in re.finditer(r"(?:</a>|\.)\s|\n", text)]
    if len(cuts) <= 1:
        return
    stride = max(1, len(cuts) // steps)
    for cut in cuts[:-1:stride]:
        yield text[:cut]


def page_assets() -> tuple[str, str]:
    return (STATIC / "page.css").read_text(), (STATIC / "page.js").read_text()
