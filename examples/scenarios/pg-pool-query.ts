// pg (node-postgres) — pool.query(sql, callback) against a real PostgreSQL. The callback is called from the pooled
// client's connection, in another request's context than the caller's (brianc/node-postgres#2533,
// brianc/node-pg-pool#108). pg 8.23.1 still does this; the promise form (await pool.query(sql)) keeps the
// caller's context.
import pg from "pg";
import { request, safely, type Reply } from "../app/context.js";
import type { Exchange, ScenarioOptions } from "../app/server.js";

let pool: pg.Pool | undefined;

export async function open(options: ScenarioOptions): Promise<void> {
  if (options.pg) pool = new pg.Pool({ connectionString: options.pg, max: 4 });
}

export async function close(): Promise<void> {
  await pool?.end();
  pool = undefined;
}

/** The callback this request hands off: it reads the current request when it runs. */
export function createCallback(reply: Reply): (error: Error | null) => void {
  return /* @unproxy */ (error: Error | null) => {
    if (error) throw error;
    reply({ id: request.id, user: request.user.id });
  };
}

export function handle(reply: Reply, { fail }: Exchange): void {
  if (!pool) throw new Error("pg scenario: no PostgreSQL connection configured (UNPROXY_DEMO_PG)");
  pool.query("SELECT now()", [], safely(createCallback(reply), fail));
}
