() => {
  // Citation links (#cite/<report>/<paragraph>) open the paragraph in the side panel.
  // Everything from the server is written with textContent: report text is never HTML.
  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  };
  async function show(report, ref, panel) {
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
    // the panel beside the link: the chat's, or the Judgements view's
    const tab = link.closest('[role="tabpanel"], .tabitem');
    const panel = (tab && tab.querySelector(".ra-source, #ra-source")) || document.getElementById("ra-source");
    show(decodeURIComponent(report), decodeURIComponent(ref), panel);
  }, true);

  // -- Add reports: one request per file, so each has its own progress bar and its own answer ----
  const $ = (id) => document.getElementById(id);
  const auditText = (r) => {
    const grades = Object.entries(r.grades || {}).map(([a, g]) => a + " " + g).join(", ") || "no judgements";
    return r.id + " — " + r.authority + " | " + r.type + " | inspected " + r.inspection_start + " to " +
      r.inspection_end + " | published " + (r.published || "?") + " | " + r.paragraphs + " paragraphs | " + grades;
  };
  function uploadOne(file, key) {
    return new Promise((resolve) => {
      const row = el("li", "ra-upload-row");
      const bar = el("progress");
      bar.max = 100; bar.value = 0;
      const status = el("span", "ra-muted", "uploading…");
      row.append(el("strong", null, file.name + " "), bar, document.createTextNode(" "), status);
      row.dataset.file = file.name;
      $("ra-upload-list").append(row);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "api/reports");
      xhr.setRequestHeader("X-API-Key", key);
      xhr.setRequestHeader("Accept", "application/x-ndjson");
      xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = 40 * e.loaded / e.total; };
      let seen = 0;
      const events = () => {
        const text = xhr.responseText;
        const lines = text.slice(seen).split("\n");
        seen = text.length - lines[lines.length - 1].length;
        for (const line of lines.slice(0, -1)) {
          if (!line.trim()) continue;
          const ev = JSON.parse(line);
          if (ev.stage === "embedding") {
            bar.value = 40 + 60 * ev.done / ev.total;
            status.textContent = "indexing: " + ev.done + " of " + ev.total + " paragraphs";
          } else if (ev.stage === "added" || ev.stage === "unchanged") {
            bar.value = 100;
            row.dataset.state = ev.stage;
            status.className = "ra-upload-ok";
            status.textContent = (ev.stage === "added" ? "added: " : "already indexed: ") + auditText(ev.report);
          } else if (ev.stage === "failed" || ev.stage === "error") {
            row.dataset.state = "refused";
            status.className = "ra-error";
            status.textContent = "refused: " + ev.detail;
          }
        }
      };
      xhr.onprogress = () => { if (xhr.status === 200) events(); };
      xhr.onload = () => {
        if (xhr.status === 200) { events(); }
        else {
          let detail = xhr.statusText;
          try { detail = JSON.parse(xhr.responseText).detail || detail; } catch (err) { /* not JSON */ }
          bar.remove();
          row.dataset.state = "refused";
          status.className = "ra-error";
          status.textContent = "refused: " + detail;
        }
        resolve();
      };
      xhr.onerror = () => {
        row.dataset.state = "refused"; status.className = "ra-error";
        status.textContent = "refused: the server could not be reached"; resolve();
      };
      const form = new FormData();
      form.append("files", file, file.name);
      xhr.send(form);
    });
  }
  async function listIndexed(key) {
    const list = $("ra-indexed");
    if (!list) return;
    const res = await fetch("api/reports", {headers: {"X-API-Key": key}});
    if (!res.ok) {
      let detail = res.statusText;
      try { detail = (await res.json()).detail; } catch (err) { /* not JSON */ }
      list.replaceChildren(el("li", "ra-error", detail));
      return;
    }
    const rows = (await res.json()).map((r) => {
      const item = el("li", "ra-indexed-row");
      item.dataset.id = r.id;
      const remove = el("button", "ra-button ra-remove", "Remove");
      remove.type = "button";
      remove.dataset.id = r.id;
      item.append(el("span", null, r.authority + " — " + r.title + " (" + r.id + ") "), remove);
      return item;
    });
    list.replaceChildren(...rows);
  }
  document.addEventListener("click", async (event) => {
    const target = event.target;
    if (!target || !target.closest) return;
    const key = ($("ra-upload-key") || {}).value || "";
    if (target.closest("#ra-upload-go")) {
      const files = Array.from(($("ra-upload-files") || {}).files || []);
      if (!files.length) return;
      for (const file of files) await uploadOne(file, key);  // one at a time: the server indexes one at a time
      await listIndexed(key);
    } else if (target.closest("#ra-upload-refresh")) {
      await listIndexed(key);
    } else if (target.closest(".ra-remove")) {
      // a second, explicit click confirms: removal cannot be undone from the page
      const button = target.closest(".ra-remove");
      const item = button.closest("li");
      if (item.querySelector(".ra-confirm")) return;
      const confirm = el("span", "ra-confirm", " Remove " + button.dataset.id + " from the index? ");
      const yes = el("button", "ra-button ra-remove-yes", "Yes, remove it");
      const no = el("button", "ra-button ra-remove-no", "Cancel");
      yes.type = no.type = "button";
      confirm.append(yes, no);
      item.append(confirm);
    } else if (target.closest(".ra-remove-no")) {
      target.closest(".ra-confirm").remove();
    } else if (target.closest(".ra-remove-yes")) {
      const item = target.closest("li");
      const res = await fetch("api/reports/" + encodeURIComponent(item.dataset.id),
        {method: "DELETE", headers: {"X-API-Key": key}});
      let data = {};
      try { data = await res.json(); } catch (err) { /* not JSON */ }
      if (res.ok) item.replaceChildren(el("span", "ra-muted", "Removed " + data.removed + "."));
      else item.querySelector(".ra-confirm").replaceChildren(el("span", "ra-error", data.detail || res.statusText));
    }
  });
}
