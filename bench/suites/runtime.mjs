// Runtime micro-benchmarks: call cost, creation cost and proxy access, one process per peer group.
// zone.js patches globals (Promise, timers) and cls-hooked installs an async hook that fires on every
// AsyncResource creation; each therefore runs in its own child process ("zone", "cls") so it cannot tax the
// other variants. Everything else — plain, compiled, Node's own peers, the fallback — shares the "core" run.
import { AsyncLocalStorage, AsyncResource } from "node:async_hooks";
import { createRequire } from "node:module";
import { importRuntime } from "../lib/build-root.mjs";
import { compileSources } from "../lib/compile-sources.mjs";
import { makeLoop, measureAll } from "../lib/measure.mjs";
import * as rawPlain from "../sources/plain.mjs";

const require = createRequire(import.meta.url);
const SIZES = [1, 4, 16];
const objects = Array.from({ length: 16 }, (_, i) => ({ user: { id: i + 1 } }));
const req = objects[0];

/** A loop calling `fn()`, a closure made once; every call must return the request's user id. */
function callVariant(id, fn, wrap) {
  const loop = makeLoop(["f"], "f()");
  return { id, expect: req.user.id, run: wrap ? (n) => wrap(() => loop(fn, n)) : (n) => loop(fn, n) };
}

/** Creation of a closure over `args` by `factory`, optionally wrapped by a peer's `bind`. */
function createVariant(id, factory, args, wrap, binder) {
  const names = args.map((_, i) => `a${i}`);
  const inner = `P(${names.join(", ")})`;
  const loop = makeLoop(["B", "P", ...names], binder ? `B(${inner})` : inner, "object");
  return { id, expect: 1, run: (n) => wrap(() => loop(binder, factory, ...args, n)) }; // 1: a function came out
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

  const als = new AsyncLocalStorage();
  const requestContext = rt.createContext("request");
  const proxies = Array.from({ length: 16 }, (_, i) => rt.contextProxy(requestContext, { name: `p${i}` }));
  const request = proxies[0];
  // Every core batch runs with both the runtime's context and a bare ALS bound to the same request.
  const bound = (fn) => requestContext.run(req, () => als.run(req, fn));
  const captureContext = typeof rt.captureContext === "function" ? quietCapture(rt) : null;

  if (marked) {
    // The plugin's promise, checked once: made inside the context, the closure still sees the value outside it.
    const probe = bound(() => marked.marked1(request));
    if (probe() !== req.user.id) throw new Error("compiled closure did not capture the request");
  }
  const v = [];
  // Call: every closure is made once inside the context, then called; peers wrap the plain closure.
  v.push(callVariant("call/plain", plain.plain1(req), bound));
  if (marked) {
    v.push(callVariant("call/compiled", bound(() => marked.marked1(request)), bound));
    v.push(callVariant("call/compiled-call-marker", bound(() => marked.viaCall1(request)), bound));
  }
  v.push(callVariant("call/live-proxy", plain.plain1(request), bound));
  for (const [id, bind] of nodePeers(captureContext)) {
    const inner = id === "capture-fallback" ? plain.plain1(request) : plain.plain1(req);
    v.push(callVariant(`call/${id}`, bound(() => bind(inner)), bound));
  }
  // Creation with 1, 4, 16 captured values.
  for (const n of SIZES) {
    const objs = objects.slice(0, n);
    v.push(createVariant(`create/${n}/plain`, plain[`plain${n}`], objs, bound));
    if (marked) {
      v.push(createVariant(`create/${n}/compiled-proxy`, marked[`marked${n}`], proxies.slice(0, n), bound));
      v.push(createVariant(`create/${n}/compiled-const`, marked[`marked${n}`], objs, bound));
    }
    for (const [id, bind] of nodePeers(captureContext)) {
      v.push(createVariant(`create/${n}/${id}`, plain[`plain${n}`], objs, bound, bind));
    }
  }
  // Proxy access: request.user.id through each kind of indirection.
  const floor = new Proxy({}, { get: (_, key) => Reflect.get(als.getStore(), key) });
  const reads = [
    ["access/direct", "o.user.id", req],
    ["access/get-store", "o.getStore().user.id", als],
    ["access/empty-proxy", "o.user.id", new Proxy(req, {})],
    ["access/floor", "o.user.id", floor],
    ["access/context-proxy", "o.user.id", request],
    ["access/getter-proxy", "o.user.id", rt.contextProxy(() => als.getStore(), { name: "alsRequest" })],
  ];
  for (const [id, expr, target] of reads) {
    const loop = makeLoop(["o"], expr);
    v.push({ id, expect: req.user.id, run: (n) => bound(() => loop(target, n)) });
  }
  const plainReader = plain.plainReader(req);
  v.push({ id: "access/plain-reader", expect: req.user.id, run: (n) => bound(() => plainReader(n)) });
  if (marked) {
    const capturedReader = bound(() => marked.markedReader(request));
    v.push({ id: "access/captured-reader", expect: req.user.id, run: (n) => bound(() => capturedReader(n)) });
  }
  return v;
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
  const zone = globalThis.Zone.current.fork({ name: "request", properties: { req } });
  const inZone = (fn) => zone.run(fn);
  const bind = (fn) => globalThis.Zone.current.wrap(fn, "bench");
  const v = [callVariant("call/zone-wrap", inZone(() => bind(rawPlain.plain1(req))))];
  for (const n of SIZES) {
    v.push(createVariant(`create/${n}/zone-wrap`, rawPlain[`plain${n}`], objects.slice(0, n), inZone, bind));
  }
  return v;
}

function clsVariants() {
  const ns = require("cls-hooked").createNamespace("bench");
  const inNs = (fn) =>
    ns.runAndReturn(() => {
      ns.set("req", req);
      return fn();
    });
  const bind = (fn) => ns.bind(fn);
  const v = [callVariant("call/cls-bind", inNs(() => bind(rawPlain.plain1(req))))];
  for (const n of SIZES) {
    v.push(createVariant(`create/${n}/cls-bind`, rawPlain[`plain${n}`], objects.slice(0, n), inNs, bind));
  }
  return v;
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
  const floor = new Proxy({}, { get: (_, key) => Reflect.get(als.getStore(), key) });
  return [
    ["access-clean/floor", floor],
    ["access-clean/context-proxy", rt.contextProxy(requestContext)],
  ].map(([id, target]) => {
    const loop = makeLoop(["o"], "o.user.id");
    return { id, expect: req.user.id, run: (n) => bound(() => loop(target, n)) };
  });
}

const GROUPS = { core: coreVariants, zone: zoneVariants, cls: clsVariants, "access-clean": accessCleanVariants };

/** Runs one group and returns { results: { id: { ns, … } }, notes }. */
export async function runRuntimeGroup(group, { quick }) {
  const notes = [];
  const variants = await GROUPS[group](notes);
  return { results: measureAll(variants, { quick }), notes };
}
