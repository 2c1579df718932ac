// TinySegmenter 0.2.0 (a 21 KB statistical word splitter in JavaScript) on both sides, MiniSearch BM25 ranking.
"use strict";
const { lib, fold, documents } = require("./common");
const MiniSearch = lib("minisearch/dist/cjs/index.cjs");
const TinySegmenter = lib("tiny-segmenter");
const segmenter = new TinySegmenter();
const words = (text) => text.split(" ").flatMap((piece) => segmenter.segment(piece)).filter((w) => w.trim());
exports.make = (entries) => {
  const search = new MiniSearch({ fields: ["title", "words", "more"], tokenize: words, processTerm: (t) => t });
  search.addAll(documents(entries));
  return (query) =>
    search
      .search(query, { boost: { title: 3, words: 2 }, prefix: true, combineWith: "OR", tokenize: (q) => words(fold(q)) })
      .map((r) => r.id);
};
