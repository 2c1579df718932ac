// Rank every benchmark query with one approach and print the ids shown, best first, as JSON lines.
//   node benchmarks/finder/run.js <approach.js> <data.json>
// data.json: {"entries": [{id, title, words, more}], "queries": ["…", …]} (made by benchmarks/finder_benchmark.py
// from the built 「さがす」 page). An approach exports make(entries) → function(query) → [id, …].
"use strict";
const fs = require("fs");
const path = require("path");
const [approachPath, dataPath] = process.argv.slice(2);
const approach = require(path.resolve(approachPath));
const data = JSON.parse(fs.readFileSync(dataPath, "utf8"));
const search = approach.make(data.entries);
const out = data.queries.map((query) => search(query));
process.stdout.write(JSON.stringify(out));
