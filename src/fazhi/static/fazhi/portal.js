// "大字" toggles large text on the portal and remembers the choice in this browser.
(function () {
  var root = document.documentElement;
  if (window.localStorage && localStorage.getItem("fz-large-text") === "1") root.classList.add("fz-large-text");
  document.querySelectorAll("[data-fz-large-text]").forEach(function (button) {
    button.setAttribute("aria-pressed", root.classList.contains("fz-large-text") ? "true" : "false");
    button.addEventListener("click", function () {
      var on = root.classList.toggle("fz-large-text");
      button.setAttribute("aria-pressed", on ? "true" : "false");
      if (window.localStorage) localStorage.setItem("fz-large-text", on ? "1" : "0");
    });
  });
})();
