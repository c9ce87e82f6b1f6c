// Does creating many contexts tax every later async operation? Create contexts and run each once (as per-request or
// per-test contexts are), and time `await` of a setImmediate inside a run after 0, 1,000 and 10,000 of them. kind "runtime": unproxy's createContext; kind "als": one bare AsyncLocalStorage per context, the design
// unproxy had before (on Node 20 each AsyncLocalStorage that has run stays registered with async_hooks for good).
import { AsyncLocalStorage } from "node:async_hooks";
import { importRuntime } from "../lib/build-root.mjs";
import { consume } from "../lib/measure.mjs";

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** CPU µs (user + system, so it does not count time the shared machine gave to others) per awaited setImmediate. */
async function timeTicks(budgetMs) {
  const perOp = [];
  const batch = 50;
  const started = Date.now();
  for (let i = 0; i < 2000; i++) await tick(); // warm-up: the first segment must not time the JIT
  while (perOp.length < 9 || (Date.now() - started < budgetMs && perOp.length < 400)) {
    const t0 = process.cpuUsage();
    for (let i = 0; i < batch; i++) await tick();
    const d = process.cpuUsage(t0);
    perOp.push((d.user + d.system) / batch);
  }
  perOp.sort((a, b) => a - b);
  // The fastest decile, not the median: the question is whether each await does more work, which shows in the
  // fastest batches too, while the machine's load (which CPU time does not fully remove) shows mostly in the slow ones.
  return { us: perOp[Math.floor(perOp.length / 10)], median: perOp[Math.floor(perOp.length / 2)], samples: perOp.length };
}

/**
 * One process per kind: the async cost is timed with no contexts, then after creating contexts up to each count, in
 * the same process (as contexts accumulate over a process's life), so the ratio is not between two processes.
 */
export async function runScale({ quick, kind, counts }) {
  const budgetMs = quick ? 400 : 1500;
  let create;
  let run;
  if (kind === "runtime") {
    const rt = await importRuntime();
    create = (i) => rt.createContext(`request-${i}`).run(i, () => consume(0));
    const ctx = rt.createContext("main");
    run = (fn) => ctx.run(1, fn);
  } else if (kind === "als") {
    create = (i) => new AsyncLocalStorage().run(i, () => consume(0));
    const als = new AsyncLocalStorage();
    run = (fn) => als.run(1, fn);
  } else throw new Error(`unknown scale kind ${kind}`);
  const results = {};
  let created = 0;
  for (const count of counts) {
    while (created < count) create(created++);
    results[`scale/${kind}/${count}`] = await run(() => timeTicks(budgetMs));
  }
  return { results };
}
