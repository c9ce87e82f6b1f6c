// Loads the ESM and the CommonJS build in one process and cross-checks their proxies (run by two-copies.test.ts).
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";

// Every AsyncLocalStorage that runs, to check that both copies keep all their contexts in one.
const stores = new Set();
const originalRun = AsyncLocalStorage.prototype.run;
AsyncLocalStorage.prototype.run = function (...args) {
  stores.add(this);
  return Reflect.apply(originalRun, this, args);
};

const root = process.argv[2];
const esm = await import(new URL("dist/esm/runtime/index.js", `file://${root}/`).href);
const cjs = createRequire(`${root}/`)("./dist/cjs/runtime/index.js");

const results = {};
results.distinctCopies = esm.contextProxy !== cjs.contextProxy && esm.UnboundContextError !== cjs.UnboundContextError;

const esmContext = esm.createContext("esm-request");
const cjsContext = cjs.createContext("cjs-request");
const esmProxy = esm.contextProxy(esmContext);
const cjsProxy = cjs.contextProxy(cjsContext);
results.recognised = [esm.isContextProxy(cjsProxy), cjs.isContextProxy(esmProxy)];

const a = { id: "a" };
const b = { id: "b" };
esmContext.run(a, () =>
  cjsContext.run(b, () => {
    results.unproxied = [cjs.unproxy(esmProxy) === a, esm.unproxy(cjsProxy) === b];
    results.ifBound = [cjs.unproxyIfBound(esmProxy) === a, esm.unproxyIfBound(cjsProxy) === b];
    // A proxy of one copy over a context of the other copy.
    results.crossSource = esm.contextProxy(cjsContext).id;
  }),
);
results.keptWhenUnbound = [cjs.unproxyIfBound(esmProxy) === esmProxy, esm.unproxyIfBound(cjsProxy) === cjsProxy];
try {
  cjs.unproxy(esmProxy);
} catch (error) {
  results.unboundAcross = { isEsmError: error instanceof esm.UnboundContextError, code: error.code, name: error.contextName };
}

// Both copies register contexts in one process-wide registry: a snapshot taken by one copy includes the other's.
esmContext.run(a, () => cjsContext.run(b, () => {
  results.snapshot = cjs.snapshotContexts().values;
}));
results.storesThatRan = stores.size;
process.stdout.write(JSON.stringify(results));
