// Word tokens from the browser's own Japanese word splitter (Intl.Segmenter, ICU's dictionary: 0 bytes to
// download) on both the pages and the query, ranked by MiniSearch's BM25 with prefix matching.
"use strict";
const { lib, fold, documents } = require("./common");
const MiniSearch = lib("minisearch/dist/cjs/index.cjs");
const segmenter = new Intl.Segmenter("ja", { granularity: "word" });
const words = (text) => [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
exports.make = (entries) => {
  const search = new MiniSearch({ fields: ["title", "words", "more"], tokenize: (t) => words(t), processTerm: (t) => t });
  search.addAll(documents(entries));
  return (query) =>
    search
      .search(query, { boost: { title: 3, words: 2 }, prefix: true, combineWith: "OR", tokenize: (q) => words(fold(q)) })
      .map((r) => r.id);
};
