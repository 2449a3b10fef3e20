() => {
  // Citation links (#cite/<report>/<paragraph>) open the paragraph in the side panel.
  // Everything from the server is written with textContent: report text is never HTML.
  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  };
  async function show(report, ref) {
    const panel = document.getElementById("ra-source");
    if (!panel) return;
    panel.replaceChildren(el("p", "ra-muted", "Loading paragraph " + ref + "…"));
    let data;
    try {
      const res = await fetch("ui/paragraph/" + encodeURIComponent(report) + "/" + encodeURIComponent(ref));
      data = await res.json();
      if (!res.ok) throw new Error(data.detail || res.statusText);
    } catch (err) {
      panel.replaceChildren(el("p", "ra-error", "Could not load the paragraph: " + err.message));
      return;
    }
    const head = el("div", "ra-source-head");
    head.append(el("h3", null, "Paragraph " + data.paragraph), el("p", "ra-muted", data.authority + " — " +
      data.title + " (published " + data.published + ")"));
    if (data.section.length) head.append(el("p", "ra-section", data.section.join(" › ")));
    if (data.judgement) head.append(el("p", "ra-judgement", "Judgement: " + data.judgement));
    const body = el("div", "ra-source-text");
    if (data.text) body.append(el("p", "ra-paragraph-text", data.text));
    for (const rec of data.recommendations) {
      const item = el("p", "ra-rec");
      item.append(el("span", "ra-deadline", rec.timescale || "No deadline"), document.createTextNode(" " + rec.text));
      body.append(item);
    }
    panel.replaceChildren(head, body);
    panel.dataset.report = data.report_id;
    panel.dataset.paragraph = data.paragraph;
  }
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest('a[href^="#cite/"]');
    if (!link) return;
    event.preventDefault();
    const [, report, ref] = link.getAttribute("href").split("/");
    show(decodeURIComponent(report), decodeURIComponent(ref));
  }, true);
}
