// Shared by the comparison approaches: the shipped finder's normalisation (so every approach reads the same
// folded text) and where the npm libraries under comparison are installed (FINDER_LIBS, see
// benchmarks/finder_benchmark.py; they are not dependencies of the site).
"use strict";
const path = require("path");
const finder = require(path.resolve(process.env.FINDER_JS || "site/assets/javascripts/finder.js"));
const libs = process.env.FINDER_LIBS || "/tmp/finderlibs/node_modules";
exports.lib = (name) => require(path.join(libs, name));
exports.fold = (text) => finder.queryPieces(text).join(" ");
exports.titlePieces = (title) => finder.fieldPieces(title).join(" ");
exports.bigrams = (text) => {
  const out = [];
  for (const piece of text.split(/\s+/).filter(Boolean)) {
    if (piece.length < 2) out.push(piece);
    for (let i = 0; i + 1 < piece.length; i += 1) out.push(piece.slice(i, i + 2));
  }
  return out;
};
// The documents every approach indexes: the built page's fields, folded like the shipped finder does.
exports.documents = (entries) =>
  entries.map((e) => ({ id: e.id, title: exports.titlePieces(e.title), words: e.words, more: e.more }));
