// The shipped finder: assets/javascripts/finder.js of a built site (minified from generator/site/finder.js;
// path in FINDER_JS).
"use strict";
const path = require("path");
const finder = require(path.resolve(process.env.FINDER_JS || "site/assets/javascripts/finder.js"));
exports.make = (entries) => {
  const index = finder.prepare(entries);
  return (query) => {
    const chosen = finder.choose(index, query);
    return { ids: chosen.results.map((result) => result.entry.id), exact: chosen.exact, sure: Boolean(chosen.sure) };
  };
};
