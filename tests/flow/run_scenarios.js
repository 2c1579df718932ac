// Runs written scenarios through flow.js's own evaluation (the code the page runs), for test_scenarios.py.
// Usage: node run_scenarios.js <flow.js> <data.json> <scenarios.json>  → JSON on stdout, one entry a scenario.
"use strict";
const fs = require("fs");
const flow = require(process.argv[2]);
const data = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const scenarios = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
const out = scenarios.map((scenario) => {
  // The answers go through the address, exactly as the page keeps them.
  const hash = flow.makeHash(data, scenario.answers);
  const walk = new flow.Walk(data, flow.parseHash(data, hash));
  const dates = walk.dates();
  const results = walk.results().map((r) => {
    const deadline = flow.shownDeadline(r, data.procedures[r.procedure]);
    const computed = flow.computedDeadline(deadline, dates);
    return {procedure: r.procedure, truth: ["no", "maybe", "yes"][r.truth], due: computed && computed.due, opens: computed && computed.opens, deadline: deadline.text};
  });
  const counters = walk.counters().map((r) => {
    const computed = flow.computedDeadline(r.counter.deadline, dates);
    return {id: r.counter.id, truth: ["no", "maybe", "yes"][r.truth], due: computed && computed.due};
  });
  return {finished: walk.current === null, asked: walk.asked, results, counters, asks: walk.counterQuestions(), hash};
});
process.stdout.write(JSON.stringify(out));
