// Before issue #12: every typed word must be a substring of the item's text (NFKC, hiragana, lower case).
"use strict";
function normalize(text) {
  return text.normalize("NFKC").toLowerCase().replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}
exports.make = (entries) => (query) => {
  const terms = normalize(query).split(/\s+/).filter(Boolean);
  return entries
    .filter((e) => terms.every((t) => (normalize(e.title).replace(/\s+/g, "") + " " + e.words + " " + e.more).includes(t)))
    .map((e) => e.id);
};
