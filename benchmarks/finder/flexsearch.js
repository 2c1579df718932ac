// FlexSearch 0.8.212: Document index with its CJK encoder (one term per character) and "forward" tokenizer.
"use strict";
const { lib, fold, documents } = require("./common");
const { Document, Charset } = lib("flexsearch");
exports.make = (entries) => {
  const index = new Document({
    document: { id: "id", index: ["title", "words", "more"] },
    encoder: Charset.CJK,
    tokenize: "forward",
  });
  documents(entries).forEach((doc) => index.add(doc));
  return (query) => {
    const seen = new Set();
    // Fields in weight order; FlexSearch has no per-field boost in one query.
    for (const field of index.search(fold(query), { limit: 20, suggest: true })) for (const id of field.result) seen.add(id);
    return [...seen];
  };
};
