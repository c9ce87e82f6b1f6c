// The long differential fuzz run (issue 5): `npm run fuzz -- --runs 100000 [--seed S] [--workers W]`.
// Runs chunks of batches through fast-check, chunk k seeded S + k; a divergent chunk is shrunk, its reproducer written
// to --out (default node_modules/.cache/unproxy-fuzz/) and the run goes on. Exit status 1 when anything diverged.
import { createRequire } from "node:module";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

const require = createRequire(import.meta.url);
const BATCHES_PER_CHUNK = 250; // about 1,000 programs

function parseArgs(argv) {
  const args = { runs: 10_000, seed: 20261130, workers: 1, out: "node_modules/.cache/unproxy-fuzz" };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, "");
    if (!(key in args)) throw new Error(`long-run: unknown option ${argv[i]} (--runs, --seed, --workers, --out)`);
    args[key] = key === "out" ? argv[++i] : Number(argv[++i]);
  }
  return args;
}

async function runChunk(seed) {
  const fc = require("fast-check");
  const { batchArb } = require("./arbitrary.cjs");
  const { checkBatch, newStats } = require("./property.cjs");
  const stats = newStats();
  const before = { programs: 0 };
  let failedOnce = false;
  const result = await fc.check(
    fc.asyncProperty(batchArb, async (batch) => {
      // Programs counted before shrinking only: shrink steps re-run variants of the same program.
      if (!failedOnce) before.programs += batch.length;
      try {
        await checkBatch(batch, stats);
      } catch (e) {
        failedOnce = true;
        throw e;
      }
    }),
    // Shrinking re-runs whole batches; past the limit the smallest failure found so far is reported.
    { seed, numRuns: BATCHES_PER_CHUNK, interruptAfterTimeLimit: 150_000 },
  );
  return {
    seed,
    programs: before.programs,
    rewritten: stats.rewritten,
    failed: result.failed,
    report: result.failed ? String(result.errorInstance && result.errorInstance.message) : null,
  };
}

if (!isMainThread) {
  for (const seed of workerData.seeds) parentPort.postMessage(await runChunk(seed));
} else {
  const args = parseArgs(process.argv.slice(2));
  const chunks = Math.ceil(args.runs / (BATCHES_PER_CHUNK * 4));
  const seeds = Array.from({ length: chunks * 2 }, (_, k) => args.seed + k); // enough chunks for the program count
  const started = Date.now();
  let programs = 0;
  let divergences = 0;
  let done = false;
  mkdirSync(args.out, { recursive: true });
  await new Promise((resolveAll) => {
    const workers = [];
    const finish = () => {
      if (done) return;
      done = true;
      for (const w of workers) w.terminate();
      resolveAll();
    };
    for (let w = 0; w < args.workers; w++) {
      const mine = seeds.filter((_, k) => k % args.workers === w);
      const worker = new Worker(new URL(import.meta.url), { workerData: { seeds: mine } });
      workers.push(worker);
      worker.on("message", (chunk) => {
        programs += chunk.programs;
        const secs = ((Date.now() - started) / 1000).toFixed(0);
        process.stderr.write(`chunk seed ${chunk.seed}: ${chunk.programs} programs, ${chunk.failed ? "DIVERGED" : "ok"}` +
          ` — total ${programs} in ${secs} s\n`);
        if (chunk.failed) {
          divergences++;
          const file = join(args.out, `divergence-seed-${chunk.seed}.txt`);
          writeFileSync(file, chunk.report);
          process.stderr.write(`  reproducer: ${file}\n${chunk.report.slice(0, 4000)}\n`);
        }
        if (programs >= args.runs) finish();
      });
      worker.on("error", (e) => {
        process.stderr.write(`worker ${w} crashed: ${e && e.stack}\n`);
        divergences++;
        finish();
      });
      worker.on("exit", () => {
        if (workers.every((x) => x.threadId === -1)) finish();
      });
    }
  });
  const summary = { seed: args.seed, programs, divergences, seconds: Math.round((Date.now() - started) / 1000) };
  writeFileSync(join(args.out, "last-run.json"), JSON.stringify(summary, null, 2) + "\n");
  console.log(JSON.stringify(summary));
  process.exitCode = divergences ? 1 : 0;
}
