// MiniSearch 7.2.0 out of the box: its own word splitter (spaces and punctuation), BM25, prefix and fuzzy
// matching, fields weighted like the shipped finder (title 3, words 2, summary 1).
"use strict";
const { lib, fold, documents } = require("./common");
const MiniSearch = lib("minisearch/dist/cjs/index.cjs");
exports.make = (entries) => {
  const search = new MiniSearch({ fields: ["title", "words", "more"], processTerm: (t) => fold(t) || null });
  search.addAll(documents(entries));
  return (query) =>
    search.search(query, { boost: { title: 3, words: 2 }, prefix: true, fuzzy: 0.2, combineWith: "OR" }).map((r) => r.id);
};
