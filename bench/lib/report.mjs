// Turns one Node version's raw results into goal verdicts and Markdown tables.
const LABELS = {
  plain: "plain closure (the limit)",
  compiled: "compiled by the plugin (`/* @unproxy */`)",
  "compiled-call-marker": "compiled by the plugin (`captureContext(fn)` marker)",
  "compiled-proxy": "compiled, captures context proxies",
  "compiled-const": "compiled, captures non-proxy constants (unproxy() pass-through)",
  "live-proxy": "uncompiled closure reading the proxy at call time",
  "als-bind": "`AsyncLocalStorage.bind(fn)`",
  "als-snapshot": "`AsyncLocalStorage.snapshot()` + `run(fn)`",
  "async-resource-bind": "`AsyncResource.bind(fn)`",
  "capture-fallback": "`captureContext(fn)` uncompiled (runtime fallback)",
  "zone-wrap": "zone.js `Zone.current.wrap(fn)`",
  "cls-bind": "cls-hooked `ns.bind(fn)`",
  direct: "`req.user.id` on the object itself",
  "get-store": "`als.getStore().user.id` (report only)",
  "empty-proxy": "`new Proxy(req, {})` (report only)",
  floor: "floor: Proxy `get: (_, k) => Reflect.get(als.getStore(), k)`",
  "context-proxy": "`contextProxy(context)`",
  "getter-proxy": "`contextProxy(() => als.getStore())` (report only)",
  "plain-reader": "direct read inside a plain closure",
  "captured-reader": "captured proxy read inside a compiled closure",
  "clean-floor": "floor, in a process where `unproxy()` never ran",
  "clean-context-proxy": "`contextProxy(context)`, in a process where `unproxy()` never ran (report only)",
};
const PEERS = ["als-bind", "als-snapshot", "async-resource-bind", "zone-wrap", "cls-bind", "capture-fallback"];

const fmt = (x) => (x == null || !Number.isFinite(x) ? "—" : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ratio = (x) => (x == null || !Number.isFinite(x) ? "—" : `${fmt(x)}×`);
const pct = (x) => (x == null ? "—" : `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}%`);
const verdict = (ok) => (ok == null ? "n/a" : ok === "inconclusive" ? "inconclusive" : ok ? "pass" : "**FAIL**");

/** Evaluates every goal of issue 6 from the measured figures; a missing figure gives pass: null. */
export function evaluateGoals(r) {
  const ns = (id) => r.runtime?.[id]?.ns;
  const div = (a, b) => (a != null && b != null ? a / b : null);
  const goals = [];
  const add = (id, text, value, ok, shown) => goals.push({ id, text, value, pass: value == null ? null : ok(value), shown });
  const callPlain = div(ns("call/compiled"), ns("call/plain"));
  add("call-vs-plain", "call: compiled ≤ 1.05× plain closure", callPlain, (v) => v <= 1.05, ratio(callPlain));
  const callAls = div(ns("call/als-bind"), ns("call/compiled"));
  add("call-vs-als", "call: compiled ≥ 80× faster than ALS.bind", callAls, (v) => v >= 80, ratio(callAls));
  const createPlain = div(ns("create/1/compiled-proxy"), ns("create/1/plain"));
  add("create-vs-plain", "creation (1 proxy): ≤ 3× plain creation", createPlain, (v) => v <= 3, ratio(createPlain));
  const createAls = div(ns("create/1/als-bind"), ns("create/1/compiled-proxy"));
  add("create-vs-als", "creation (1 proxy): ≥ 100× cheaper than ALS.bind", createAls, (v) => v >= 100, ratio(createAls));
  const access = div(ns("access/context-proxy"), ns("access/floor"));
  add("access-vs-floor", "access: contextProxy ≤ 1.2× the floor Proxy", access, (v) => v <= 1.2, ratio(access));
  const captured = div(ns("access/captured-reader"), ns("access/plain-reader"));
  // "equal to a direct read": the same 5% tolerance as the call goal
  add("access-captured", "access in a captured closure ≈ direct read (≤ 1.05×)", captured, (v) => v <= 1.05, ratio(captured));
  for (const [id, key, text, limit] of [
    ["build-real", "real", "build, real marker-free code: overhead ≤ 2%", 0.02],
    ["build-dense", "dense", "build, marker-dense file: overhead ≤ 25%", 0.25],
  ]) {
    const b = r.build?.[key];
    const v = b?.overhead;
    // The rounds' spread straddling the goal means this machine could not tell; the instrumented own time is shown.
    const ok = (x) => (x <= limit ? true : (b.overheadRange?.[0] ?? x) <= limit ? "inconclusive" : false);
    const own = b?.own ? `, plugin's own time ${pct(b.own.share)}` : "";
    add(id, text, v, ok, v == null ? "—" : `${pct(v)} [${pct(b.overheadRange[0])}, ${pct(b.overheadRange[1])}]${own}`);
  }
  return goals;
}

function callTable(r) {
  const ns = (v) => r.runtime?.[`call/${v}`]?.ns;
  const rows = ["| Variant | ns/call | × plain (limit) | compiled is N× faster |", "|---|---:|---:|---:|"];
  const variants = ["plain", "compiled", "compiled-call-marker", "live-proxy", ...PEERS];
  for (const v of variants) {
    if (ns(v) == null) {
      if (v.startsWith("compiled")) rows.push(`| ${LABELS[v]} | ${r.pluginMissing ?? "not measured"} | — | — |`);
      continue;
    }
    const faster = PEERS.includes(v) || v === "live-proxy" ? ratio(ns(v) / ns("compiled")) : "—";
    rows.push(`| ${LABELS[v]} | ${fmt(ns(v))} | ${ratio(ns(v) / ns("plain"))} | ${faster} |`);
  }
  return rows.join("\n");
}

function createTable(r) {
  const rows = [
    "| Captured | Variant | ns/creation | × plain (limit) | compiled (proxies) is N× cheaper |",
    "|---:|---|---:|---:|---:|",
  ];
  for (const n of [1, 4, 16]) {
    const ns = (v) => r.runtime?.[`create/${n}/${v}`]?.ns;
    for (const v of ["plain", "compiled-proxy", "compiled-const", ...PEERS]) {
      if (ns(v) == null) {
        if (v.startsWith("compiled")) rows.push(`| ${n} | ${LABELS[v]} | ${r.pluginMissing ?? "not measured"} | — | — |`);
        continue;
      }
      const cheaper = PEERS.includes(v) ? ratio(ns(v) / ns("compiled-proxy")) : "—";
      rows.push(`| ${n} | ${LABELS[v]} | ${fmt(ns(v))} | ${ratio(ns(v) / ns("plain"))} | ${cheaper} |`);
    }
  }
  return rows.join("\n");
}

function accessTable(r) {
  const ns = (v) => r.runtime?.[`access/${v}`]?.ns;
  const rows = ["| Read of `request.user.id` | ns/read | × direct | × floor |", "|---|---:|---:|---:|"];
  for (const v of ["direct", "get-store", "empty-proxy", "floor", "context-proxy", "getter-proxy", "plain-reader", "captured-reader"]) {
    if (ns(v) == null) {
      if (v === "captured-reader") rows.push(`| ${LABELS[v]} | ${r.pluginMissing ?? "not measured"} | — | — |`);
      continue;
    }
    const base = v.endsWith("reader") ? ns("plain-reader") : ns("direct");
    rows.push(`| ${LABELS[v]} | ${fmt(ns(v))} | ${ratio(ns(v) / base)} | ${ratio(ns(v) / ns("floor"))} |`);
  }
  // Measured in their own process, so each is compared with the floor measured there.
  const clean = (v) => r.runtime?.[`access-clean/${v}`]?.ns;
  for (const v of ["floor", "context-proxy"]) {
    if (clean(v) == null) continue;
    rows.push(`| ${LABELS[`clean-${v}`]} | ${fmt(clean(v))} | — | ${ratio(clean(v) / clean("floor"))} |`);
  }
  return rows.join("\n");
}

function buildTable(r) {
  const b = r.build;
  if (!b || b.error) return `Build: ${b?.error ?? "not measured"}.`;
  const m = r.buildMemory ?? {};
  const mem = (input, k) => `${fmt(m[`${input}/without`]?.[k])} → ${fmt(m[`${input}/with`]?.[k])}`;
  const rows = [
    "| Input | Size | CPU ms without plugin | with plugin | overhead, median [min, max] of rounds | no-op plugin (noise floor) | plugin's own time (instrumented) | wall-time overhead | peak RSS MB (without → with) | heap growth MB (without → with) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...[
      [`real code, ${b.real.files} files`, b.real, "real"],
      [`marker-dense, ${b.dense.closures} marked closures`, b.dense, "dense"],
    ].map(
      ([label, x, input]) =>
        `| ${label} | ${(x.bytes / 1024).toFixed(0)} KiB | ${fmt(x.cpuMs.without)} | ${fmt(x.cpuMs.with)} | ${pct(x.overhead)} [${pct(x.overheadRange[0])}, ${pct(x.overheadRange[1])}] | ${pct(x.noopOverhead)} | ${x.own ? `${fmt(x.own.insideMs)} ms, ${pct(x.own.share)}` : "—"} | ${pct(x.wallOverhead)} | ${mem(input, "peakRssMB")} | ${mem(input, "heapPeakDeltaMB")} |`,
    ),
  ];
  const corpus = b.real.packages.map((p) => `${p.name}@${p.version} ${p.dir} (${p.files})`).join(", ");
  return `${rows.join("\n")}\n\nCorpus: ${corpus}. Presets: ${b.presets}.`;
}

/** The Markdown section for one Node version. */
export function renderNode(r) {
  const goals = evaluateGoals(r);
  const head = `### Node ${r.node} (V8 ${r.v8}) — ${r.quick ? "quick run, figures indicative only" : "full run"}`;
  const goalRows = ["| Goal | Measured | Result |", "|---|---:|---|", ...goals.map((g) => `| ${g.text} | ${g.shown} | ${verdict(g.pass)} |`)];
  const notes = (r.notes ?? []).map((n) => `- ${n}`).join("\n");
  return [
    head,
    `${r.cpu}; ${r.date}.`,
    "**Goals**",
    goalRows.join("\n"),
    "**Call** — each closure made once (inside the context), then called; peers wrap the same plain closure.",
    callTable(r),
    "**Creation** — make a closure over 1, 4, 16 values inside the context; peers wrap the same plain closure.",
    createTable(r),
    "**Proxy access**",
    accessTable(r),
    "**Build** — Babel 7, process CPU time of one pass over the input (median of rounds, the variants interleaved file by file); memory from one fresh process per variant (peak RSS = `process.resourceUsage().maxRSS`; heap growth = peak `heapUsed` sampled after each file minus `heapUsed` after a forced GC before the first).",
    buildTable(r),
    notes ? `Notes:\n${notes}` : "",
  ]
    .filter(Boolean)
    .join("\n\n");
}

/** One row per goal, one column per Node version: the overview the README leads with. */
export function renderSummary(results) {
  const perNode = results.map((r) => evaluateGoals(r));
  const head = `| Goal | ${results.map((r) => `Node ${r.node.split(".")[0].slice(1)}`).join(" | ")} |`;
  const rows = [head, `|---|${results.map(() => "---:").join("|")}|`];
  perNode[0]?.forEach((goal, i) => {
    rows.push(`| ${goal.text} | ${perNode.map((g) => `${g[i].shown} ${verdict(g[i].pass)}`).join(" | ")} |`);
  });
  return rows.join("\n");
}
