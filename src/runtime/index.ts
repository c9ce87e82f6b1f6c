// Node entry ("node" export condition): AsyncContext when the engine has it, AsyncLocalStorage otherwise.
// Re-exports and the backend choice only; index.browser.ts mirrors this file without node:async_hooks.
import { asyncContextBackend, globalAsyncContext } from "./backend-async-context.js";
import { asyncLocalStorageBackend } from "./backend-async-local-storage.js";
import { captureFactory } from "./capture.js";
import { contextFactory } from "./context.js";
import { scopeReader } from "./protocol.js";

const engine = globalAsyncContext();
const backend = engine ? asyncContextBackend(engine) : asyncLocalStorageBackend;

/** A named value bound with run() for the extent of a call and of the async continuations it starts. */
export const createContext = /*#__PURE__*/ contextFactory(backend);
/** Marks fn for the Babel plugin; uncompiled, runs fn inside a snapshot of every context taken now (and warns once). */
export const captureContext = /*#__PURE__*/ captureFactory(backend);
/** What the Babel plugin turns `captureContext(handler)` into when it cannot see the function: warns R027, not R010. */
export const captureContextAtRuntime = /*#__PURE__*/ captureFactory(backend, true);
/** What compiled code calls to read the store once for several captured names (see unproxyIn). */
export const unproxyScope = /*#__PURE__*/ scopeReader(backend.store);
/** Which backend this entry uses: "async-local-storage", "async-context" or "sync-stack". */
export const backendKind = backend.kind;

export * from "./entry-common.js";
