// The shipped finder: assets/javascripts/finder.js of a built site (minified from generator/site/finder.js;
// path in FINDER_JS).
"use strict";
const fs = require("fs");
const path = require("path");
const finder = require(path.resolve(process.env.FINDER_JS || "site/assets/javascripts/finder.js"));
exports.make = (entries) => {
  // The everyday words the page fetches beside the script when the resident starts typing (finder/everyday.yml);
  // FINDER_MORE=0 ranks without them, as the page does before they arrive.
  const more = path.join(path.dirname(path.resolve(process.env.FINDER_JS || "site/assets/javascripts/finder.js")), "finder.json");
  const table = process.env.FINDER_MORE !== "0" && fs.existsSync(more) ? JSON.parse(fs.readFileSync(more, "utf8")) : undefined;
  const index = finder.prepare(entries, table);
  return (query) => {
    const chosen = finder.choose(index, query);
    return { ids: chosen.results.map((result) => result.entry.id), exact: chosen.exact, sure: Boolean(chosen.sure) };
  };
};
