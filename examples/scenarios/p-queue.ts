// p-queue, current release (10.0.0, the first that does this): each queued job runs in its caller's context, so
// without a marker nothing leaks: the control case for p-queue-9.ts.
import PQueue from "p-queue";
import { request, type Reply } from "../app/context.js";
import type { Exchange } from "../app/server.js";

// At most two jobs at once, shared by every request.
const queue = new PQueue({ concurrency: 2 });

/** The callback this request hands off: it reads the current request when it runs. */
export function createCallback(reply: Reply): () => Promise<void> {
  return /* @unproxy */ async () => {
    reply({ id: request.id, user: request.user.id });
    // The job holds its slot for a turn of the event loop, like a call to a slow service.
    await new Promise((resolve) => setImmediate(resolve));
  };
}

export function handle(reply: Reply, { fail }: Exchange): void {
  queue.add(createCallback(reply)).catch(fail);
}
