// p-limit, current release (7.x; fixed in 5.0.0): each queued job runs in its caller's context, so without a marker
// nothing leaks: the control case for p-limit-4.ts. The marker costs little and keeps code correct on any version.
import pLimit from "p-limit";
import { request, type Reply } from "../app/context.js";
import type { Exchange } from "../app/server.js";

// At most two jobs at once, shared by every request, as an app limits calls to a rate-limited service.
const limit = pLimit(2);

/** The callback this request hands off: it reads the current request when it runs. */
export function createCallback(reply: Reply): () => Promise<void> {
  return /* @unproxy */ async () => {
    reply({ id: request.id, user: request.user.id });
    // The job holds its slot for a turn of the event loop, like a call to a slow service.
    await new Promise((resolve) => setImmediate(resolve));
  };
}

export function handle(reply: Reply, { fail }: Exchange): void {
  limit(createCallback(reply)).catch(fail);
}
