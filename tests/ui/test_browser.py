"""The chat page and the widget in a real browser (Debian's chromium via Playwright).

Every request the pages make is recorded: none may leave 127.0.0.1.
"""
from __future__ import annotations

import http.server
import re
import threading
from functools import partial
from urllib.parse import urlparse

import pytest

from tests.ui.conftest import ARTIFACTS, free_port, start_server

pytestmark = pytest.mark.browser

SG = "south-gloucestershire-2012-07-06"


def _only_local(requests: list[str]) -> None:
    hosts = {urlparse(u).hostname for u in requests if not u.startswith(("data:", "blob:", "about:"))}
    assert hosts <= {"127.0.0.1"}, f"requests left the machine: {hosts}"


def _ask_on_page(page, question: str) -> None:
    page.fill("#ra-question textarea", question)
    page.click("#ra-ask")


def _open_chat(page, server: str) -> None:
    page.goto(server + "/")
    page.wait_for_selector("#ra-question textarea")


def test_chat_page_cites_and_opens_sources(server, page):
    _open_chat(page, server)
    _ask_on_page(page, "What must happen within three months for health partners?")
    page.wait_for_function("document.querySelectorAll('#ra-chat a.ra-cite').length >= 4", timeout=60_000)
    hrefs = page.eval_on_selector_all("#ra-chat a.ra-cite", "els => els.map(e => e.getAttribute('href'))")
    assert f"#cite/{SG}/20" in hrefs and f"#cite/{SG}/60" in hrefs
    answer = page.inner_text("#ra-chat")
    for phrase in ("supervision", "nationality", "Being Healthy", "whole system"):
        assert phrase in answer
    page.click(f'#ra-chat a.ra-cite[href="#cite/{SG}/20"] >> nth=0')
    page.wait_for_selector("#ra-source .ra-source-text")
    panel = page.inner_text("#ra-source")
    assert "Paragraph 20" in panel and "Safeguarding services › Areas for improvement" in panel
    assert "In order to improve the quality of provision and services for safeguarding children" in panel
    assert "Within three months" in panel and "South Gloucestershire" in panel
    page.screenshot(path=str(ARTIFACTS / "chat-page.png"), full_page=True)

    page.click("#ra-copy")
    page.wait_for_selector("#ra-copied textarea")
    copied = page.input_value("#ra-copied textarea")
    assert "References:" in copied and "paragraph 20" in copied and "<a" not in copied
    _only_local(page.requests)


def test_refusal_looks_like_a_refusal(server, page):
    _open_chat(page, server)
    _ask_on_page(page, "What's the recipe for a sponge cake?")
    page.wait_for_selector("#ra-chat .ra-refusal", timeout=60_000)
    assert "Not found in the indexed reports" in page.inner_text("#ra-chat .ra-refusal")
    assert page.locator("#ra-chat a.ra-cite").count() == 0
    _only_local(page.requests)


def test_report_selector_and_follow_up(server, page):
    _open_chat(page, server)
    page.click("#ra-report input")
    page.get_by_role("option", name="South Gloucestershire", exact=False).click()
    _ask_on_page(page, "What must happen within three months for health partners?")
    page.wait_for_function("document.querySelectorAll('#ra-chat a.ra-cite').length >= 4", timeout=60_000)
    _ask_on_page(page, "and immediately?")
    page.wait_for_function("document.body.innerText.includes('independent health practitioners')", timeout=60_000)
    _only_local(page.requests)


def test_widget_answers_and_stays_inert(server, page):
    page.goto(server + "/widget/demo")
    host_button_font = page.eval_on_selector("#host-button", "e => getComputedStyle(e).fontFamily")
    assert "Comic Sans" in host_button_font
    bubble = page.locator("#report-assistant-widget >> css=button.bubble")
    bubble.wait_for()
    assert bubble.get_attribute("aria-label").startswith("Open:")
    # the host page's "button { background: hotpink }" must not reach the widget
    assert page.eval_on_selector("#report-assistant-widget", "h => getComputedStyle(h.shadowRoot.querySelector("
                                 "'.bubble')).backgroundColor") == "rgb(29, 112, 184)"
    bubble.focus()
    page.keyboard.press("Enter")  # keyboard-usable
    textbox = page.locator("#report-assistant-widget >> css=textarea")
    textbox.wait_for()
    assert page.evaluate("document.querySelector('#report-assistant-widget').shadowRoot.activeElement.id") == "ra-input"
    textbox.fill("What grade did partnership working get?")
    page.keyboard.press("Enter")
    page.locator("#report-assistant-widget >> css=.msg.bot").wait_for(timeout=60_000)
    answer = page.locator("#report-assistant-widget >> css=.msg.bot").inner_text()
    assert "Good (Grade 2)" in answer and "Paragraph 51" in answer
    page.locator("#report-assistant-widget >> css=button.cite").first.click()
    assert "Partnership working" in page.locator("#report-assistant-widget >> css=.quote").first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "widget.png"))

    # report text and questions carrying HTML stay text: no dialog, no element created
    textbox.fill("What does the sign in the sensory garden in Xss Town say? <img src=x onerror=alert(3)><script>alert(4)</script>")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#report-assistant-widget').shadowRoot"
                           ".querySelectorAll('.msg.bot').length >= 2", timeout=60_000)
    page.wait_for_timeout(500)
    shadow_html = page.evaluate("document.querySelector('#report-assistant-widget').shadowRoot.innerHTML")
    assert "onerror=alert(1)" in page.locator("#report-assistant-widget >> css=.msg.bot").nth(1).inner_text()
    assert "<img" not in shadow_html.split("</style>")[1] and "<script>alert" not in shadow_html
    assert page.dialogs == []
    page.keyboard.press("Escape")
    assert page.locator("#report-assistant-widget >> css=.panel").is_hidden()
    _only_local(page.requests)


def test_chat_page_keeps_report_html_inert(server, page):
    _open_chat(page, server)
    _ask_on_page(page, "What does the sign in the sensory garden in Xss Town say?")
    page.wait_for_function("document.querySelectorAll('#ra-chat a.ra-cite').length >= 1", timeout=60_000)
    page.click("#ra-chat a.ra-cite >> nth=0")
    page.wait_for_selector("#ra-source .ra-source-text")
    page.wait_for_timeout(500)
    assert page.dialogs == []
    assert page.locator("#ra-chat img, #ra-source img").count() == 0
    assert "onerror=alert(1)" in page.locator("#ra-source").inner_text()  # shown as text, not dropped

    # the user's own words carrying markup: echoed as text, and the refusal too
    payload = 'Xss Town sign? <img src=x onerror=alert(5)><script>alert(6)</script><svg onload=alert(7)>'
    _ask_on_page(page, payload)
    page.wait_for_function("document.querySelector('#ra-chat').innerText.includes('onerror=alert(5)')",
                           timeout=60_000)
    page.wait_for_function("document.querySelectorAll('#ra-chat .message-row, #ra-chat [data-testid=bot]')"
                           ".length >= 4", timeout=60_000)
    page.wait_for_timeout(1000)
    assert page.dialogs == []
    assert page.locator("#ra-chat img, #ra-chat svg[onload], #ra-chat script").count() == 0
    _only_local(page.requests)


def test_widget_on_another_origin_with_key(web_data, browser, tmp_path):
    """The embedding case: an intranet page on another origin, an allowed origin and an API key."""
    host_port = free_port()
    api_url, proc = start_server(web_data, {"REPORT_ASSISTANT_API_KEY": "k-123"},
                                 ("--allow-origin", f"http://127.0.0.1:{host_port}"))
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html><body><h1>Intranet</h1><script src="{api_url}/widget.js" '
        f'data-title="Ask us" data-api-key="k-123" defer></script></body></html>')
    (tmp_path / "nokey.html").write_text(
        f'<!doctype html><html><body><script src="{api_url}/widget.js" defer></script></body></html>')
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", host_port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        for name, expect in (("index.html", "Good (Grade 2)"), ("nokey.html", "API key")):
            page.goto(f"http://127.0.0.1:{host_port}/{name}")
            page.locator("#report-assistant-widget >> css=button.bubble").click()
            page.locator("#report-assistant-widget >> css=textarea").fill("What grade did partnership working get?")
            page.keyboard.press("Enter")
            page.locator("#report-assistant-widget >> css=.msg.bot, .msg.error").first.wait_for(timeout=60_000)
            assert expect in page.locator("#report-assistant-widget >> css=.log").inner_text()
        _only_local(requests)
    finally:
        context.close()
        httpd.shutdown()
        proc.terminate()
        proc.wait(timeout=30)


def test_page_over_the_rate_limit_says_so(web_data, page):
    url, proc = start_server(web_data, args=("--rate-limit", "2"))  # the page's load event spends one
    try:
        _open_chat(page, url)
        _ask_on_page(page, "What grade did partnership working get?")
        page.wait_for_function("document.querySelectorAll('#ra-chat a.ra-cite').length >= 1", timeout=60_000)
        _ask_on_page(page, "How was capacity for improvement judged?")
        toast = page.get_by_text(re.compile(r"too many requests: at most 2 a minute .* try again in \d+ s"))
        toast.first.wait_for(timeout=30_000)
        assert page.locator("#ra-chat a.ra-cite").count() == 1  # nothing half-answered
        _only_local(page.requests)
    finally:
        proc.terminate()  # with the page still open on it: a stop must not wait on its event stream
        proc.wait(timeout=30)


def test_judgements_view_filters_charts_and_cites(server, page):
    _open_chat(page, server)
    page.get_by_role("tab", name="Judgements").click()
    page.click("#ra-j-show")
    page.wait_for_selector("table.ra-judgements")
    rows = page.locator("table.ra-judgements tbody tr")
    # overall effectiveness: South Gloucestershire graded it twice (safeguarding, looked after), Xss Town once
    assert rows.count() == 3
    assert "3 judgements from 2 reports of 2 indexed" in page.inner_text("#ra-j-summary")
    legend = page.locator("#ra-j-chart svg text").all_text_contents()
    assert "South Gloucestershire" in legend and "Xss Town" in legend and "Outstanding" in legend
    assert page.locator("#ra-j-chart svg .ra-point").count() == 3
    # a filter narrows the table and the chart together
    page.locator("#ra-j-grade input").click()
    page.get_by_role("option", name="Inadequate").click()
    page.wait_for_function("document.querySelector('#ra-j-summary').innerText.includes('0 judgements')")
    page.locator("#ra-j-grade input").click()
    page.get_by_role("option", name="Any grade").click()
    page.locator("#ra-j-area input").click()
    page.get_by_role("option", name="Partnership working").click()
    page.wait_for_function("document.querySelectorAll('table.ra-judgements tbody tr').length === 1")
    assert "Good" in page.inner_text("table.ra-judgements")
    # its reference opens the paragraph that states the grade, beside the table
    page.click("table.ra-judgements a.ra-cite")
    page.wait_for_selector("#ra-source-judgements .ra-source-text")
    assert "Partnership working" in page.inner_text("#ra-source-judgements")
    page.screenshot(path=str(ARTIFACTS / "judgements.png"), full_page=True)
    _only_local(page.requests)


def test_add_reports_tab_is_off_without_a_key(server, page):
    _open_chat(page, server)
    page.get_by_role("tab", name="Add reports").click()
    assert "REPORT_ASSISTANT_API_KEY" in page.inner_text("#ra-upload-off")
    assert page.locator("#ra-upload-files").count() == 0


def test_add_reports_from_the_page_ask_and_remove(tmp_path, page):
    from tests.conftest import BAD_HTML, SHARED

    url, proc = start_server(tmp_path / "data", {"REPORT_ASSISTANT_API_KEY": "page-key"}, ("--rate-limit", "0"))
    try:
        _open_chat(page, url)
        page.get_by_role("tab", name="Add reports").click()
        page.fill("#ra-upload-key", "page-key")
        page.set_input_files("#ra-upload-files", [str(SHARED / "corpus" / "barking-and-dagenham-2019-04-01.pdf"),
                                                  str(SHARED / "oldham-2024-07-12.pdf"), str(BAD_HTML)])
        page.click("#ra-upload-go")
        page.wait_for_function("document.querySelectorAll('#ra-upload-list li[data-state]').length === 3",
                               timeout=180_000)
        rows = {r.get_attribute("data-file"): (r.get_attribute("data-state"), r.inner_text())
                for r in page.locator("#ra-upload-list li").all()}
        assert rows["barking-and-dagenham-2019-04-01.pdf"][0] == "added"
        assert "Barking and Dagenham | ilacs-standard" in rows["barking-and-dagenham-2019-04-01.pdf"][1]
        assert rows["oldham-2024-07-12.pdf"][0] == "added" and "overall Good" in rows["oldham-2024-07-12.pdf"][1]
        state, text = rows[BAD_HTML.name]
        assert state == "refused" and "HTML" in text
        page.wait_for_selector("#ra-indexed li[data-id='oldham-2024-05-24']")

        page.get_by_role("tab", name="Ask").click()
        _ask_on_page(page, "What was Oldham's overall effectiveness grade?")
        page.wait_for_function("document.querySelectorAll('#ra-chat a.ra-cite').length >= 1", timeout=60_000)
        assert "#cite/oldham-2024-05-24/" in page.get_attribute("#ra-chat a.ra-cite >> nth=0", "href")

        page.get_by_role("tab", name="Add reports").click()
        row = page.locator("#ra-indexed li[data-id='oldham-2024-05-24']")
        row.locator(".ra-remove").click()
        row.locator(".ra-remove-no").click()  # cancelling keeps it
        assert row.locator(".ra-confirm").count() == 0
        row.locator(".ra-remove").click()
        row.locator(".ra-remove-yes").click()
        page.wait_for_function("document.querySelector(\"#ra-indexed li[data-id='oldham-2024-05-24']\")"
                               ".innerText.includes('Removed')")
        page.click("#ra-upload-refresh")
        page.wait_for_function("!document.querySelector(\"#ra-indexed li[data-id='oldham-2024-05-24']\")")
        ids = page.eval_on_selector_all("#ra-indexed li", "els => els.map(e => e.dataset.id)")
        assert "barking-and-dagenham-2019-03-01" in ids and "oldham-2024-05-24" not in ids
        page.screenshot(path=str(ARTIFACTS / "add-reports.png"), full_page=True)
        _only_local(page.requests)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
