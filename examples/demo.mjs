// `npm run demo`: the bug and the fix, measured. See the README's demo section.
//   node examples/demo.mjs [--requests N] [--concurrency C] [--show] [--json] [--plugin path]
// Exits 1 when the plugin variant lets any response carry another request's data (or fails a request), so a CI
// smoke run catches a regression.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { runDemo, SCENARIOS, VARIANTS } from "./demo-lib.mjs";
import { formatShow, formatTable, formatVariantNotes } from "./lib/format.mjs";

const USAGE = `usage: npm run demo -- [--requests N] [--concurrency C] [--show] [--json] [--plugin path]
  --requests N      requests per scenario and variant (default 2000)
  --concurrency C   requests in flight at once (default 100)
  --show            print each example's source next to its compiled output first
  --json            print the result rows as JSON instead of the table
  --plugin path     compile the plugin variant with this Babel plugin file instead of unproxy/babel`;

function positiveInt(name, text, max) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`--${name} must be an integer between 1 and ${max}, got "${text}"`);
  }
  return value;
}

async function main() {
  let flags;
  try {
    ({ values: flags } = parseArgs({
      options: {
        requests: { type: "string", default: "2000" },
        concurrency: { type: "string", default: "100" },
        show: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        plugin: { type: "string" },
        help: { type: "boolean", default: false },
      },
    }));
    flags.requests = positiveInt("requests", flags.requests, 1_000_000);
    flags.concurrency = positiveInt("concurrency", flags.concurrency, 1000);
  } catch (error) {
    process.stderr.write(`demo: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (flags.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  const variants = Object.keys(VARIANTS);
  if (!flags.json) {
    process.stdout.write(
      `unproxy demo: a node:http server on 127.0.0.1 keeps the current request in a contextProxy.\n` +
        `Each scenario hands a callback that reads request.id / request.user.id to other machinery; the client checks\n` +
        `that every response carries its own request's data. ${flags.requests} requests per row, ` +
        `${flags.concurrency} in flight.\nVariants (the same sources, compiled three ways):\n${formatVariantNotes(variants)}\n` +
        (flags.plugin ? `  (plugin variant compiled with ${flags.plugin} instead of unproxy/babel)\n` : "") + "\n",
    );
  }
  const { rows, compiled } = await runDemo({
    requests: flags.requests,
    concurrency: flags.concurrency,
    plugin: flags.plugin === undefined ? undefined : resolve(flags.plugin),
    onRow: (row) => {
      if (!flags.json && process.stderr.isTTY) {
        process.stderr.write(`  measured ${SCENARIOS[row.scenario]} / ${VARIANTS[row.variant].label}\n`);
      }
    },
  });
  if (flags.json) {
    process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
  } else {
    if (flags.show) process.stdout.write(formatShow(compiled) + "\n");
    process.stdout.write(formatTable(rows) + "\n");
    process.stdout.write(
      `\nleaks: responses that carried another request's data. errors: failed or timed-out requests.\n` +
        `callbacks created/s: in-process loop creating the handed-off callback inside a bound request.\n`,
    );
    for (const row of rows.filter((r) => r.firstLeak).slice(0, 1)) {
      process.stdout.write(`e.g. ${SCENARIOS[row.scenario]} / ${VARIANTS[row.variant].label}: request ` +
        `${row.firstLeak.sent.id} got back ${JSON.stringify(row.firstLeak.seen)}\n`);
    }
  }
  const broken = rows.filter((row) => row.variant === "plugin" && (row.leaks > 0 || row.errors > 0));
  for (const row of broken) {
    process.stderr.write(`demo: FAIL plugin variant on ${row.scenario}: ${row.leaks} leaks, ${row.errors} errors` +
      (row.firstError ? ` (first error: ${JSON.stringify(row.firstError)})` : "") + "\n");
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
