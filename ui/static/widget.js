/*
 * report-assistant widget: one tag adds a chat bubble and panel to any page.
 *   <script src="http://HOST:PORT/widget.js" data-title="Ask the inspection reports"
 *           data-report="" data-api-key="" defer></script>
 * Plain JavaScript, no build step, no third-party code. It lives in a shadow root so the
 * host page's styles cannot reach it and its styles cannot leak out. Every piece of text
 * from the server or the user is inserted with textContent, never as HTML.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__reportAssistantWidget) return;
  window.__reportAssistantWidget = true;
  var server = new URL(script.src, document.baseURI).origin;
  var title = script.getAttribute("data-title") || "Ask the inspection reports";
  var apiKey = script.getAttribute("data-api-key") || "";
  var report = script.getAttribute("data-report") || null;
  var history = [];

  var CSS = [
    ":host { all: initial; }",
    "* { box-sizing: border-box; font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.4; letter-spacing: normal; text-transform: none; }",
    ".bubble { position: fixed; right: 20px; bottom: 20px; width: 56px; height: 56px; border-radius: 50%; border: 0; background: #1d70b8; color: #fff; font-size: 26px; cursor: pointer; box-shadow: 0 2px 8px rgba(0,0,0,.3); z-index: 2147483646; }",
    ".bubble:focus-visible, button:focus-visible, textarea:focus-visible, a:focus-visible { outline: 3px solid #ffdd00; outline-offset: 2px; }",
    ".panel { position: fixed; right: 20px; bottom: 88px; width: min(420px, calc(100vw - 40px)); height: min(560px, calc(100vh - 120px)); background: #fff; color: #0b0c0c; border: 1px solid #b1b4b6; border-radius: 8px; display: flex; flex-direction: column; box-shadow: 0 4px 16px rgba(0,0,0,.25); z-index: 2147483647; }",
    ".panel[hidden] { display: none; }",
    "header { display: flex; align-items: center; justify-content: space-between; padding: 10px 12px; background: #1d70b8; color: #fff; border-radius: 8px 8px 0 0; }",
    "header h2 { margin: 0; font-size: 16px; font-weight: bold; color: #fff; }",
    "header button { background: transparent; border: 0; color: #fff; font-size: 20px; cursor: pointer; }",
    ".log { flex: 1; overflow-y: auto; padding: 10px 12px; }",
    ".msg { margin: 0 0 10px 0; padding: 8px 10px; border-radius: 6px; white-space: pre-wrap; }",
    ".user { background: #e8f1f8; margin-left: 40px; }",
    ".bot { background: #f3f2f1; margin-right: 20px; }",
    ".refused { background: #fdf0ef; border-left: 4px solid #d4351c; }",
    ".error { background: #fff4eb; border-left: 4px solid #f47738; }",
    ".cites { margin: 6px 0 0 0; padding: 0; list-style: none; }",
    ".cites li { margin: 4px 0; }",
    ".cite { background: none; border: 0; padding: 0; color: #1d70b8; text-decoration: underline; cursor: pointer; font-weight: bold; }",
    ".quote { display: block; margin: 4px 0 0 0; padding: 4px 8px; border-left: 3px solid #b1b4b6; color: #383f43; }",
    "form { display: flex; gap: 6px; padding: 10px 12px; border-top: 1px solid #b1b4b6; }",
    "textarea { flex: 1; resize: none; height: 44px; padding: 6px; border: 2px solid #0b0c0c; border-radius: 4px; color: #0b0c0c; background: #fff; }",
    "form button { background: #00703c; color: #fff; border: 0; border-radius: 4px; padding: 0 14px; cursor: pointer; font-weight: bold; }",
    "form button[disabled] { background: #505a5f; }",
    ".sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }"
  ].join("\n");

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  var host = el("div", { id: "report-assistant-widget" });
  var root = host.attachShadow({ mode: "open" });
  root.appendChild(el("style", {}, CSS));
  var bubble = el("button", { "class": "bubble", type: "button", "aria-label": "Open: " + title,
                              "aria-expanded": "false", "aria-controls": "ra-panel" }, "?");
  var panel = el("section", { "class": "panel", id: "ra-panel", role: "dialog", "aria-label": title, hidden: "" });
  var header = el("header");
  var heading = el("h2", {}, title);
  var close = el("button", { type: "button", "aria-label": "Close" }, "\u00d7");
  header.append(heading, close);
  var log = el("div", { "class": "log", role: "log", "aria-live": "polite", "aria-label": "Conversation" });
  var form = el("form", {});
  var label = el("label", { "for": "ra-input", "class": "sr" }, "Your question");
  var input = el("textarea", { id: "ra-input", maxlength: "2000", placeholder: "Ask about the reports…",
                               "aria-label": "Your question" });
  var send = el("button", { type: "submit" }, "Ask");
  form.append(label, input, send);
  panel.append(header, log, form);
  root.append(bubble, panel);

  function open(show) {
    panel.hidden = !show;
    bubble.setAttribute("aria-expanded", String(show));
    if (show) input.focus(); else bubble.focus();
  }
  bubble.addEventListener("click", function () { open(panel.hidden); });
  close.addEventListener("click", function () { open(false); });
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") open(false); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });

  function say(cls, text) {
    var msg = el("div", { "class": "msg " + cls }, text);
    log.appendChild(msg);
    log.scrollTop = log.scrollHeight;
    return msg;
  }

  function showAnswer(data) {
    var msg = say("bot" + (data.refused ? " refused" : ""), data.answer);
    if (data.citations && data.citations.length) {
      var list = el("ul", { "class": "cites", "aria-label": "Sources" });
      data.citations.forEach(function (c) {
        var item = el("li");
        var btn = el("button", { "class": "cite", type: "button", "aria-expanded": "false" },
                     "Paragraph " + c.paragraph + " \u2014 " + c.authority);
        var quote = el("span", { "class": "quote", hidden: "" }, (c.section || []).join(" \u203a ") + ": " + c.quote);
        btn.addEventListener("click", function () {
          quote.hidden = !quote.hidden;
          btn.setAttribute("aria-expanded", String(!quote.hidden));
        });
        item.append(btn, quote);
        list.appendChild(item);
      });
      msg.appendChild(list);
    }
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var question = input.value.trim();
    if (!question) return;
    say("user", question);
    input.value = "";
    send.disabled = true;
    var headers = { "Content-Type": "application/json" };
    if (apiKey) headers["X-API-Key"] = apiKey;
    fetch(server + "/api/ask", { method: "POST", headers: headers,
      body: JSON.stringify({ question: question, history: history.slice(-6), report: report }) })
      .then(function (res) {
        return res.json().then(function (data) { return { ok: res.ok, data: data }; });
      })
      .then(function (r) {
        if (!r.ok) { say("error", "Sorry: " + (typeof r.data.detail === "string" ? r.data.detail : "the request was refused")); return; }
        history.push(question);
        showAnswer(r.data);
      })
      .catch(function () { say("error", "Sorry: the report assistant could not be reached."); })
      .then(function () { send.disabled = false; input.focus(); });
  });

  function mount() { document.body.appendChild(host); }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
