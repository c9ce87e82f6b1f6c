// node build-and-run.mjs <tool> <project dir>: builds the app with and without the tool's unproxy plugin, runs both
// bundles, and prints { with, without } as JSON: what each printed, and where the marked callback's code maps back
// to through the bundle's source map.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SourceMapConsumer } from "source-map";
import { builders, loadConfig } from "./builders.mjs";

const [tool, dir, mode] = process.argv.slice(2);


if (mode === "--broken") {
  // The error as the tool reports it: what a user sees in the terminal or overlay.
  try {
    await builders[tool](dir, join(dir, `out-${tool}-broken`), await loadConfig(tool), "src/broken.js");
    console.log(JSON.stringify({ built: true }));
  } catch (error) {
    const esbuildMessage = error.errors?.[0]?.text;
    const { message, code, pluginCode, frame } = error;
    console.log(JSON.stringify({ message: esbuildMessage ?? message, code, pluginCode, frame }));
  }
  process.exit(0);
}

async function original(bundle) {
  const code = readFileSync(bundle, "utf8");
  const offset = code.indexOf('":seen"');
  const before = code.slice(0, offset).split("\n");
  const map = JSON.parse(readFileSync(bundle + ".map", "utf8"));
  return SourceMapConsumer.with(map, null, (consumer) => {
    const { source, line } = consumer.originalPositionFor({ line: before.length, column: before.at(-1).length });
    return { source: source && source.replace(/^.*[\\/]src[\\/]/, "src/"), line };
  });
}

const result = {};
for (const variant of ["with", "without"]) {
  // The example config (with its plugin), or the same build without it.
  const config = variant === "with" ? await loadConfig(tool) : null;
  const started = performance.now();
  const bundle = await builders[tool](dir, join(dir, `out-${tool}-${variant}`), config);
  const ms = Math.round(performance.now() - started);
  const run = spawnSync(process.execPath, [bundle], { cwd: dir, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${bundle} failed:\n${run.stderr}`);
  result[variant] = { printed: JSON.parse(run.stdout), mapsTo: await original(bundle), ms };
}
console.log(JSON.stringify(result));
