// Minified + gzipped size of the browser build of the runtime (README figure; aim < 2 kB).
// Two figures: the whole browser entry, and what a typical app imports (bundlers drop the rest: every message
// and helper is its own export).
// Usage: npm run build && node scripts/size.mjs [--json]
import { build } from "esbuild";
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";

const entry = "dist/esm/runtime/index.browser.js";
if (!existsSync(entry)) {
  console.error(`size: ${entry} is missing; run \`npm run build\` first.`);
  process.exit(1);
}

const cases = {
  "whole browser entry": "*",
  "createContext + contextProxy + unproxy": "{ createContext, contextProxy, unproxy }",
  "... + captureContext + unproxyIfBound + isContextProxy":
    "{ createContext, contextProxy, unproxy, captureContext, unproxyIfBound, isContextProxy }",
};

const sizes = [];
for (const [label, names] of Object.entries(cases)) {
  const result = await build({
    stdin: { contents: `export ${names} from "./${entry}";`, resolveDir: process.cwd() },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  sizes.push({ label, minified: code.length, gzip: gzipSync(code, { level: 9 }).length });
}
if (process.argv.includes("--json")) console.log(JSON.stringify({ entry, sizes }));
else for (const { label, minified, gzip } of sizes) console.log(`${label}: ${minified} B minified, ${gzip} B gzipped`);
