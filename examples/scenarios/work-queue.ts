// Scenario 1 — a shared work queue drained by one worker loop, which is what a connection pool does.
// The loop is started by whichever request finds it idle and keeps that request's context while it runs
// every other request's jobs.
import { request, type Reply } from "../app/context.js";

class WorkQueue {
  private jobs: Array<() => void> = [];
  private draining = false;

  push(job: () => void): void {
    this.jobs.push(job);
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.jobs.length > 0) {
      // Wait between jobs, like a pool waiting for a free connection, so jobs from many requests pile up.
      await new Promise((resolve) => setImmediate(resolve));
      const job = this.jobs.shift()!;
      try {
        job();
      } catch {
        // A pool keeps serving when one job throws; that request's client sees a timeout.
      }
    }
    this.draining = false;
  }
}

const queue = new WorkQueue();

/** The callback this request hands off: it reads the current request when it runs. */
export function createCallback(reply: Reply): () => void {
  return /* @unproxy */ () => reply({ id: request.id, user: request.user.id });
}

export function handle(reply: Reply): void {
  queue.push(createCallback(reply));
}
