// The registration desk's tick list: filter as you type, one tap marks present (a second tap takes it back).
(function () {
  "use strict";
  const table = document.getElementById("tick-table");
  if (!table) return;
  const rows = Array.from(table.querySelectorAll("tr.tick-row"));
  const search = document.getElementById("tick-search");
  const message = document.getElementById("tick-message");
  const counter = document.getElementById("present-count");
  const none = document.getElementById("tick-none");
  const csrf = document.querySelector("input[name=csrfmiddlewaretoken]").value;

  // With JavaScript the whole row is the button; the per-row forms are the fallback without it.
  table.querySelectorAll(".no-js-only").forEach((cell) => cell.classList.add("d-none"));

  search.addEventListener("input", () => {
    const words = search.value.toLowerCase().trim().split(/\s+/).filter(Boolean);
    let shown = 0;
    rows.forEach((row) => {
      const hit = words.every((w) => row.dataset.search.includes(w));
      row.classList.toggle("d-none", !hit);
      if (hit) shown += 1;
    });
    none.classList.toggle("d-none", shown > 0);
  });

  function setPresent(row, present) {
    row.classList.toggle("is-present", present);
    row.setAttribute("aria-pressed", present ? "true" : "false");
    const mark = row.querySelector(".tick-mark");
    mark.classList.toggle("bi-check-circle-fill", present);
    mark.classList.toggle("bi-circle", !present);
  }

  async function toggle(row) {
    if (row.classList.contains("is-busy")) return;
    row.classList.add("is-busy");
    const body = new FormData();
    body.append("registration", row.dataset.registration);
    body.append("action", row.classList.contains("is-present") ? "undo" : "present");
    try {
      const response = await fetch(table.dataset.url, {
        method: "POST",
        headers: { "X-CSRFToken": csrf, Accept: "application/json" },
        body: body,
        credentials: "same-origin",
      });
      const data = await response.json();
      if (data.ok) {
        setPresent(row, data.present);
        counter.textContent = data.present_count;
        message.className = "small mt-2 " + (data.present ? "text-success" : "text-secondary");
      } else {
        message.className = "small mt-2 text-danger";
      }
      message.textContent = data.message;
    } catch (error) {
      message.className = "small mt-2 text-danger";
      message.textContent = table.dataset.failed;
    } finally {
      row.classList.remove("is-busy");
      if (search.value) { search.select(); }
    }
  }

  // A volunteer out of office that day has no box: their line says why, and a tap would only be refused.
  rows.filter((row) => !row.dataset.outOfOffice).forEach((row) => {
    row.addEventListener("click", () => toggle(row));
    row.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); toggle(row); }
    });
  });
})();
