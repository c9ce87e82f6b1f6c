// p-queue 9.3.5 (and every release before 10.0.0): a job that waited in the queue is started when another job
// finishes, inside that job's request context (sindresorhus/p-queue#200). p-queue 10 keeps the caller's
// context; see p-queue.ts.
import PQueue from "p-queue-9";
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
