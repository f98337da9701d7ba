// ATD Atlas progressive enhancement: the search form updates its results as one types or
// ticks, without a page load, and the address follows. Without this script the same form
// works by plain GET requests. No framework, no external requests.
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form || !window.fetch || !window.DOMParser || !window.history.replaceState) return;
  var compare = document.getElementById("compare-form");
  var parts = ["chips-area", "count", "results-body", "facets"];
  var pending = null;
  var timer = 0;
  // The practices ticked for comparison, in the order ticked. The result list is re-rendered
  // by every live search, so the ticks live here, not in the checkboxes.
  var picked = [];

  function url() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (value !== "") params.append(key, value);
    });
    return form.getAttribute("action") + "?" + params.toString();
  }

  // The result checkboxes belong to #compare-form (their `form` attribute) but sit inside
  // #search in the page.
  function pickBoxes() {
    return compare ? form.querySelectorAll('input[name="ids"][form="compare-form"]') : [];
  }

  // Ticks the boxes of picked practices on the page; a picked practice no longer listed
  // (another search, another page) still goes to /compare, as a hidden input.
  function showPicks() {
    if (!compare) return;
    var shown = {};
    Array.prototype.forEach.call(pickBoxes(), function (box) {
      box.checked = picked.indexOf(box.value) !== -1;
      shown[box.value] = true;
    });
    Array.prototype.forEach.call(compare.querySelectorAll('input[data-picked]'), function (old) {
      old.remove();
    });
    picked.forEach(function (id) {
      if (shown[id]) return;
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = "ids";
      hidden.value = id;
      hidden.setAttribute("data-picked", "");
      compare.appendChild(hidden);
    });
  }

  function notePick(box) {
    var at = picked.indexOf(box.value);
    if (box.checked && at === -1) picked.push(box.value);
    if (!box.checked && at !== -1) picked.splice(at, 1);
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
    showPicks();
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

  // Boxes ticked before the script ran (or restored by the browser) count as picked.
  Array.prototype.forEach.call(pickBoxes(), notePick);

  form.addEventListener("input", function (e) {
    if (e.target.type !== "search") return;
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  });
  form.addEventListener("change", function (e) {
    // A "Compare" tick is not a search: it belongs to #compare-form.
    if (e.target.form !== form) {
      if (e.target.form === compare) {
        notePick(e.target);
        showPicks();
      }
      return;
    }
    if (e.target.type === "search") return;
    clearTimeout(timer);
    update();
  });
})();
