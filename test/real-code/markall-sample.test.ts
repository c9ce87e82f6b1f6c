// Real code, every closure marked (issue 5, part 2), bounded: a fixed sample of 300 files from node_modules compiled
// with markAll must never crash the plugin. `node scripts/real-code/scan.mjs` runs the same check on every file.
import path from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { scanFile, listFiles, ROOT } = require("../../scripts/real-code/scan-file.cjs");

const SAMPLE = 300;

test(`the plugin in markAll mode compiles ${SAMPLE} real files from node_modules without an internal crash`, () => {
  const { files } = listFiles(path.join(ROOT, "node_modules")) as { files: string[] };
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
