// What both entries (index.ts for Node, index.browser.ts for browsers) export beyond their backend choice.
export type { Context } from "./context.js";
export { contextProxy } from "./proxy.js";
export type { ContextProxyOptions, ContextSource } from "./proxy.js";
export { unproxy, unproxyIfBound, unproxyFrom, unproxyIfBoundFrom, unproxyValueOf, unproxyOr, unproxyIfBoundOr, unproxyIn, unproxyIfBoundIn, isContextProxy } from "./protocol.js";
export { unproxyImport } from "./import-binding.js";
export { UnboundContextError } from "./errors.js";
export { configure } from "./capture.js";
export type { RuntimeOptions } from "./capture.js";
export { createResource } from "./resource.js";
export type { Resource } from "./resource.js";
export { snapshotContexts, runWithContexts } from "./worker-snapshot.js";
export type { ContextSnapshot, SnapshotOptions } from "./worker-snapshot.js";
// Audit mode's helpers, called by code the plugin instruments (audit: true); not meant to be called by hand.
export { auditCreate, auditCall } from "./audit.js";
export type { AuditSnapshot } from "./audit.js";
