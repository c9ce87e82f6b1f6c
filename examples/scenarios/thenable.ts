// Scenario 3 — a custom thenable whose then-callbacks a scheduler invokes later (Twisted's Deferred and reactor).
// then() only stores the callback; the reactor fires the Deferred from its own loop, in the context of whichever
// request happened to wake the reactor.
import { request, type Reply } from "../app/context.js";

class Reactor {
  private calls: Array<() => void> = [];
  private scheduled = false;

  callLater(call: () => void): void {
    this.calls.push(call);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.runUntilCurrent());
  }

  private runUntilCurrent(): void {
    this.scheduled = false;
    for (const call of this.calls.splice(0)) call();
  }
}

class Deferred<T> {
  private callbacks: Array<(value: T) => void> = [];

  then(callback: (value: T) => void): void {
    this.callbacks.push(callback);
  }

  fire(value: T): void {
    for (const callback of this.callbacks.splice(0)) {
      try {
        callback(value);
      } catch {
        // Twisted would turn this into an errback; here that request's client sees a timeout.
      }
    }
  }
}

const reactor = new Reactor();

function lookupProfile(): Deferred<string> {
  const deferred = new Deferred<string>();
  reactor.callLater(() => deferred.fire("profile"));
  return deferred;
}

/** The callback this request hands off: it reads the current request when it runs. */
export function createCallback(reply: Reply): (profile: string) => void {
  return /* @unproxy */ (_profile: string) => reply({ id: request.id, user: request.user.id });
}

export function handle(reply: Reply): void {
  lookupProfile().then(createCallback(reply));
}
