// `npm run demo`: the bug and the fix, measured on real libraries. See examples/README.md.
//   node examples/demo.mjs [--requests N] [--concurrency C] [--scenarios a,b] [--show] [--json] [--plugin path]
// Exits 1 when the plugin variant lets any response carry another request's data, lose its request, or fail, so a
// CI smoke run catches a regression.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { runDemo, SCENARIOS, VARIANTS, PG_ENV } from "./demo-lib.mjs";
import { buildIfStale } from "./lib/freshness.mjs";
import { formatShow, formatVariantNotes, formatVerdict, tableFormatter } from "./lib/format.mjs";

const USAGE = `usage: npm run demo -- [--requests N] [--concurrency C] [--scenarios a,b] [--show] [--json] [--plugin path]
  --requests N      requests per scenario and variant (default 500)
  --concurrency C   requests in flight at once (default 100)
  --scenarios a,b   only these scenarios (default all: ${Object.keys(SCENARIOS).join(", ")})
  --show            print one hand-off as written and as each variant compiled it, then run
  --json            print { rows, skipped } as JSON instead of the table
  --plugin path     compile the plugin variant with this Babel plugin file instead of unproxy/babel
PostgreSQL for the pg scenario: ${PG_ENV}=postgres://user:password@host:port/database (default: the database that
.ci/services.sh creates on 127.0.0.1:5432); without one, that scenario is skipped with a note.`;

function positiveInt(name, text, max) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`--${name} must be an integer between 1 and ${max}, got "${text}"`);
  }
  return value;
}

function parseFlags() {
  const { values: flags } = parseArgs({
    options: {
      requests: { type: "string", default: "500" },
      concurrency: { type: "string", default: "100" },
      scenarios: { type: "string" },
      show: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      plugin: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  flags.requests = positiveInt("requests", flags.requests, 1_000_000);
  flags.concurrency = positiveInt("concurrency", flags.concurrency, 1000);
  if (flags.scenarios !== undefined) {
    flags.scenarios = flags.scenarios.split(",").map((name) => name.trim()).filter(Boolean);
    const unknown = flags.scenarios.find((name) => !(name in SCENARIOS));
    if (unknown !== undefined || flags.scenarios.length === 0) {
      throw new Error(`--scenarios takes names from: ${Object.keys(SCENARIOS).join(", ")}` +
        (unknown !== undefined ? `; got "${unknown}"` : ""));
    }
  }
  return flags;
}

async function main() {
  let flags;
  try {
    flags = parseFlags();
  } catch (error) {
    process.stderr.write(`demo: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (flags.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  const out = (text) => process.stdout.write(text + "\n");
  const note = (text) => process.stderr.write(text + "\n");
  buildIfStale(note);
  const variants = Object.keys(VARIANTS);
  const scenarios = flags.scenarios ?? Object.keys(SCENARIOS);
  if (!flags.json) {
    out(`unproxy demo: a node:http server on 127.0.0.1 keeps the current request in a contextProxy. Each scenario hands\n` +
      `a callback that reads request.id / request.user.id to a library; the client checks that every response\n` +
      `carries its own request's data. ${flags.requests} requests per row, ${flags.concurrency} in flight.\n` +
      `Variants (the same sources, compiled three ways):\n${formatVariantNotes(variants)}` +
      (flags.plugin ? `\n  (plugin variant compiled with ${flags.plugin} instead of unproxy/babel)` : "") + "\n");
  }
  // Progress goes to a terminal's stderr on one line that the next row overwrites.
  const status = process.stderr.isTTY && !flags.json
    ? (text) => process.stderr.write(`\r\x1b[2K  … ${text}`)
    : () => {};
  const clearStatus = () => process.stderr.isTTY && !flags.json && process.stderr.write("\r\x1b[2K");
  let table;
  let compiled;
  const skippedNames = new Set();
  const { rows, skipped } = await runDemo({
    requests: flags.requests,
    concurrency: flags.concurrency,
    scenarios,
    plugin: flags.plugin === undefined ? undefined : resolve(flags.plugin),
    onStatus: status,
    onSkip: ({ scenario, reason }) => {
      clearStatus();
      skippedNames.add(scenario);
      if (!flags.json) out(`(${scenario} skipped: ${reason})\n`);
    },
    onRow: (row) => {
      clearStatus();
      if (flags.json) return;
      if (!table) {
        const ran = scenarios.filter((name) => !skippedNames.has(name));
        if (flags.show) out(formatShow(compiled, ran[0]));
        table = tableFormatter(ran, variants, flags.requests);
        out(table.header);
      }
      out(table.row(row));
    },
    onCompiled: (value) => (compiled = value),
  });
  clearStatus();
  if (flags.json) {
    out(JSON.stringify({ rows, skipped }, null, 2));
  } else {
    out(`\nleaked: the response carried another request's data. lost: the callback found no request at all\n` +
      `(UnboundContextError). CPU µs/request: this process's CPU time (load client and server) per request; PostgreSQL's\n` +
      `own time is not in it. capture cost: creating the handed-off callback inside a request (fastest of 40 samples).\n` + formatVerdict(rows));
    for (const row of rows.filter((r) => r.firstLeak).slice(0, 1)) {
      out(`e.g. ${row.library} ${SCENARIOS[row.scenario].label} / ${VARIANTS[row.variant].label}: request ` +
        `${row.firstLeak.sent.id} got back ${JSON.stringify(row.firstLeak.seen)}`);
    }
  }
  const broken = rows.filter((row) => row.variant === "plugin" && (row.leaks > 0 || row.lost > 0 || row.errors > 0));
  for (const row of broken) {
    process.stderr.write(`demo: FAIL plugin variant on ${row.scenario}: ${row.leaks} leaks, ${row.lost} lost, ` +
      `${row.errors} errors` + (row.firstError ? ` (first error: ${JSON.stringify(row.firstError)})` : "") + "\n");
  }
  return broken.length > 0 ? 1 : 0;
}

main().then(
  (code) => { process.exitCode = code; },
  (error) => {
    process.stderr.write(`demo: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 1;
  },
);
