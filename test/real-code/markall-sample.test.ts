// Real code, every closure marked (issue 5, part 2), bounded: a fixed sample of 300 files from node_modules compiled
// with markAll must never crash the plugin. `node scripts/real-code/scan.mjs` (in `npm run test:slow`) runs the same
// check on every file.
import fs from "node:fs";
import path from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { scanFile, listFiles, ROOT } = require("../../scripts/real-code/scan-file.cjs");

const SAMPLE = 300;
// In the gate, files up to this size: a few minified bundles of several hundred kB would take most of the time
// (one 730 kB bundle alone takes ~20 s). The slow tier (`npm run test:slow`) scans every file, big ones included.
const MAX_BYTES = 100_000;

test(`the plugin in markAll mode compiles ${SAMPLE} real files from node_modules without an internal crash`, () => {
  const { files: all } = listFiles(path.join(ROOT, "node_modules")) as { files: string[] };
  const files = all.filter((file) => fs.statSync(file).size <= MAX_BYTES);
  expect(files.length).toBeGreaterThan(SAMPLE);
  // Evenly spread over the sorted list, so the sample covers many packages and does not change between runs.
  const step = files.length / SAMPLE;
  const sample = Array.from({ length: SAMPLE }, (_, i) => files[Math.floor(i * step)]!);
  const crashes: string[] = [];
  let closures = 0;
  for (const file of sample) {
    const r = scanFile(file);
    if (r.outcome === "crash") crashes.push(`${path.relative(ROOT, file)}\n${r.error}`);
    closures += r.closures ?? 0;
  }
  expect(crashes).toEqual([]);
  // markAll really marked things: real code is full of function expressions and arrows.
  expect(closures).toBeGreaterThan(SAMPLE);
}, 120_000);
