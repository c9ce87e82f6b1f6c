// Timing primitives shared by the runtime suites.
//
// A single call of a plain closure costs under a nanosecond, far below what a timer can resolve, so every
// tinybench sample runs a *batch*: a loop generated per variant with `new Function`. Generating the loop per
// variant matters: a shared loop helper would see many callees at one call site, go megamorphic and stop
// inlining, which would slow the fast variants and hide exactly the difference we want to see. Each loop
// folds its results into a value that is returned and accumulated in `sink`, which the harness prints, so
// V8 cannot drop the work as dead code.
import { Bench } from "tinybench";

let sink = 0;
let loopCounter = 0;

/** The accumulated results of every loop; printed by the harness so no loop is dead code. */
export function sinkValue() {
  return sink;
}

/**
 * Builds a loop that evaluates `expr` n times. `kind: "value"` sums the values (numbers);
 * `kind: "object"` stores each value in a ring that escapes, so allocations cannot be elided.
 */
export function makeLoop(params, expr, kind = "value") {
  const id = `bench_loop_${++loopCounter}`; // distinct source text: no shared code or feedback between loops
  const body =
    kind === "value"
      ? `let s = 0; for (let i = 0; i < n; i++) { s += ${expr}; } return s;`
      : `const ring = new Array(64); for (let i = 0; i < n; i++) { ring[i & 63] = ${expr}; } ` +
        `return typeof ring[(n - 1) & 63] === "function" ? n : -1;`;
  // eslint-disable-next-line no-new-func -- benchmark-only code generation, never shipped
  return new Function(...params, "n", `// ${id}\n${body}`);
}

/** Adds a loop's result to the sink; the sink is checked at the end of a run. */
export function consume(value) {
  sink += value;
}

/**
 * Picks a batch size so that one sample lasts about `targetUs` microseconds: long enough that the timer's
 * own cost (tens of ns) is noise, short enough for many samples per task.
 */
function calibrate(runBatch, targetUs) {
  const timeOnce = (n) => {
    let best = Infinity; // the minimum of three skips one-off pauses (GC, first-call compilation)
    for (let k = 0; k < 3; k++) {
      const t0 = process.hrtime.bigint();
      runBatch(n);
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e3);
    }
    return best;
  };
  let n = 1;
  for (;;) {
    const us = timeOnce(n);
    if (us >= targetUs / 8 || n >= 1 << 24) return Math.max(1, Math.round((n * targetUs) / Math.max(us, 0.001)));
    n *= 4;
  }
}

/**
 * Measures each variant: `variants` is a list of { id, run(n), expect? } where run executes n operations and
 * returns a number for the sink (n × expect when given, checked once before timing).
 * Returns { id: { ns, batch, samples, rme } } with ns = median ns per op.
 */
export function measureAll(variants, { quick }) {
  const targetUs = quick ? 50 : 200;
  const bench = new Bench({
    time: quick ? 60 : 500,
    warmupTime: quick ? 20 : 150,
    subtractTimerOverhead: true,
    throws: true,
  });
  const batches = new Map();
  for (const v of variants) {
    // First call outside timing: compiles the loop, surfaces errors, and checks the variant computes what it claims.
    const first = v.run(64);
    if (v.expect !== undefined && first !== v.expect * 64) {
      throw new Error(`bench variant ${v.id} returned ${first} for 64 operations, expected ${v.expect * 64}`);
    }
    // Calibrated twice: the first size comes from code that may not be optimized yet (too small a batch makes
    // samples so short that timer granularity shows); running it a while lets the optimizing compiler settle.
    const runBatch = (n) => consume(v.run(n));
    let batch = calibrate(runBatch, targetUs);
    for (let i = 0; i < 20; i++) runBatch(batch);
    batch = calibrate(runBatch, targetUs);
    batches.set(v.id, batch);
    bench.add(v.id, () => {
      consume(v.run(batch));
    });
  }
  bench.runSync();
  const out = {};
  for (const task of bench.tasks) {
    const r = task.result;
    if (!r || !r.latency) throw new Error(`bench task ${task.name} produced no result (${r && r.state})`);
    const batch = batches.get(task.name);
    out[task.name] = {
      ns: (r.latency.p50 * 1e6) / batch,
      batch,
      samples: r.latency.samplesCount ?? r.latency.samples?.length ?? null,
      rme: r.latency.rme,
    };
  }
  return out;
}
