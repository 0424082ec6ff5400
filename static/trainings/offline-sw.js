// The service worker of one event day's check-in pages (issue 17), served from that day's path so that its scope is
// that day alone. It answers the tick list and QR check-in pages from the network, or, without signal, from the copy
// offline.js stored when the day was prepared; the pages' own files come from that copy too. Nothing else is ever
// cached: other pages of the scope (the paper sheet, its PDF) go to the network as if there were no worker.
"use strict";

const scopePath = new URL(self.registration.scope).pathname;
const CACHE = "checkin-day-" + scopePath.match(/days\/(\d+)\/$/)[1];
const PAGES = [scopePath + "tick/", scopePath + "checkin/"];
// A weak signal hangs rather than fails: after this long the stored page is the better answer.
const NETWORK_WAIT_MS = 6000;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function fromNetwork(request) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), NETWORK_WAIT_MS);
    fetch(request).then(
      (response) => { clearTimeout(timer); resolve(response); },
      (error) => { clearTimeout(timer); reject(error); },
    );
  });
}

// caches.match with cacheName, never caches.open: opening would create the cache again after the page wiped it.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (!PAGES.includes(url.pathname)) return;
    event.respondWith(
      fromNetwork(request).catch(() =>
        caches.match(url.pathname, { cacheName: CACHE }).then((stored) => stored || Response.error()),
      ),
    );
    return;
  }
  event.respondWith(
    caches.match(request, { cacheName: CACHE }).then((stored) => stored || fetch(request)),
  );
});
