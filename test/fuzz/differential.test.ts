// Differential fuzz (issue 5, part 1): random programs run uncompiled (every marked closure handed to the runtime's
// captureContext fallback) and compiled by the plugin must log the same thing and throw the same errors.
// A failure prints the shrunk program, the plugin's output and both logs; `npm run fuzz` is the long run.
import fc from "fast-check";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { batchArb, programArb } = require("./arbitrary.cjs");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkBatch, newStats } = require("./property.cjs");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { differential } = require("./run-program.cjs");

const SEED = 20261130;
// Sample sizes for the gate (`npm test`), chosen to keep it within its time budget: about 4 programs per batch. The
// slow tier (`npm run test:slow`) runs the long form, test/fuzz/long-run.mjs, on thousands of programs more; these
// variables make this suite bigger when wanted.
const BATCHES = Number(process.env.UNPROXY_FUZZ_BATCHES ?? 60);
const ORACLE_SAMPLES = Number(process.env.UNPROXY_FUZZ_ORACLE_SAMPLES ?? 60);

test(`compiled and uncompiled agree on ${BATCHES} batches of random programs (fixed seed)`, async () => {
  const stats = newStats();
  const run = () => fc.assert(fc.asyncProperty(batchArb, (batch) => checkBatch(batch, stats)), { seed: SEED, numRuns: BATCHES });
  await run();
  expect(stats.programs).toBeGreaterThanOrEqual(BATCHES * 3);
  // The programs exercise the plugin: most are rewritten, with several marked closures each.
  expect(stats.rewritten / stats.programs).toBeGreaterThan(0.5);
  expect(stats.markedClosures).toBeGreaterThan(stats.programs);
}, 180_000);

test("the oracle notices when marked closures are left uncompiled", async () => {
  // Same generator, markers printed but the plugin not applied: comment-marked closures then read the context they
  // run in, not the one they were created in, and some programs must show it.
  const samples: { program: unknown; pipeline: string }[] = fc.sample(programArb, { seed: SEED, numRuns: ORACLE_SAMPLES });
  let diverging = 0;
  for (const { program, pipeline } of samples) {
    const r = await differential(program, { pipeline, withoutPlugin: true });
    if (!r.same) diverging++;
  }
  expect(diverging).toBeGreaterThan(0);
}, 120_000);
