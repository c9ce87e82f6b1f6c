// generic-pool 3 — acquire() returns a native promise, so the caller's context reaches the then-callback even when
// the pool had to wait: the control case for generic-pool 2 (generic-pool-2.ts). No marker needed here.
import genericPool from "generic-pool";
import { request, type Reply } from "../app/context.js";
import type { Exchange } from "../app/server.js";

interface Connection {
  serial: number;
}

let serial = 0;
let pool: genericPool.Pool<Connection> | undefined;

export async function open(): Promise<void> {
  pool = genericPool.createPool<Connection>(
    { create: async () => ({ serial: ++serial }), destroy: async () => {} },
    { max: 2 },
  );
}

export async function close(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.drain();
  await closing?.clear();
}

/** The callback this request hands off: it reads the current request when it runs. */
export function createCallback(reply: Reply): (connection: Connection) => void {
  const connections = pool!;
  return /* @unproxy */ (connection: Connection) => {
    // Hold the connection for a turn of the event loop, as a query would, then give it back.
    setImmediate(() => void connections.release(connection));
    reply({ id: request.id, user: request.user.id });
  };
}

export function handle(reply: Reply, { fail }: Exchange): void {
  pool!.acquire().then(createCallback(reply)).catch(fail);
}
