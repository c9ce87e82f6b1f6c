// Where the demo's pg scenario finds PostgreSQL: UNPROXY_DEMO_PG, else the cluster .ci/services.sh sets up.
// A short connection attempt decides whether the scenario runs; when it cannot, the reason says how to enable it.
import pg from "pg";

export const PG_ENV = "UNPROXY_DEMO_PG";
export const PG_DEFAULT_URL = "postgres://unproxy:unproxy@127.0.0.1:5432/unproxy_demo";

/** The connection string to use: an explicit one, else UNPROXY_DEMO_PG, else the .ci/services.sh default. */
export function postgresUrl(explicit) {
  return explicit ?? (process.env[PG_ENV] || PG_DEFAULT_URL);
}

/** Without the password, for messages. */
export function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable connection string)";
  }
}

/** { ok: true, url } when a query succeeds within 3 s, else { ok: false, url, reason } (one line). */
export async function probePostgres(explicit) {
  const url = postgresUrl(explicit);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { ok: true, url };
  } catch (error) {
    const why = error.code ?? error.message;
    return {
      ok: false,
      url,
      reason: `no PostgreSQL at ${redact(url)} (${why}); to include it, run \`sudo bash .ci/services.sh\` ` +
        `(Debian: installs and starts one on 127.0.0.1) or set ${PG_ENV}=postgres://user:password@host:port/database`,
    };
  } finally {
    await client.end().catch(() => {});
  }
}
