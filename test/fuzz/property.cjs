"use strict";
// The differential property over a batch of programs, shared by the jest suite and the long run.
const { differential, formatReport } = require("./run-program.cjs");

/** Counts what the runs exercised, so a suite can show it is not checking nothing. */
function newStats() {
  return { programs: 0, rewritten: 0, markedClosures: 0 };
}

/** Runs a batch (adding to stats); throws an Error whose message is the reproducer of the first divergent program. */
async function checkBatch(batch, stats = newStats(), options = {}) {
  const results = await Promise.all(batch.map(({ program, pipeline }) => differential(program, { pipeline, ...options })));
  for (const r of results) {
    stats.programs++;
    if (r.compiled.plugin && /unproxy(IfBound)?\)?\(/.test(r.compiled.plugin)) stats.rewritten++;
    stats.markedClosures += (r.sources.fallback.match(/captureContext\(/g) || []).length;
  }
  const bad = results.find((r) => !r.same);
  if (bad) throw new Error(`compiled and uncompiled programs diverge\n${formatReport(bad)}`);
}

module.exports = { checkBatch, newStats };
