// Scenario 4 — the control case: a plain setTimeout. AsyncLocalStorage already carries the request into the
// timer, so all three variants should be correct here; the plugin must not make it worse.
import { request, type Reply } from "../app/context.js";

/** The callback this request hands off: it reads the current request when it runs. */
export function createCallback(reply: Reply): () => void {
  return /* @unproxy */ () => reply({ id: request.id, user: request.user.id });
}

export function handle(reply: Reply): void {
  setTimeout(createCallback(reply), 1);
}
