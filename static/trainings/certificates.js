// The certificates page while the worker makes the PDF: the bar and the count follow the batch, and the download
// link appears when the file is ready (trainings.views.certificates_progress).
(function () {
  const box = document.querySelector("[data-certificates]");
  // No batch part at all on a cancelled event's page.
  const working = box && box.querySelector("[data-batch-working]");
  if (!working || working.hidden) return;
  const ready = box.querySelector("[data-batch-ready]");
  const progress = box.querySelector("[role=progressbar]");
  const bar = progress.querySelector(".progress-bar");
  const count = box.querySelector("[data-testid=batch-count]");
  const status = box.querySelector("[data-testid=batch-status]");

  async function poll() {
    try {
      const response = await fetch(box.dataset.progressUrl, {headers: {Accept: "application/json"}, credentials: "same-origin"});
      if (response.ok) {
        const data = await response.json();
        bar.style.width = `${data.progress}%`;
        progress.setAttribute("aria-valuenow", data.progress);
        count.textContent = count.dataset.words.replace("{done}", data.done).replace("{total}", data.total);
        if (data.status_label) status.textContent = data.status_label;
        if (data.ready) {
          working.hidden = true;
          ready.hidden = false;
          ready.querySelector("a").focus();
          return;
        }
        // Failed or lost its worker: the page itself says what to do next.
        if (!data.working) { window.location.reload(); return; }
      }
    } catch (e) { /* a dropped poll is retried */ }
    setTimeout(poll, 700);
  }
  setTimeout(poll, 400);
})();
