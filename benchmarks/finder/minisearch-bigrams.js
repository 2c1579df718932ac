// MiniSearch 7.2.0 with character pairs as its terms (the shipped finder's idea, the library's BM25 ranking).
"use strict";
const { lib, fold, bigrams, documents } = require("./common");
const MiniSearch = lib("minisearch/dist/cjs/index.cjs");
exports.make = (entries) => {
  const search = new MiniSearch({ fields: ["title", "words", "more"], tokenize: bigrams, processTerm: (t) => t });
  search.addAll(documents(entries));
  return (query) =>
    search
      .search(query, { boost: { title: 3, words: 2 }, combineWith: "OR", tokenize: (q) => bigrams(fold(q)) })
      .map((r) => r.id);
};
