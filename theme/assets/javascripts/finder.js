// 「手続きを さがす」: filter the list of procedures as the resident types. Loaded on that page only.
// The page works without this script (it is then a plain list); the search box is shown only when it runs.
(function () {
  "use strict";
  var form = document.querySelector("[data-finder]");
  if (!form) return;
  var input = form.querySelector("input");
  var status = document.getElementById("finder-status");
  var none = document.querySelector("[data-finder-none]");
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-finder-group]"));
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-search]"));

  // Same steps as generator/site/search_text.py: NFKC, katakana to hiragana, lower case, no spaces.
  function normalize(text) {
    return text.normalize("NFKC").toLowerCase().replace(/[\u30a1-\u30f6]/g, function (ch) {
      return String.fromCharCode(ch.charCodeAt(0) - 0x60);
    });
  }

  function words(query) {
    return normalize(query).split(/\s+/).filter(function (word) { return word.length > 0; });
  }

  var timer = null;

  function filter() {
    var terms = words(input.value);
    var shown = 0;
    items.forEach(function (item) {
      var text = item.getAttribute("data-search");
      var match = terms.every(function (term) { return text.indexOf(term) !== -1; });
      item.hidden = !match;
      if (match) shown += 1;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("[data-search]:not([hidden])");
    });
    none.hidden = shown > 0;
    // Announce the count a moment after typing stops, so a screen reader is not interrupted on every key.
    clearTimeout(timer);
    timer = setTimeout(function () {
      status.textContent = terms.length === 0 ? "" : (shown > 0 ? shown + "件 見つかりました。" : "見つかりませんでした。");
    }, 400);
  }

  form.hidden = false;
  input.addEventListener("input", filter);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    filter();
  });
  // A query in the address (sagasu/?q=台風) fills the box, so a search can be shared or bookmarked.
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    input.value = query;
    filter();
  }
})();
