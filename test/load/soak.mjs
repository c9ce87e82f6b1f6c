// Load, leaks and memory (issue 5, part 3): the demo server (examples/, compiled by the plugin) under load through the
// work-queue, EventEmitter and thenable hand-offs, in rounds with forced GC between them.
//   node --expose-gc test/load/soak.mjs [--requests 20000] [--concurrency 200] [--rounds 5] [--probe 2000]
// --requests is per scenario, split over the rounds. Checks, each a non-zero exit when broken:
//   1. no response carries another request's data (plugin variant), and no errors;
//   2. retained heap after GC does not grow round over round (see GROWTH_LIMIT_MB);
//   3. request objects captured by callbacks are collected once those callbacks have run (a FinalizationRegistry
//      probe through the same scenario code, in-process).
// The proxy-only variant runs one short round first, to show the leak check does see leaks when nothing captures.
import { compileExamples, sendLoad, startVariantServer } from "../../examples/demo-lib.mjs";
import { gcAndMeasure, probeRelease } from "./heap.mjs";

const SCENARIOS = ["work-queue", "event-emitter", "thenable"];
// Retained heap may move by V8 housekeeping (JIT code, inline caches); a leak of the captured request objects would
// grow it by roughly (requests per round × a few hundred bytes) every round.
const GROWTH_LIMIT_MB = 2;

function parseArgs(argv) {
  const args = { requests: 20_000, concurrency: 200, rounds: 5, probe: 2000 };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, "");
    if (!(key in args)) throw new Error(`soak: unknown option ${argv[i]} (--requests, --concurrency, --rounds, --probe)`);
    args[key] = Number(argv[++i]);
  }
  return args;
}

export async function soak(args) {
  if (typeof globalThis.gc !== "function") throw new Error("soak: run node with --expose-gc");
  const build = await compileExamples(["proxy-only", "plugin"]);
  const report = { args, control: [], scenarios: [], failures: [] };
  try {
    const control = await startVariantServer(build.variants["proxy-only"]);
    try {
      for (const scenario of SCENARIOS) {
        const r = await sendLoad({ baseUrl: control.url, scenario, requests: 1000, concurrency: args.concurrency });
        report.control.push({ scenario, requests: r.requests, leaks: r.leaks });
      }
    } finally {
      await control.close();
    }
    const server = await startVariantServer(build.variants.plugin);
    try {
      for (const scenario of SCENARIOS) {
        const perRound = Math.ceil(args.requests / args.rounds);
        const rounds = [];
        await sendLoad({ baseUrl: server.url, scenario, requests: 500, concurrency: args.concurrency }); // warm-up
        for (let round = 1; round <= args.rounds; round++) {
          const r = await sendLoad({ baseUrl: server.url, scenario, requests: perRound, concurrency: args.concurrency });
          const heapMB = await gcAndMeasure();
          rounds.push({ round, requests: r.requests, ok: r.ok, leaks: r.leaks, errors: r.errors, wallMs: Math.round(r.wallMs),
            heapMB, firstLeak: r.firstLeak, firstError: r.firstError });
        }
        const probe = await probeRelease(server.modules, scenario, args.probe);
        const totals = rounds.reduce((t, r) => ({ requests: t.requests + r.requests, leaks: t.leaks + r.leaks,
          errors: t.errors + r.errors }), { requests: 0, leaks: 0, errors: 0 });
        // Growth from the first measured round to the last (the first one absorbs JIT and socket warm-up).
        const growthMB = +(rounds.at(-1).heapMB - rounds[0].heapMB).toFixed(2);
        const entry = { scenario, ...totals, rounds, growthMB, probe };
        report.scenarios.push(entry);
        if (totals.leaks) report.failures.push(`${scenario}: ${totals.leaks} responses carried another request's data`);
        if (totals.errors) report.failures.push(`${scenario}: ${totals.errors} errors`);
        if (growthMB > GROWTH_LIMIT_MB) report.failures.push(`${scenario}: retained heap grew ${growthMB} MB over the rounds`);
        if (probe.wrongReplies) report.failures.push(`${scenario}: ${probe.wrongReplies} probe callbacks saw another request`);
        if (probe.released < probe.created) {
          report.failures.push(`${scenario}: ${probe.created - probe.released} of ${probe.created} captured requests not collected`);
        }
      }
    } finally {
      await server.close();
    }
  } finally {
    build.cleanup();
  }
  return report;
}

function print(report) {
  const lines = [];
  lines.push(`control (proxy-only, nothing captures): ` +
    report.control.map((c) => `${c.scenario} ${c.leaks}/${c.requests} leaked`).join(", "));
  lines.push("");
  lines.push("| scenario | requests | leaks | errors | heap after GC per round (MB) | growth (MB) | captured requests collected |");
  lines.push("|---|---|---|---|---|---|---|");
  for (const s of report.scenarios) {
    lines.push(`| ${s.scenario} | ${s.requests} | ${s.leaks} | ${s.errors} | ${s.rounds.map((r) => r.heapMB).join(" → ")} | ` +
      `${s.growthMB} | ${s.probe.released}/${s.probe.created} |`);
  }
  lines.push("");
  lines.push(report.failures.length ? `FAILED:\n${report.failures.join("\n")}` : "ok: no leaks, no errors, flat retained heap");
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const report = await soak(args);
  console.log(print(report));
  console.log(`node ${process.version}, ${Math.round((Date.now() - started) / 1000)} s`);
  if (process.env.SOAK_JSON) (await import("node:fs")).writeFileSync(process.env.SOAK_JSON, JSON.stringify(report, null, 2));
  process.exitCode = report.failures.length ? 1 : 0;
}
