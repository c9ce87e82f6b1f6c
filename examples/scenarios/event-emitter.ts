// Scenario 2 — an EventEmitter whose events are emitted while another request is current.
// Requests subscribe to the next "flush" of a batcher; the first subscriber schedules the flush, so every
// listener runs inside that one request. This scenario uses the captureContext() marker instead of a comment.
import { EventEmitter } from "node:events";
import { captureContext } from "unproxy";
import { request, type Reply } from "../app/context.js";

class Batcher extends EventEmitter {
  private scheduled = false;

  subscribe(listener: () => void): void {
    this.once("flush", listener);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      try {
        this.emit("flush");
      } catch {
        // One failing listener must not take the process down; its client sees a timeout.
      }
    });
  }
}

const batcher = new Batcher();
batcher.setMaxListeners(0);

/** The callback this request hands off: it reads the current request when it runs. */
export function createCallback(reply: Reply): () => void {
  return captureContext(() => reply({ id: request.id, user: request.user.id }));
}

export function handle(reply: Reply): void {
  batcher.subscribe(createCallback(reply));
}
