// ATD Atlas progressive enhancement: the search form updates its results as one types or
// ticks, without a page load, and the address follows. Without this script the same form
// works by plain GET requests. No framework, no external requests.
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form || !window.fetch || !window.DOMParser || !window.history.replaceState) return;
  var parts = ["chips-area", "count", "results-body", "facets"];
  var pending = null;
  var timer = 0;

  function url() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (value !== "") params.append(key, value);
    });
    return form.getAttribute("action") + "?" + params.toString();
  }

  // Replaces the contents (not the elements) so the live region #count keeps announcing.
  function swap(doc) {
    var active = document.activeElement;
    var keep = active && active.name && active.type === "checkbox" ? [active.name, active.value] : null;
    parts.forEach(function (id) {
      var here = document.getElementById(id);
      var there = doc.getElementById(id);
      if (here && there) here.innerHTML = there.innerHTML;
    });
    if (keep) {
      var again = form.querySelector('input[name="' + keep[0] + '"][value="' + CSS.escape(keep[1]) + '"]');
      if (again) again.focus();
    }
    var title = doc.querySelector("title");
    if (title) document.title = title.textContent;
  }

  function update() {
    var target = url();
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(target, { signal: pending.signal })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        swap(new DOMParser().parseFromString(html, "text/html"));
        window.history.replaceState(null, "", target);
      })
      .catch(function () { /* the form still works by submitting */ });
  }

  form.addEventListener("input", function (e) {
    if (e.target.type !== "search") return;
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  });
  form.addEventListener("change", function (e) {
    if (e.target.type === "search") return;
    clearTimeout(timer);
    update();
  });
})();
