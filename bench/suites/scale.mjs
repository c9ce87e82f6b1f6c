// Does creating many contexts tax every later async operation? One fresh process per (kind, count): create `count`
// contexts and run each once (as per-request or per-test contexts are), then time `await` of a setImmediate inside a
// run. kind "runtime": unproxy's createContext; kind "als": one bare AsyncLocalStorage per context, the design
// unproxy had before (on Node 20 each AsyncLocalStorage that has run stays registered with async_hooks for good).
import { AsyncLocalStorage } from "node:async_hooks";
import { importRuntime } from "../lib/build-root.mjs";
import { consume } from "../lib/measure.mjs";

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** CPU µs (user + system, so it does not count time the shared machine gave to others) per awaited setImmediate. */
async function timeTicks(budgetMs) {
  const perOp = [];
  const batch = 10;
  const started = Date.now();
  for (let i = 0; i < 20; i++) await tick(); // warm-up
  while (perOp.length < 15 || (Date.now() - started < budgetMs && perOp.length < 2000)) {
    const t0 = process.cpuUsage();
    for (let i = 0; i < batch; i++) await tick();
    const d = process.cpuUsage(t0);
    perOp.push((d.user + d.system) / batch);
  }
  perOp.sort((a, b) => a - b);
  return { us: perOp[Math.floor(perOp.length / 2)], samples: perOp.length };
}

export async function runScale({ quick, kind, count }) {
  const budgetMs = quick ? 300 : 1500;
  let run;
  if (kind === "runtime") {
    const rt = await importRuntime();
    for (let i = 0; i < count; i++) rt.createContext(`request-${i}`).run(i, () => consume(0));
    const ctx = rt.createContext("main");
    run = (fn) => ctx.run(1, fn);
  } else if (kind === "als") {
    for (let i = 0; i < count; i++) new AsyncLocalStorage().run(i, () => consume(0));
    const als = new AsyncLocalStorage();
    run = (fn) => als.run(1, fn);
  } else throw new Error(`unknown scale kind ${kind}`);
  const t = await run(() => timeTicks(budgetMs));
  return { results: { [`scale/${kind}/${count}`]: t } };
}
