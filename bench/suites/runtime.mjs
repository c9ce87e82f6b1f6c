// Runtime micro-benchmarks: call cost, creation cost and proxy access, one process per peer group.
// zone.js patches globals (Promise, timers) and cls-hooked installs an async hook that fires on every
// AsyncResource creation; each therefore runs in its own child process ("zone", "cls") so it cannot tax the
// other variants. Everything else — plain, compiled, Node's own peers, the fallback — shares the "core" run.
//
// No loop can be collapsed by V8: every loop walks 16 different closures, receivers or proxies (`X[i & 15]`), so no
// load is loop-invariant, and sums or stores what it computes (makeLoop). The control rows (an empty loop, a closure
// over a module constant) show what a collapsed loop would cost.
import { AsyncLocalStorage, AsyncResource } from "node:async_hooks";
import { createRequire } from "node:module";
import { importRuntime } from "../lib/build-root.mjs";
import { compileSources } from "../lib/compile-sources.mjs";
import { makeLoop, measureAll } from "../lib/measure.mjs";
import * as rawPlain from "../sources/plain.mjs";

const require = createRequire(import.meta.url);
const SIZES = [1, 4, 16];
const VARIETY = 16;
const objects = Array.from({ length: VARIETY }, (_, i) => ({ user: { id: i + 1 } }));
const req = objects[0];
/** Sum of user ids over one pass of `i & 15`: what a call or read loop of n = 16 returns per op, on average. */
const meanId = objects.reduce((s, o) => s + o.user.id, 0) / VARIETY;

/** A loop calling `F[i & 15]()` over 16 closures; every call returns a user id, summed. */
function callVariant(id, fns, wrap, expectEach = meanId) {
  const loop = makeLoop(["F"], "F[i & 15]()");
  return { id, expect: expectEach, run: wrap ? (n) => wrap(() => loop(fns, n)) : (n) => loop(fns, n) };
}

/** A loop reading `X[i & 15].user.id` over 16 receivers. */
function readVariant(id, receivers, wrap, expr = "X[i & 15].user.id", expectEach = meanId) {
  const loop = makeLoop(["X"], expr);
  return { id, expect: expectEach, run: (n) => wrap(() => loop(receivers, n)) };
}

/** Creation of a closure by `factory` over n of `values`, rotating through them; optionally wrapped by `binder`. */
function createVariant(id, factory, values, n, wrap, binder) {
  const args = Array.from({ length: n }, (_, k) => `V[(i + ${k}) & 15]`);
  const inner = `P(${args.join(", ")})`;
  const loop = makeLoop(["B", "P", "V"], binder ? `B(${inner})` : inner, "object");
  return { id, expect: 1, run: (count) => wrap(() => loop(binder, factory, values, count)) }; // 1: a function came out
}

/** Creation by an argument-less factory (module-level proxies: the known / via-import sources). */
function createFixedVariant(id, factory, wrap) {
  const loop = makeLoop(["P"], "P()", "object");
  return { id, expect: 1, run: (count) => wrap(() => loop(factory, count)) };
}

/** Node's own peers plus the captureContext fallback, as `bind(fn)` functions. */
function nodePeers(captureContext) {
  const snapshot = (fn) => {
    const run = AsyncLocalStorage.snapshot();
    return () => run(fn);
  };
  const peers = [
    ["als-bind", (fn) => AsyncLocalStorage.bind(fn)],
    ["als-snapshot", snapshot],
    ["async-resource-bind", (fn) => AsyncResource.bind(fn)],
  ];
  if (captureContext) peers.push(["capture-fallback", captureContext]);
  return peers;
}

async function coreVariants(notes) {
  const rt = await importRuntime();
  if (typeof rt.createContext !== "function" || typeof rt.contextProxy !== "function") {
    throw new Error("runtime not built yet (unproxy has no createContext/contextProxy)");
  }
  const compiled = await compileSources();
  if (compiled.error) notes.push(compiled.error);
  const plain = compiled.modules?.plain ?? rawPlain;
  const marked = compiled.modules?.closures;
  const known = compiled.modules?.known;
  const imported = compiled.modules?.["via-import"];
  // known.mjs's context when the sources compiled (its proxies are module-level), else one of our own.
  const requestContext = known?.requestContext ?? rt.createContext("request");
  const proxies = Array.from({ length: VARIETY }, (_, i) => rt.contextProxy(requestContext, { name: `p${i}` }));
  const request = proxies[0];

  // Every core batch runs with the runtime's context and a bare AsyncLocalStorage (the access floors' store) bound to
  // req. The creation floor reads the runtime's own store (one AsyncLocalStorage for every context, state.ts).
  const als = new AsyncLocalStorage();
  const runtimeStore = globalThis[Symbol.for("unproxy.state")]?.asyncLocalStorage;
  if (rt.backendKind !== "async-local-storage" || !runtimeStore) throw new Error("the runtime's store is not an AsyncLocalStorage");
  const bound = (fn) => requestContext.run(req, () => als.run(req, fn));
  const boundTo = (value, fn) => requestContext.run(value, () => als.run(value, fn));
  const captureContext = typeof rt.captureContext === "function" ? quietCapture(rt) : null;

  if (marked) {
    // The plugin's promise, checked once: made inside the context, the closure still sees the value outside it.
    const probe = bound(() => marked.marked1(request));
    if (probe() !== req.user.id) throw new Error("compiled closure did not capture the request");
  }
  // The direct-read rows must time the direct read: one per proxy for one, one shared read for several.
  const knownOutput = compiled.outputs?.["known.mjs"] ?? "";
  if (known && !(knownOutput.includes("_unproxyFrom(r0, requestContext)") && knownOutput.includes("_unproxyValueOf(requestContext)"))) {
    throw new Error("the plugin emitted no direct read for bench/sources/known.mjs");
  }

  const v = [];
  // Controls: the loop alone, and a closure V8 may fold entirely.
  v.push({ id: "call/empty-loop", expect: undefined, run: ((loop) => (n) => bound(() => loop(objects, n)))(makeLoop(["X"], "(i & 15)")) });
  v.push(callVariant("call/plain-module-const", Array.from({ length: VARIETY }, () => plain.plainModuleConst()), bound, 1));
  // Call: 16 closures over 16 requests, each made once (compiled ones inside a run bound to their request).
  v.push(callVariant("call/plain", objects.map((o) => plain.plain1(o)), bound));
  if (marked) {
    v.push(callVariant("call/compiled", objects.map((o) => boundTo(o, () => marked.marked1(request))), bound));
    v.push(callVariant("call/compiled-call-marker", objects.map((o) => boundTo(o, () => marked.viaCall1(request))), bound));
  }
  // Live proxies read whatever is bound at the call: req for all 16.
  v.push(callVariant("call/live-proxy", proxies.map((p) => plain.plain1(p)), bound, req.user.id));
  for (const [id, bind] of nodePeers(captureContext)) {
    // The fallback's closures read a proxy inside the restored snapshot, which is what it is for.
    const fns = objects.map((o, i) =>
      id === "capture-fallback" ? boundTo(o, () => bind(plain.plain1(proxies[i]))) : boundTo(o, () => bind(plain.plain1(o))),
    );
    v.push(callVariant(`call/${id}`, fns, bound));
  }

  // Creation with 1, 4, 16 captured values.
  for (const n of SIZES) {
    const factory = plain[`plain${n}`];
    v.push(createVariant(`create/${n}/plain`, factory, objects, n, bound));
    // The floor: one getStore() of the store every context lives in, its value, and one closure over n values. A second,
    // bare AsyncLocalStorage (entered innermost) is shown for reference: how fast a getStore() reads can depend on
    // which store was entered last (where its symbol sits on the async resource).
    const floorArgs = Array.from({ length: n }, () => "s").join(", ");
    const floorLoop = makeLoop(["S", "P"], `((s) => P(${floorArgs}))(S.getStore().v)`, "object");
    v.push({ id: `create/${n}/floor`, expect: 1, run: (count) => bound(() => floorLoop(runtimeStore, factory, count)) });
    const bareLoop = makeLoop(["S", "P"], `((s) => P(${floorArgs}))(S.getStore())`, "object");
    v.push({ id: `create/${n}/floor-bare`, expect: 1, run: (count) => bound(() => bareLoop(als, factory, count)) });
    if (marked) {
      v.push(createVariant(`create/${n}/compiled-proxy`, marked[`marked${n}`], proxies, n, bound));
      v.push(createVariant(`create/${n}/compiled-const`, marked[`marked${n}`], objects, n, bound));
    }
    if (known) v.push(createFixedVariant(`create/${n}/compiled-known`, known[`known${n}`], bound));
    if (imported) v.push(createFixedVariant(`create/${n}/compiled-imported`, imported[`imported${n}`], bound));
    for (const [id, bind] of nodePeers(captureContext)) {
      v.push(createVariant(`create/${n}/${id}`, factory, objects, n, bound, bind));
    }
  }

  // Proxy access: request.user.id through each kind of indirection, over 16 receivers of each kind.
  const floorHandler = { get: (_, key) => Reflect.get(als.getStore(), key) };
  v.push(readVariant("access/direct", objects, bound));
  v.push(readVariant("access/get-store", [als], bound, "X[0].getStore().user.id", req.user.id));
  v.push(readVariant("access/empty-proxy", objects.map((o) => new Proxy(o, {})), bound));
  v.push(readVariant("access/floor", objects.map(() => new Proxy({}, floorHandler)), bound, undefined, req.user.id));
  v.push(readVariant("access/context-proxy", proxies, bound, undefined, req.user.id));
  const getterProxies = objects.map((_, i) => rt.contextProxy(() => als.getStore(), { name: `g${i}` }));
  v.push(readVariant("access/getter-proxy", getterProxies, bound, undefined, req.user.id));
  return { variants: v };
}

/** captureContext without its one-time "plugin not applied" warning on stderr. */
function quietCapture(rt) {
  const original = process.emitWarning;
  const originalError = console.error;
  const originalWarn = console.warn;
  process.emitWarning = () => {};
  console.error = console.warn = () => {};
  try {
    rt.captureContext(() => 0);
  } finally {
    process.emitWarning = original;
    console.error = originalError;
    console.warn = originalWarn;
  }
  return rt.captureContext;
}

function zoneVariants() {
  require("zone.js/node");
  const zoneFor = (o) => globalThis.Zone.current.fork({ name: "request", properties: { req: o } });
  const inZone = (fn) => zoneFor(req).run(fn);
  const bind = (fn) => globalThis.Zone.current.wrap(fn, "bench");
  const fns = objects.map((o) => zoneFor(o).run(() => bind(rawPlain.plain1(o))));
  const v = [callVariant("call/zone-wrap", fns, inZone)];
  for (const n of SIZES) v.push(createVariant(`create/${n}/zone-wrap`, rawPlain[`plain${n}`], objects, n, inZone, bind));
  return { variants: v };
}

function clsVariants() {
  const ns = require("cls-hooked").createNamespace("bench");
  const inNs = (fn, o = req) =>
    ns.runAndReturn(() => {
      ns.set("req", o);
      return fn();
    });
  const bind = (fn) => ns.bind(fn);
  const fns = objects.map((o) => inNs(() => bind(rawPlain.plain1(o)), o));
  const v = [callVariant("call/cls-bind", fns, (fn) => inNs(fn))];
  for (const n of SIZES) v.push(createVariant(`create/${n}/cls-bind`, rawPlain[`plain${n}`], objects, n, inNs, bind));
  return { variants: v };
}

/**
 * contextProxy against the floor in a process where no unproxy() ever ran, so the get trap has only seen string keys:
 * the trap's own cost, apart from what compiled code's unproxy() calls do to its feedback in the "core" run.
 */
async function accessCleanVariants() {
  const rt = await importRuntime();
  const als = new AsyncLocalStorage();
  const requestContext = rt.createContext("request");
  const bound = (fn) => requestContext.run(req, () => als.run(req, fn));
  const floorHandler = { get: (_, key) => Reflect.get(als.getStore(), key) };
  return {
    variants: [
      readVariant("access-clean/floor", objects.map(() => new Proxy({}, floorHandler)), bound, undefined, req.user.id),
      readVariant("access-clean/context-proxy", objects.map(() => rt.contextProxy(requestContext)), bound, undefined, req.user.id),
    ],
  };
}

const GROUPS = { core: coreVariants, zone: zoneVariants, cls: clsVariants, "access-clean": accessCleanVariants };

/** Runs one group and returns { results: { id: { ns, … } }, notes }. */
export async function runRuntimeGroup(group, { quick }) {
  const notes = [];
  const { variants } = await GROUPS[group](notes);
  return { results: measureAll(variants, { quick }), notes };
}
