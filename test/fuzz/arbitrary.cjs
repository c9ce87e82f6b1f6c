"use strict";
// fast-check arbitrary for generated programs: the generator's choices are drawn through fc.gen(), so a failing
// program shrinks choice by choice toward the simplest one (every choice shrinks to 0, the simplest option).
const fc = require("fast-check");
const { ProgramGen } = require("./program-gen.cjs");

/** Which shared Babel pipeline a program goes through (see run-program.cjs PIPELINES); mostly plain CommonJS. */
const pipelineArb = fc.constantFrom("script", "script", "script", "script", "esm", "esm", "esm", "env-node6");

const programArb = fc.record({ gen: fc.gen(), pipeline: pipelineArb }).map(({ gen, pipeline }) => {
  const program = new ProgramGen((n) => (n <= 1 ? 0 : gen(fc.nat, { max: n - 1 }))).program();
  return { program, pipeline };
});

module.exports = { programArb };

/**
 * A batch of programs run concurrently (their timer waits overlap, which is where a program spends its time);
 * a failing batch shrinks to the one failing program.
 */
const batchArb = fc.array(programArb, { minLength: 1, maxLength: 8 });

module.exports.batchArb = batchArb;
