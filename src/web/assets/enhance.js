// ATD Atlas progressive enhancement: the search form updates its results as one types or
// ticks, without a page load; the address and the browser's history follow, so Back undoes
// the last tick; "Back to search" elsewhere returns to the last search. Without this script
// the same form works by plain GET requests. No framework, no external requests.
(function () {
  "use strict";
  var LAST_SEARCH = "atd-last-search";

  // The last search this tab showed, for "Back to search" links (in the page's language).
  function rememberSearch() {
    try { window.sessionStorage.setItem(LAST_SEARCH, location.pathname + location.search); } catch (e) { /* storage off */ }
  }

  function pointBackLinks() {
    var last = null;
    try { last = window.sessionStorage.getItem(LAST_SEARCH); } catch (e) { return; }
    if (!last || last.charAt(0) !== "/" || last.charAt(1) === "/") return;
    var search = new URL(last, location.href);
    search.searchParams.set("lang", document.documentElement.lang || "en");
    Array.prototype.forEach.call(document.querySelectorAll("a[data-back-to-search]"), function (a) {
      a.setAttribute("href", search.pathname + search.search);
    });
  }

  var form = document.getElementById("search");
  if (!form || !window.fetch || !window.DOMParser || !window.history.pushState) {
    pointBackLinks();
    return;
  }
  var compare = document.getElementById("compare-form");
  var parts = ["chips-area", "count", "results-body", "facets"];
  var pending = null;
  var timer = 0;
  // The practices ticked for comparison, in the order ticked. The result list is re-rendered
  // by every live search, so the ticks live here (and in each history entry), not in the
  // checkboxes.
  var picked = [];
  // The address whose results are on the page.
  var shown = location.pathname + location.search;

  function url() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (value !== "") params.append(key, value);
    });
    return form.getAttribute("action") + "?" + params.toString();
  }

  // A history entry: the compare ticks, and whether it came from typing (typing in one go
  // makes one entry, not one per pause).
  function entry(typed) {
    return { picks: picked.slice(), typed: !!typed };
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
    var listed = {};
    Array.prototype.forEach.call(pickBoxes(), function (box) {
      box.checked = picked.indexOf(box.value) !== -1;
      listed[box.value] = true;
    });
    Array.prototype.forEach.call(compare.querySelectorAll("input[data-picked]"), function (old) {
      old.remove();
    });
    picked.forEach(function (id) {
      if (listed[id]) return;
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
    // The filters panel's last button says how many results it shows.
    var button = form.querySelector(".show-results");
    var fresh = doc.querySelector(".show-results");
    if (button && fresh) button.textContent = fresh.textContent;
    if (keep) {
      var again = form.querySelector('input[name="' + keep[0] + '"][value="' + CSS.escape(keep[1]) + '"]');
      if (again) again.focus();
    }
    var title = doc.querySelector("title");
    if (title) document.title = title.textContent;
  }

  // After Back or Forward, the fields outside the swapped parts (words, ranges, sort) take
  // the values of the search shown.
  function copyFields(doc) {
    Array.prototype.forEach.call(form.querySelectorAll("input[id], select[id]"), function (field) {
      if (field.type === "checkbox" || field.type === "hidden") return;
      var there = doc.getElementById(field.id);
      if (there) field.value = there.value;
    });
  }

  function fetchPage(target) {
    if (pending) pending.abort();
    pending = new AbortController();
    return fetch(target, { signal: pending.signal })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { return new DOMParser().parseFromString(html, "text/html"); });
  }

  function update(typed) {
    var target = url();
    fetchPage(target)
      .then(function (doc) {
        swap(doc);
        var now = window.history.state;
        if (target === shown || (typed && now && now.typed)) {
          window.history.replaceState(entry(typed), "", target);
        } else {
          window.history.pushState(entry(typed), "", target);
        }
        shown = target;
        rememberSearch();
      })
      .catch(function () { /* the form still works by submitting */ });
  }

  // Back or Forward between entries of this page: its ticks, and its results if the
  // address differs from the one shown.
  window.addEventListener("popstate", function (e) {
    picked = e.state && e.state.picks ? e.state.picks.slice() : [];
    var here = location.pathname + location.search;
    if (here === shown) {
      showPicks();
      return;
    }
    fetchPage(here)
      .then(function (doc) {
        swap(doc);
        copyFields(doc);
        shown = here;
        rememberSearch();
      })
      .catch(function (err) {
        if (!(err && err.name === "AbortError")) location.reload();
      });
  });

  // Ticks kept in this entry (a reload, or Back from another page), else boxes ticked
  // before the script ran.
  if (window.history.state && window.history.state.picks) {
    picked = window.history.state.picks.slice();
  } else {
    Array.prototype.forEach.call(pickBoxes(), notePick);
    window.history.replaceState(entry(false), "", location.href);
  }
  showPicks();
  rememberSearch();

  form.addEventListener("input", function (e) {
    if (e.target.type !== "search") return;
    clearTimeout(timer);
    timer = setTimeout(function () { update(true); }, 250);
  });
  form.addEventListener("change", function (e) {
    // A "Compare" tick is not a search: it belongs to #compare-form, and is a step Back
    // can undo.
    if (e.target.form !== form) {
      if (e.target.form === compare) {
        notePick(e.target);
        showPicks();
        window.history.pushState(entry(false), "", location.href);
      }
      return;
    }
    if (e.target.type === "search") return;
    clearTimeout(timer);
    update(false);
  });
})();
