// Audit mode's run-time half. The plugin (audit: true) instruments each unmarked closure that reads a capturable name:
//   ((_a) => () => (auditCall(_a), body))(auditCreate("file:line:col", "request, db", () => [request, db]))
// auditCreate records, per closure instance, the values the context proxies among those names stand for when the
// closure is created; auditCall compares them, by identity, with the values current when it runs, and warns once
// per site when one differs. The closure is the original function object (nothing wraps it), so its identity,
// name and length are what they were.
import { AUDIT_WARNING_TYPE, auditLeakMessage } from "./errors.js";
import { UNBOUND } from "./protocol.js";
import { proxies, state } from "./state.js";

/** What one closure instance saw when it was created: the proxies bound then, by their index in `names`. */
export interface AuditSnapshot {
  readonly site: string;
  readonly names: string;
  readonly indexes: number[];
  readonly currents: ((ifUnbound?: symbol) => unknown)[];
  readonly values: unknown[];
}

// Shared by every copy of the runtime, so a site is reported once per process.
const reported: Set<string> = ((state as { auditReported?: Set<string> }).auditReported ??= new Set());

/**
 * Called where an audited closure is created. `read` returns the values of the names the closure reads; it is a
 * thunk so that a name still in its temporal dead zone cannot make the creation throw. Only context proxies in the
 * shared registry count (no property of any other object is read). Returns undefined, auditCall's fast path, when
 * none is bound: a closure made outside any binding is meant to read whatever is current when it runs.
 */
export function auditCreate(site: string, names: string, read: () => unknown[]): AuditSnapshot | undefined {
  let values: unknown[];
  try {
    values = read();
  } catch {
    return undefined;
  }
  let snapshot: AuditSnapshot | undefined;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const current = typeof value === "function" ? proxies.get(value) : undefined;
    if (current === undefined) continue;
    const now = valueOf(current);
    if (now === UNBOUND) continue;
    snapshot ??= { site, names, indexes: [], currents: [], values: [] };
    snapshot.indexes.push(i);
    snapshot.currents.push(current);
    snapshot.values.push(now);
  }
  return snapshot;
}

/** Called first in an audited closure's body, each time it runs. */
export function auditCall(snapshot: AuditSnapshot | undefined): void {
  if (snapshot === undefined) return;
  const { currents, values } = snapshot;
  for (let i = 0; i < currents.length; i++) {
    const now = valueOf(currents[i]!);
    if (now !== values[i]) return warn(snapshot, i, now === UNBOUND);
  }
}

// A proxy bound to a primitive, or one of an older copy that throws when unbound, is compared as unbound: the audit
// must never make the program throw.
function valueOf(current: (ifUnbound?: symbol) => unknown): unknown {
  try {
    return current(UNBOUND);
  } catch {
    return UNBOUND;
  }
}

function warn(snapshot: AuditSnapshot, i: number, unbound: boolean): void {
  if (reported.has(snapshot.site)) return;
  reported.add(snapshot.site);
  const name = snapshot.names.split(", ")[snapshot.indexes[i]!]!;
  const { code, message } = auditLeakMessage(snapshot.site, snapshot.names, name, unbound);
  const host = (globalThis as { process?: { emitWarning?: unknown } }).process;
  if (typeof host?.emitWarning === "function") {
    (host.emitWarning as (message: string, options: object) => void)(message, {
      type: AUDIT_WARNING_TYPE,
      code,
    });
  } else {
    console.warn(message);
  }
}
