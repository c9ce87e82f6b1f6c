// Timing primitives shared by the runtime suites.
//
// A single call of a plain closure costs under a nanosecond, far below what a timer can resolve, so every
// sample runs a *batch*: a loop generated per variant with `new Function`. Generating the loop per
// variant matters: a shared loop helper would see many callees at one call site, go megamorphic and stop
// inlining, which would slow the fast variants and hide exactly the difference we want to see. Each loop
// folds its results into a value that is returned and accumulated in `sink`, which the harness prints, so
// V8 cannot drop the work as dead code.

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

/** CPU time (user + system, µs): unlike wall time it does not count the time a shared machine gave to others. */
function cpuMicros() {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/**
 * Measures each variant: `variants` is a list of { id, run(n), expect? } where run executes n operations and
 * returns a number for the sink (n × expect when given, checked once before timing).
 *
 * Interleaved: each round times one batch of every variant, starting with a different one each round, so variants
 * compared in a ratio are measured side by side in time, not seconds apart on a machine whose load drifts.
 * Returns { id: { ns, batch, samples, spread } } with ns = median CPU ns per op, spread = (p75 − p25) / median.
 */
export function measureAll(variants, { quick }) {
  const targetUs = quick ? 100 : 300;
  // Enough rounds for stable medians; a small group (zone, cls) needs less time for as many samples per variant.
  const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
  const budgetMs = quick ? clamp(variants.length * 50, 1000, 2500) : clamp(variants.length * 400, 3000, 20_000);
  const prepared = [];
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
    prepared.push({ v, batch, samples: [] });
  }
  const started = Date.now();
  for (let round = 0; round < 5 || (Date.now() - started < budgetMs && round < 5000); round++) {
    for (let k = 0; k < prepared.length; k++) {
      const p = prepared[(round + k) % prepared.length];
      const t0 = cpuMicros();
      consume(p.v.run(p.batch));
      p.samples.push(((cpuMicros() - t0) * 1e3) / p.batch);
    }
  }
  const out = {};
  for (const { v, batch, samples } of prepared) {
    samples.sort((a, b) => a - b);
    const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
    out[v.id] = { ns: at(0.5), batch, samples: samples.length, spread: (at(0.75) - at(0.25)) / at(0.5) };
  }
  return out;
}
