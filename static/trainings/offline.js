// Check-in without signal (issue 17), on the tick list and the QR check-in page of one event day.
// "Prepare" stores the day's list (name, province, category, code) in IndexedDB and the two pages with their files in
// a cache of a service worker scoped to the day. From then on every tap is queued on the phone with a UUID and the
// time of the tap, shown as "n waiting to send", and sent to trainings/offline.py whenever there is signal; the server
// applies each item once, in the order tapped, and answers item by item.
(function () {
  "use strict";
  const panel = document.getElementById("offline-panel");
  if (!panel || !("indexedDB" in window) || !("caches" in window) || !("serviceWorker" in navigator)) return;
  const data = panel.dataset;
  const dayId = Number(data.day);
  const DB_NAME = "portal-checkin";
  const CACHE = "checkin-day-" + dayId;
  const state = panel.querySelector("#offline-state");
  const pendingBadge = panel.querySelector("#offline-pending");
  const networkBadge = panel.querySelector("#offline-network");
  const prepareButton = panel.querySelector("#offline-prepare");
  const syncButton = panel.querySelector("#offline-sync");
  const results = panel.querySelector("#offline-results");
  const counter = document.getElementById("present-count");
  const csrfInput = document.querySelector("input[name=csrfmiddlewaretoken]");
  let record = null; // the prepared day: {day, event, prepared_at, wipe_after, people}
  let queue = []; // this day's taps not yet sent
  let lastTap = 0;
  let syncing = false;
  let taps = Promise.resolve(); // one tap at a time: a double tap must see the first one's result

  // IndexedDB ----------------------------------------------------------------------------------------------------

  function request(r) {
    return new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  }

  async function exists() {
    // Opening the database creates it: on a page never prepared, leave nothing behind on the phone.
    if (!indexedDB.databases) return true;
    return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
  }

  function open() {
    const r = indexedDB.open(DB_NAME, 1);
    r.onupgradeneeded = () => {
      r.result.createObjectStore("days", { keyPath: "id" });
      r.result.createObjectStore("queue", { keyPath: "uuid" }).createIndex("day", "day");
    };
    return request(r);
  }

  async function store(name, mode, work) {
    const db = await open();
    try {
      const tx = db.transaction(name, mode);
      const answer = await work(tx.objectStore(name));
      await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); tx.onabort = () => reject(tx.error); });
      return answer;
    } finally {
      db.close();
    }
  }

  const readDay = (id) => store("days", "readonly", (s) => request(s.get(id)));
  const saveDay = (value) => store("days", "readwrite", (s) => request(s.put(value)));
  const readQueue = (id) => store("queue", "readonly", (s) => request(s.index("day").getAll(id)));
  const addToQueue = (item) => store("queue", "readwrite", (s) => request(s.add(item)));
  const dropFromQueue = (uuids) => store("queue", "readwrite", (s) => Promise.all(uuids.map((u) => request(s.delete(u)))));

  // Seven days after the event the list goes, sent or not: personal data should not stay on a phone.
  async function wipeExpired() {
    const today = localDate();
    const days = await store("days", "readonly", (s) => request(s.getAll()));
    for (const day of days.filter((d) => d.wipe_after < today)) {
      await store("days", "readwrite", (s) => request(s.delete(day.id)));
      const stale = await readQueue(day.id);
      await dropFromQueue(stale.map((item) => item.uuid));
      await caches.delete("checkin-day-" + day.id);
      for (const registration of await navigator.serviceWorker.getRegistrations()) {
        if (new URL(registration.scope).pathname.endsWith("/days/" + day.id + "/")) await registration.unregister();
      }
    }
    const left = await store("days", "readonly", (s) => request(s.count()));
    if (!left) await request(indexedDB.deleteDatabase(DB_NAME));
  }

  // What the page shows ------------------------------------------------------------------------------------------

  function localDate() {
    const now = new Date();
    return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }

  function presentNow() {
    const present = new Set(record.people.filter((p) => p.present).map((p) => p.id));
    for (const item of queue) {
      if (item.action === "present") present.add(item.registration);
      else present.delete(item.registration);
    }
    return present;
  }

  // The words and the calendar come from the template (checkin_offline_panel.html), in the page's language: Thai
  // with the Buddhist year, English with the common era.
  function words(name, values) {
    return (data["words" + name] || "").replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
  }

  function preparedAt(iso) {
    return new Date(iso).toLocaleString(data.dateLocale || "th-TH", { dateStyle: "medium", timeStyle: "short" });
  }

  function render() {
    panel.classList.remove("d-none");
    networkBadge.classList.toggle("d-none", navigator.onLine);
    pendingBadge.classList.toggle("d-none", !queue.length);
    pendingBadge.textContent = words("Pending", { count: queue.length });
    syncButton.classList.toggle("d-none", !queue.length);
    syncButton.disabled = syncing || !navigator.onLine;
    if (!record) return;
    state.textContent = words("Ready", { count: record.people.length, when: preparedAt(record.prepared_at) });
    prepareButton.textContent = words("PrepareAgain", {});
    const present = presentNow();
    // A line of someone out of office that day has no box to mark (tick.html): it is left as the server drew it.
    document.querySelectorAll("tr.tick-row:not([data-out-of-office])").forEach((row) => {
      const on = present.has(Number(row.dataset.registration));
      row.classList.toggle("is-present", on);
      row.setAttribute("aria-pressed", on ? "true" : "false");
      const mark = row.querySelector(".tick-mark");
      mark.classList.toggle("bi-check-circle-fill", on);
      mark.classList.toggle("bi-circle", !on);
    });
    if (counter) counter.textContent = present.size;
  }

  function say(kind, text) {
    const message = document.getElementById("tick-message") || results;
    message.classList.remove("d-none");
    message.className = (message === results ? "card-footer " : "") + "small mt-2 text-" + kind;
    message.textContent = text;
  }

  function showResults(sent, refused, failure) {
    results.classList.remove("d-none");
    results.className = "card-footer small";
    results.innerHTML = "";
    const head = document.createElement("div");
    head.className = refused.length ? "text-danger fw-semibold" : "text-success fw-semibold";
    head.textContent = refused.length
      ? words("SentRefused", { sent: sent.length, refused: refused.length })
      : words("Sent", { sent: sent.length });
    results.appendChild(head);
    if (failure) {
      // A later part of a long queue did not go: what did go is shown above, the rest waits on the phone.
      const rest = document.createElement("div");
      rest.className = "text-danger";
      rest.textContent = failure;
      results.appendChild(rest);
    }
    if (refused.length) {
      const list = document.createElement("ul");
      list.className = "mb-0 text-danger";
      list.setAttribute("data-testid", "offline-refused");
      for (const { item, answer } of refused) {
        const li = document.createElement("li");
        li.textContent = (item.name ? item.name + ": " : "") + answer.message;
        list.appendChild(li);
      }
      results.appendChild(list);
    }
  }

  // Taps ---------------------------------------------------------------------------------------------------------

  function notYet() {
    if (localDate() >= record.day.date) return "";
    return record.day.not_open || words("NotYet", {});
  }

  // The registry's word in the prepared copy: a volunteer out of office on the day (term ended, resigned, suspended)
  // is refused here at once, in the words the server would use, rather than queued to be refused at sync.
  function outOfOffice(person) {
    return (person.out_of_office || {})[record.day.date] || "";
  }

  async function queueTap(person, action, method) {
    // Each tap strictly after the one before, so that the server replays them in the order they were made.
    lastTap = Math.max(Date.now(), lastTap + 1);
    const item = {
      uuid: crypto.randomUUID(),
      day: dayId,
      registration: person.id,
      name: person.name,
      action: action,
      method: method,
      tapped_at: new Date(lastTap).toISOString(),
    };
    await addToQueue(item);
    queue.push(item);
    render();
    if (navigator.onLine) sync();
  }

  async function tickRow(row) {
    const person = record.people.find((p) => p.id === Number(row.dataset.registration));
    if (!person) { say("danger", words("NotOnList", {})); return; }
    const why = notYet();
    if (why) { say("danger", why); return; }
    const present = presentNow().has(person.id);
    if (!present && outOfOffice(person)) { say("danger", outOfOffice(person)); return; }
    await queueTap(person, present ? "absent" : "present", "tick");
    say(present ? "secondary" : "success", words((present ? "Undone" : "Present") + (navigator.onLine ? "" : "Waiting"), { name: person.name }));
    const search = document.getElementById("tick-search");
    if (search && search.value) search.select();
  }

  function normalize(code) {
    return String(code || "").replace(/[\s-]/g, "").toUpperCase();
  }

  async function checkIn(code, method) {
    const typed = normalize(code);
    const person = record.people.find((p) => p.code === typed);
    let answer;
    if (!person) answer = { kind: "danger", message: words("UnknownCode", { code: typed }) };
    else if (notYet()) answer = { kind: "danger", message: notYet() };
    else if (outOfOffice(person)) answer = { kind: "danger", message: outOfOffice(person) };
    else if (presentNow().has(person.id)) answer = { kind: "info", message: words("Already", { name: person.name }) };
    else {
      await queueTap(person, "present", method === "qr" ? "qr" : "code");
      answer = { kind: "success", message: words(navigator.onLine ? "Present" : "PresentWaiting", { name: person.name }) };
    }
    answer.presentCount = presentNow().size;
    return answer;
  }

  function oneAtATime(work) {
    const done = taps.then(work);
    taps = done.catch(() => undefined);
    return done;
  }

  // Sending ------------------------------------------------------------------------------------------------------

  const NOT_SENT = words("NotSent", {});
  const SIGN_IN_AGAIN = words("SignInAgain", {});

  // A queue longer than one part (a desk offline all day at a large event) goes in parts, oldest taps first; the
  // server refuses a body of over 2,000 taps, so sending it whole would never empty it.
  const SYNC_BATCH = Math.max(1, Number(data.syncBatch) || 500);

  async function sendPart(sending, accepted, refused) {
    const response = await fetch(data.syncUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfInput ? csrfInput.value : "" },
      body: JSON.stringify({ items: sending }),
      credentials: "same-origin",
    });
    if (!response.ok || !(response.headers.get("Content-Type") || "").includes("json")) {
      throw new Error(response.status === 403 ? SIGN_IN_AGAIN : NOT_SENT);
    }
    const body = await response.json();
    body.results.forEach((answer, n) => (answer.ok ? accepted : refused).push({ item: sending[n], answer: answer }));
    await dropFromQueue(sending.map((item) => item.uuid));
    const done = new Set(sending.map((item) => item.uuid));
    queue = queue.filter((item) => !done.has(item.uuid));
    // The server's list of who is present today, other phones' ticks included, becomes the phone's.
    const present = new Set(body.present);
    record.people.forEach((p) => { p.present = present.has(p.id); });
    await saveDay(record);
  }

  async function sync() {
    if (syncing) return; // the parts under way go on until the queue is empty, this tap included
    if (!queue.length || !navigator.onLine) return;
    syncing = true;
    const accepted = [];
    const refused = [];
    let failure = "";
    render();
    try {
      // Taps made while a part was on its way join the queue and go in a later part.
      while (queue.length && navigator.onLine) {
        await sendPart(queue.slice(0, SYNC_BATCH), accepted, refused);
        render();
      }
    } catch (error) {
      failure = error.message === SIGN_IN_AGAIN ? SIGN_IN_AGAIN : NOT_SENT;
    } finally {
      syncing = false;
      if (accepted.length || refused.length) showResults(accepted, refused, failure);
      else if (failure) say("danger", failure);
      render();
    }
  }

  // Preparing ----------------------------------------------------------------------------------------------------

  async function prepare() {
    prepareButton.disabled = true;
    state.textContent = words("Preparing", {});
    try {
      const response = await fetch(data.listUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error();
      const list = await response.json();
      const cache = await caches.open(CACHE);
      await cache.addAll(list.assets);
      for (const page of list.pages) {
        const copy = await fetch(page + "?for=offline", { credentials: "same-origin" });
        if (!copy.ok) throw new Error();
        await cache.put(page, copy);
      }
      record = { id: dayId, day: list.day, event: list.event, prepared_at: list.prepared_at, wipe_after: list.wipe_after, people: list.people };
      await saveDay(record);
      await navigator.serviceWorker.register(data.workerUrl, { scope: data.scope });
      await navigator.serviceWorker.ready;
      render();
    } catch (error) {
      state.textContent = words("PrepareFailed", {});
    } finally {
      prepareButton.disabled = false;
    }
  }

  // Wiring -------------------------------------------------------------------------------------------------------

  let ready = false;
  let whenReady = null; // set below: resolves once the stored day (if any) has been read

  const table = document.getElementById("tick-table");
  if (table) {
    // Once the day is prepared every tap goes through the queue; tick.js's direct send stays for pages never prepared.
    const handle = (event) => {
      if (ready && !record) return;
      const row = event.target.closest("tr.tick-row");
      if (!row || row.dataset.outOfOffice) return;
      if (event.type === "keydown" && event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopImmediatePropagation();
      // A tap in the first moments, before the phone's list is read: decided once it is.
      if (!ready) whenReady.then(() => (record ? oneAtATime(() => tickRow(row)) : row.click()));
      else oneAtATime(() => tickRow(row));
    };
    table.addEventListener("click", handle, true);
    table.addEventListener("keydown", handle, true);
  }
  prepareButton.addEventListener("click", prepare);
  syncButton.addEventListener("click", sync);
  window.addEventListener("online", () => { render(); sync(); });
  window.addEventListener("offline", render);

  async function start() {
    if (!(await exists())) return;
    await wipeExpired();
    if (!(await exists())) return;
    record = (await readDay(dayId)) || null;
    queue = record ? (await readQueue(dayId)).sort((a, b) => (a.tapped_at < b.tapped_at ? -1 : 1)) : [];
    if (queue.length) lastTap = Date.parse(queue[queue.length - 1].tapped_at);
  }

  // A phone whose storage cannot be read works as a page never prepared: straight to the server.
  whenReady = start().catch(() => { record = null; }).then(() => {
    ready = true;
    render();
    panel.dataset.ready = "true";
    if (record && navigator.onLine) sync();
  });
  // checkin.js asks here before sending a code: a prepared day queues it on the phone instead.
  window.portalCheckinOffline = {
    ready: whenReady,
    takes: () => record !== null,
    checkIn: (code, method) => oneAtATime(() => checkIn(code, method)),
  };
})();
