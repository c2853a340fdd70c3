// The service worker of the installable web app (core/offline.py). Network first; offline, our
// static files and the quick-entry pages come from the cache. Nothing else is cached.
"use strict";
var VERSION = "{{ version }}";
var STATIC_CACHE = "fazhi-static-" + VERSION;
var PAGES_CACHE = "fazhi-pages";
var PRECACHE = [{% for url in static_urls %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
var QUICK_PAGES = [{% for url in quick_urls %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(STATIC_CACHE).then(function (cache) {
    return cache.addAll(PRECACHE);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key.indexOf("fazhi-static-") === 0 && key !== STATIC_CACHE;
    }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

// A sign-out (static/fazhi/app.js): the kept quick-entry pages show the account's name and unit.
self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "signed-out") {
    event.waitUntil(caches.delete(PAGES_CACHE));
  }
});

function offlinePage() {
  return new Response("<!doctype html><meta charset=\"utf-8\"><title>离线</title><p>当前没有网络连接，请联网后再打开此页。</p>",
    {status: 503, headers: {"Content-Type": "text/html; charset=utf-8"}});
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (QUICK_PAGES.indexOf(url.pathname) >= 0 && request.mode === "navigate") {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok && !response.redirected) {
        var copy = response.clone();
        caches.open(PAGES_CACHE).then(function (cache) { cache.put(url.pathname, copy); });
      }
      return response;
    }).catch(function () {
      return caches.open(PAGES_CACHE).then(function (cache) { return cache.match(url.pathname); })
        .then(function (cached) { return cached || offlinePage(); });
    }));
    return;
  }
  if (PRECACHE.indexOf(url.pathname) >= 0) {
    event.respondWith(fetch(request).catch(function () {
      return caches.open(STATIC_CACHE).then(function (cache) { return cache.match(url.pathname); });
    }));
  }
});
