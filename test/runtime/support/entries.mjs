// Resolves "unproxy" by its package name (self-reference through package.json exports) with import and require,
// and prints which backend each entry chose (run by package-entries.test.ts, with and without --conditions=browser).
import { createRequire } from "node:module";

const esm = await import("unproxy");
const cjs = createRequire(`${process.argv[2]}/`)("unproxy");
process.stdout.write(
  JSON.stringify({ import: esm.backendKind, require: cjs.backendKind }),
);
