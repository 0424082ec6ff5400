// Registration desk check-in: the device's camera reads the QR code of a slip (jsQR, self-hosted), or the code is typed.
(function () {
  "use strict";
  const form = document.getElementById("code-form");
  if (!form) return;
  const input = form.querySelector("input[name=code]");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const result = document.getElementById("checkin-result");
  const log = document.getElementById("checkin-log");
  const counter = document.getElementById("present-count");
  let lastCode = "";
  let lastAt = 0;
  let busy = false;

  function show(kind, text) {
    result.innerHTML = "";
    const box = document.createElement("div");
    box.className = "alert mb-2 alert-" + kind;
    box.textContent = text;
    result.appendChild(box);
    const item = document.createElement("li");
    item.className = "list-group-item list-group-item-" + kind;
    item.textContent = new Date().toLocaleTimeString(document.documentElement.lang === "en" ? "en-GB" : "th-TH", { hour: "2-digit", minute: "2-digit" }) + " · " + text;
    log.prepend(item);
    while (log.children.length > 8) log.lastChild.remove();
  }

  async function send(code, method) {
    if (busy) return;
    busy = true;
    // A day prepared for offline use (offline.js) queues the check-in on the phone and sends it when it can.
    const offline = window.portalCheckinOffline;
    if (offline) await offline.ready;
    if (offline && offline.takes()) {
      try {
        const answer = await offline.checkIn(code, method);
        show(answer.kind, answer.message);
        counter.textContent = answer.presentCount;
      } finally {
        busy = false;
      }
      return;
    }
    const body = new FormData();
    body.append("code", code);
    body.append("method", method);
    try {
      const response = await fetch(form.dataset.url, {
        method: "POST",
        headers: { "X-CSRFToken": csrf, Accept: "application/json" },
        body: body,
        credentials: "same-origin",
      });
      const data = await response.json();
      if (data.ok) {
        show(data.created ? "success" : "info", data.message);
        counter.textContent = data.present_count;
        if (navigator.vibrate) navigator.vibrate(data.created ? 80 : [40, 40, 40]);
      } else {
        show("danger", data.message);
      }
    } catch (error) {
      show("danger", form.dataset.failed);
    } finally {
      busy = false;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const code = input.value.trim();
    if (!code) { input.focus(); return; }
    send(code, "code").then(() => { input.value = ""; input.focus(); });
  });

  // A photo of the slip, for phones whose browser will not open the camera here: the same decoder reads it.
  const photo = document.getElementById("photo-scan");
  photo.addEventListener("change", async () => {
    const file = photo.files[0];
    if (!file || !window.jsQR) return;
    const bitmap = await createImageBitmap(file);
    const canvas = document.createElement("canvas");
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const context = canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(bitmap, 0, 0);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    const found = window.jsQR(image.data, image.width, image.height);
    photo.value = "";
    if (found && found.data) await send(found.data, "qr");
    else show("danger", photo.dataset.unreadable);
  });

  const toggle = document.getElementById("camera-toggle");
  const video = document.getElementById("camera");
  const canvas = document.getElementById("camera-frame");
  const note = document.getElementById("camera-note");
  let stream = null;

  function stop() {
    if (stream) stream.getTracks().forEach((t) => t.stop());
    stream = null;
    video.classList.add("d-none");
    toggle.querySelector("span").textContent = toggle.dataset.labelStart;
  }

  function scan() {
    if (!stream) return;
    if (video.readyState === video.HAVE_ENOUGH_DATA) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      const now = Date.now();
      // The same slip stays in front of the camera for a while: read it once, not thirty times a second.
      if (found && found.data && (found.data !== lastCode || now - lastAt > 4000)) {
        lastCode = found.data;
        lastAt = now;
        send(found.data, "qr");
      }
    }
    requestAnimationFrame(scan);
  }

  toggle.addEventListener("click", async () => {
    if (stream) { stop(); return; }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.jsQR) {
      note.textContent = note.dataset.unavailable;
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    } catch (error) {
      note.textContent = note.dataset.unavailable;
      return;
    }
    video.srcObject = stream;
    video.classList.remove("d-none");
    await video.play();
    toggle.querySelector("span").textContent = toggle.dataset.labelStop;
    requestAnimationFrame(scan);
  });
  window.addEventListener("pagehide", stop);
})();
