// The monthly report grid (templates/activity/grid.html): Tab through the numbers, and each row is saved when the
// cursor leaves it (or on Enter), without reloading. Without JavaScript each row is its own form with a button.
(function () {
  "use strict";
  const table = document.getElementById("activity-grid");
  if (!table || table.dataset.editable !== "1") return;
  const rows = Array.from(table.querySelectorAll("tbody tr[data-form]"));

  // With JavaScript rows save themselves: the buttons would only add a Tab stop per row.
  table.querySelectorAll(".no-js-only").forEach((button) => button.classList.add("d-none"));

  const inputs = (row) => Array.from(row.querySelectorAll("input[form]"));
  const snapshot = (row) => inputs(row).map((input) => input.value).join("\u0001");
  rows.forEach((row) => { row.dataset.saved = snapshot(row); });

  // The page's words, in its language (templates/activity/grid.html).
  const text = table.dataset;

  function show(row, kind, message) {
    const state = row.querySelector(".row-state");
    state.textContent = message;
    state.className = "row-state small " + (kind === "error" ? "text-danger fw-semibold" : kind === "ok" ? "text-success" : "text-muted");
    row.classList.toggle("row-error", kind === "error");
    // The reason again beside the name: the state's column is off screen once the cursor is back at the left.
    const beside = row.querySelector(".row-message");
    if (beside) beside.textContent = kind === "error" ? message : "";
  }

  function markInvalid(row, errors) {
    inputs(row).forEach((input) => { input.classList.remove("is-invalid"); input.removeAttribute("aria-invalid"); });
    Object.keys(errors || {}).forEach((field) => {
      const input = row.querySelector(`input[name="${field === "problems" ? "problems" : "k_" + field}"]`);
      if (input) { input.classList.add("is-invalid"); input.setAttribute("aria-invalid", "true"); }
    });
  }

  function save(row) {
    if (snapshot(row) === row.dataset.saved) {
      // Put back as it was saved: nothing to send, and the refusal of what was typed before no longer holds.
      if (row.classList.contains("row-error") && !row.dataset.busy) {
        markInvalid(row, {});
        show(row, "ok", text.textKept);
      }
      return Promise.resolve();
    }
    if (row.dataset.busy) { row.dataset.again = "1"; return row.pending; }
    row.pending = send(row);
    return row.pending;
  }

  async function send(row) {
    const form = document.getElementById(row.dataset.form);
    row.dataset.busy = "1";
    show(row, "busy", text.textSaving);
    const sent = snapshot(row);
    try {
      const response = await fetch(form.action, {
        method: "POST",
        headers: { "X-CSRFToken": form.querySelector("input[name=csrfmiddlewaretoken]").value, Accept: "application/json" },
        body: new FormData(form),
        credentials: "same-origin",
      });
      let data;
      try { data = await response.json(); } catch (error) { data = { ok: false, message: text.textFailed.replace("{status}", response.status) }; }
      markInvalid(row, data.errors);
      if (data.ok) {
        form.querySelector("input[name=report]").value = data.report;
        form.querySelector("input[name=saved_at]").value = data.saved_at;
        // Blank cells come back as the 0 they were saved as, unless the officer has typed on meanwhile (then what
        // was typed since stays unsaved, and is sent when the row is left again).
        if (snapshot(row) === sent) {
          Object.entries(data.counts).forEach(([code, n]) => {
            const input = row.querySelector(`input[name="k_${code}"]`);
            if (input) input.value = n;
          });
          row.dataset.saved = snapshot(row);
        } else {
          row.dataset.saved = sent;
        }
        show(row, "ok", data.message);
      } else {
        show(row, "error", data.message);
      }
    } catch (error) {
      show(row, "error", text.textOffline);
    } finally {
      delete row.dataset.busy;
      if (row.dataset.again) {
        delete row.dataset.again;
        if (snapshot(row) !== row.dataset.saved) await send(row);
      }
    }
  }

  rows.forEach((row) => {
    row.addEventListener("focusout", (event) => {
      if (!row.contains(event.relatedTarget)) save(row);
    });
  });
  document.querySelectorAll("form.grid-row-form").forEach((form) => {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const row = table.querySelector(`tr[data-form="${form.id}"]`);
      if (row) save(row);
    });
  });
  // Tab from the page's last cell goes on to the next page's link (past the previous page and the page numbers).
  const next = document.querySelector("[data-testid=grid-next-page]");
  const lastRow = rows[rows.length - 1];
  if (next && lastRow) {
    const cells = inputs(lastRow);
    cells[cells.length - 1].addEventListener("keydown", (event) => {
      if (event.key === "Tab" && !event.shiftKey) { event.preventDefault(); next.focus(); }
    });
  }
  // Going to another page right after typing: the rows are saved (and answered) before the page is left, as a fetch
  // still running when the page unloads may be cut off.
  document.querySelectorAll("[data-testid=grid-pages] a").forEach((link) => {
    link.addEventListener("click", async (event) => {
      const waiting = rows.filter((row) => row.dataset.busy || snapshot(row) !== row.dataset.saved);
      if (!waiting.length) return;
      event.preventDefault();
      await Promise.all(waiting.map((row) => row.dataset.busy ? row.pending : save(row)));
      if (!rows.some((row) => row.classList.contains("row-error"))) window.location.href = link.href;
    });
  });
  // Leaving the page right after typing: the last row is saved first.
  window.addEventListener("beforeunload", () => {
    rows.forEach((row) => { if (snapshot(row) !== row.dataset.saved) save(row); });
  });
})();
