// generic-pool 2.x — acquire(callback). When the pool is busy, the callback is called from release(), inside the
// request that gave a resource back. generic-pool 3 returns a promise instead and keeps the caller's context (see
// generic-pool.ts).
import genericPool from "generic-pool-2";
import { request, safely, type Reply } from "../app/context.js";
import type { Exchange } from "../app/server.js";

interface Connection {
  serial: number;
}

let serial = 0;
let pool: InstanceType<typeof genericPool.Pool<Connection>> | undefined;

export async function open(): Promise<void> {
  pool = new genericPool.Pool<Connection>({
    name: "connections",
    create: (done) => done(null, { serial: ++serial }),
    destroy: () => {},
    max: 2,
  });
}

export async function close(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await new Promise<void>((done) => closing?.drain(() => closing.destroyAllNow(done)) ?? done());
}

/** The callback this request hands off: it reads the current request when it runs. */
export function createCallback(reply: Reply): (error: Error | null, connection: Connection) => void {
  const connections = pool!;
  return /* @unproxy */ (error: Error | null, connection: Connection) => {
    if (error) throw error;
    // Hold the connection for a turn of the event loop, as a query would, then give it back.
    setImmediate(() => connections.release(connection));
    reply({ id: request.id, user: request.user.id });
  };
}

export function handle(reply: Reply, { fail }: Exchange): void {
  pool!.acquire(safely(createCallback(reply), fail));
}
