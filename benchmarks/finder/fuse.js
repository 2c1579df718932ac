// Fuse.js 7.5.0: approximate (Bitap) matching of the whole query against each field, weighted 3/2/1.
"use strict";
const { lib, fold, documents } = require("./common");
const Fuse = lib("fuse.js");
exports.make = (entries) => {
  const fuse = new Fuse(documents(entries), {
    keys: [{ name: "title", weight: 3 }, { name: "words", weight: 2 }, { name: "more", weight: 1 }],
    ignoreLocation: true,
    threshold: 0.4,
  });
  return (query) => fuse.search(fold(query).replace(/ /g, "")).map((r) => r.item.id);
};
