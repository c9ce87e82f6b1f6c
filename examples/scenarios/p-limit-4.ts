// p-limit 4.0.0 (and every release before 5.0.0): a job that waited for a free slot is started by the job that
// just finished, so it runs in that job's request context. p-limit 5.0.0 binds each job to its caller
// (AsyncResource.bind); see p-limit.ts for the current release.
import pLimit from "p-limit-4";
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
