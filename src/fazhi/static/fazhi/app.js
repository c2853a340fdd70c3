// Confirmation before destructive or irreversible actions: <form data-confirm="…">.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// Signing out clears what quick entry (quick.js) keeps in this browser for the account: its
// drafts, personal data included, and the offline copies of the quick-entry pages.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var account = form.getAttribute && form.getAttribute("data-clear-drafts");
  if (!account || event.defaultPrevented) {
    return;
  }
  var key = "fazhi:drafts:" + account;
  var pending = [];
  try {
    pending = JSON.parse(window.localStorage.getItem(key) || "[]");
  } catch (e) {
    pending = [];
  }
  if (pending.length && !window.confirm("还有" + pending.length + "条草稿未同步，退出登录将清除这些草稿。确定退出？")) {
    event.preventDefault();
    return;
  }
  window.localStorage.removeItem(key);
  // The offline copies of the quick-entry pages: the service worker drops them (sw.js, "signed-out"),
  // and this page asks too. The form is sent at once: holding it back for the cache made a sign-out
  // race whatever the user (or a test) opened next.
  if (navigator.serviceWorker && navigator.serviceWorker.controller) {
    navigator.serviceWorker.controller.postMessage({type: "signed-out"});
  }
  if (window.caches) {
    window.caches.delete("fazhi-pages").catch(function () { return false; });
  }
});
