// Runs the demo's scenarios on one audited build and prints, as JSON, each scenario's load result and every
// UnproxyAuditWarning the process emitted. Usage (from the repository root, after npm run build):
//   node test/audit/support/run-scenarios.mjs unmarked|marked [requests] [concurrency]
// or, for the static checks, the scenario sources with the markers stripped (still TypeScript, lines kept):
//   node test/audit/support/run-scenarios.mjs stripped
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { compileExamples, SCENARIOS, sendLoad, startVariantServer } from "../../../examples/demo-lib.mjs";
import { exampleSources } from "../../../examples/lib/compile.mjs";
import { probePostgres } from "../../../examples/lib/postgres.mjs";
import variantPlugin from "../../../examples/lib/variant-plugin.mjs";

const [variant, requests = "300", concurrency = "50"] = process.argv.slice(2);
if (variant === "stripped") {
  const babel = createRequire(import.meta.url)("@babel/core");
  const files = [];
  for (const { rel, source } of exampleSources()) {
    const { code } = await babel.transformAsync(source, {
      filename: rel, configFile: false, babelrc: false, retainLines: true,
      parserOpts: { plugins: ["typescript"] }, plugins: [[variantPlugin, { mode: "strip" }]],
    });
    files.push({ rel, source, stripped: code });
  }
  process.stdout.write(JSON.stringify({ files }) + "\n");
  process.exit(0);
}
const plugin = fileURLToPath(new URL(`./${variant}-audit-plugin.mjs`, import.meta.url));
const warnings = [];
process.on("warning", (warning) => {
  if (warning.name === "UnproxyAuditWarning") warnings.push({ code: warning.code, message: warning.message });
});

const pg = await probePostgres();
const scenarios = Object.keys(SCENARIOS).filter((name) => SCENARIOS[name].needs !== "pg" || pg.ok);
const build = await compileExamples(["plugin"], { plugin, scenarios });
const rows = [];
try {
  const server = await startVariantServer(build.variants.plugin, { scenarios, pg: pg.ok ? pg.url : undefined });
  try {
    for (const scenario of scenarios) {
      const { method } = SCENARIOS[scenario];
      const load = await sendLoad({
        baseUrl: server.url, scenario, method, requests: Number(requests), concurrency: Number(concurrency),
      });
      rows.push({ scenario, leaks: load.leaks, lost: load.lost, errors: load.errors, requests: load.requests });
    }
  } finally {
    await server.close();
  }
} finally {
  build.cleanup();
}
await new Promise((resolve) => setImmediate(resolve)); // warnings are delivered on the next tick
process.stdout.write(JSON.stringify({ variant, pg: pg.ok, rows, warnings }) + "\n");
