// Rank every benchmark query with one approach and print the ids shown, best first, as JSON lines.
//   node benchmarks/finder/run.js <approach.js> <data.json>
// An approach returns the ids, or {ids, exact} when it can tell that nothing matched exactly.
// data.json: {"entries": [{id, title, words, more}], "queries": ["…", …]} (made by benchmarks/finder_benchmark.py
// from the built 「さがす」 page). An approach exports make(entries) → function(query) → [id, …].
"use strict";
const fs = require("fs");
const path = require("path");
const [approachPath, dataPath] = process.argv.slice(2);
const approach = require(path.resolve(approachPath));
const data = JSON.parse(fs.readFileSync(dataPath, "utf8"));
const search = approach.make(data.entries);
const out = data.queries.map((query) => {
  const found = search(query);
  return Array.isArray(found) ? { ids: found, exact: found.length > 0 } : found;
});
process.stdout.write(JSON.stringify(out));
