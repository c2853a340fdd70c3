// Quick entry, online or offline (core/quick.py, issue 19).
//
// Every entry is first kept as a draft in this browser's localStorage under the signed-in
// account ("fazhi:drafts:<account id>"), then sent. Online, the page goes on to the new record.
// Offline (or when the send fails), the draft stays listed as 待同步 and is sent when the
// connection returns. Each draft carries its own key: the server takes a draft once, so a draft
// sent twice never makes two records. A draft the server refuses (a conflict, a missing field)
// stays listed with the server's Chinese message. Signing out clears the account's drafts (app.js).
(function () {
  "use strict";
  var form = document.getElementById("quick-form");
  if (!form) { return; }
  var STORE = "fazhi:drafts:" + form.getAttribute("data-account");
  var PAGES_CACHE = "fazhi-pages";
  var action = form.getAttribute("action") || window.location.pathname;
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
  var statusBox = document.getElementById("quick-status");
  var section = document.getElementById("quick-drafts");
  var list = document.getElementById("quick-drafts-list");
  var count = document.getElementById("quick-drafts-count");
  var syncing = false;

  function load() {
    try { return JSON.parse(window.localStorage.getItem(STORE) || "[]"); } catch (e) { return []; }
  }

  function store(drafts) {
    window.localStorage.setItem(STORE, JSON.stringify(drafts));
    render();
  }

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function nextNumber(value) {
    return String(value).replace(/(\d+)(\D*)$/, function (all, digits, tail) {
      var n = String(parseInt(digits, 10) + 1);
      while (n.length < digits.length) { n = "0" + n; }
      return n + tail;
    });
  }

  // A running number (登记编号) proposed by the server: each draft saved here takes the next one.
  function skipNumbersInUse() {
    var used = {};
    load().forEach(function (d) { d.fields.forEach(function (p) { used[p[0] + "=" + p[1]] = true; }); });
    form.querySelectorAll("[data-quick-sequence]").forEach(function (input) {
      var suggested = form.elements[input.getAttribute("data-quick-sequence")];
      var guard = 0;
      while (used[input.name + "=" + input.value] && guard < 1000) {
        input.value = nextNumber(input.value);
        if (suggested) { suggested.value = input.value; }
        guard += 1;
      }
    });
  }

  function fieldsOf() {
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      // a photo is never part of a draft: no image bytes in localStorage (sent only while online)
      if (name !== "csrfmiddlewaretoken" && typeof value === "string") { pairs.push([name, value]); }
    });
    return pairs;
  }

  function summaryOf() {
    var parts = [];
    form.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (el) {
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) { return; }
      if (el.type === "radio" && el.labels && el.labels[0]) { parts.push(el.labels[0].textContent.trim()); return; }
      var text = el.tagName === "SELECT" ? (el.selectedOptions[0] || {}).textContent : el.value;
      if (text && parts.length < 3) { parts.push(String(text).trim().slice(0, 20)); }
    });
    return parts.join(" · ");
  }

  function say(text, kind) {
    statusBox.textContent = text;
    statusBox.className = "alert py-2 alert-" + (kind || "info");
    statusBox.hidden = !text;
  }

  function render() {
    var drafts = load();
    section.hidden = drafts.length === 0;
    count.textContent = String(drafts.length);
    list.replaceChildren();
    drafts.forEach(function (draft) {
      var item = document.createElement("li");
      item.className = "list-group-item quick-draft";
      var badge = document.createElement("span");
      badge.className = "badge me-2 " + (draft.problem ? "text-bg-danger" : "text-bg-warning");
      badge.textContent = draft.problem ? "未能同步" : "待同步";
      var title = document.createElement("span");
      title.textContent = draft.summary;
      item.append(badge, title);
      if (draft.problem) {
        var problem = document.createElement("div");
        problem.className = "small text-danger mt-1";
        problem.setAttribute("role", "alert");
        problem.textContent = draft.problem;
        item.append(problem);
        var actions = document.createElement("div");
        actions.className = "mt-1 d-flex gap-2";
        if (draft.url) {
          var open = document.createElement("a");
          open.className = "btn btn-sm btn-outline-primary";
          open.href = draft.url;
          open.textContent = "打开记录";
          actions.append(open);
        }
        var drop = document.createElement("button");
        drop.type = "button";
        drop.className = "btn btn-sm btn-outline-secondary";
        drop.textContent = "删除草稿";
        drop.addEventListener("click", function () { remove(draft.key); });
        actions.append(drop);
        item.append(actions);
      }
      list.append(item);
    });
  }

  function remove(key) {
    store(load().filter(function (d) { return d.key !== key; }));
  }

  function update(key, changes) {
    store(load().map(function (d) { return d.key === key ? Object.assign({}, d, changes) : d; }));
  }

  function chosenPhoto() {  // the photo taken for this entry, if the page offers one
    var input = form.querySelector("[data-quick-photo]");
    return input && input.files && input.files.length ? input.files[0] : null;
  }

  function send(draft, mode, photo) {
    var body = photo ? new FormData() : new URLSearchParams();
    draft.fields.forEach(function (p) { body.append(p[0], p[1]); });
    if (photo) { body.append("photo", photo); }
    return window.fetch(action, {
      method: "POST", body: body, credentials: "same-origin", redirect: "error",
      headers: {"Accept": "application/json", "X-CSRFToken": csrf, "X-Quick-Mode": mode}
    }).then(function (response) {
      var json = (response.headers.get("Content-Type") || "").indexOf("application/json") >= 0;
      if (!json) { throw new Error("not an answer of the quick entry"); }  // signed out, CSRF: try later
      return response.json().then(function (data) { return {status: response.status, data: data}; });
    });
  }

  function accepted(result) { return result.status === 200 || result.status === 201; }

  function syncAll() {
    if (syncing || !navigator.onLine) { return Promise.resolve(); }
    var pending = load().filter(function (d) { return !d.problem; });
    if (!pending.length) { return Promise.resolve(); }
    syncing = true;
    var done = 0;
    var chain = Promise.resolve();
    pending.forEach(function (draft) {
      chain = chain.then(function () {
        return send(draft, "sync").then(function (result) {
          if (accepted(result)) {
            remove(draft.key);
            done += 1;
          } else {
            update(draft.key, {problem: result.data.message, url: result.data.url || ""});
          }
        });
      });
    });
    return chain.catch(function () { /* the connection dropped again: the rest waits */ }).then(function () {
      syncing = false;
      if (done) { say("已同步" + done + "条草稿", "success"); }
      form.setAttribute("data-synced", String(load().length === 0));
    });
  }

  function nextEntry() {  // an empty form with the defaults, a new key, the next running number
    form.reset();
    form.elements.draft_key.value = newKey();
    skipNumbersInUse();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var draft = {key: form.elements.draft_key.value, fields: fieldsOf(), summary: summaryOf(),
                 savedAt: new Date().toISOString()};
    store(load().filter(function (d) { return d.key !== draft.key; }).concat([draft]));
    var photo = chosenPhoto();
    var photoNote = photo ? "；照片请联网后在记录页补传" : "";
    if (!navigator.onLine) {
      nextEntry();
      say("当前离线，已保存为草稿（待同步），网络恢复后自动提交" + photoNote, "warning");
      return;
    }
    send(draft, "submit", photo).then(function (result) {
      if (accepted(result)) {
        remove(draft.key);
        window.location.assign(result.data.next || result.data.url);
      } else if (result.status === 400) {
        remove(draft.key);
        form.submit();  // the server's page shows each field's error
      } else {
        update(draft.key, {problem: result.data.message, url: result.data.url || ""});
        nextEntry();
      }
    }).catch(function () {
      nextEntry();
      say("网络不通，已保存为草稿（待同步），网络恢复后自动提交" + photoNote, "warning");
    });
  });

  // The page's key may come from the offline copy of the page: each page shown gets its own.
  form.elements.draft_key.value = newKey();
  skipNumbersInUse();
  render();
  window.addEventListener("online", syncAll);
  syncAll();

  // The installable app: the service worker at the site root keeps this page for offline use.
  var worker = form.getAttribute("data-sw");
  if (worker && "serviceWorker" in navigator && window.caches) {
    navigator.serviceWorker.register(worker, {scope: "/"}).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function () {
      if (!navigator.onLine) { return null; }
      return window.caches.open(PAGES_CACHE).then(function (cache) { return cache.add(window.location.pathname); });
    }).then(function () {
      document.documentElement.setAttribute("data-offline-ready", "true");
    }).catch(function () { /* no offline copy: the page still works online */ });
  }
}());
