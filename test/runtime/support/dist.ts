// Tests that load the built package (two copies, worker threads) need dist/. `npm test` builds first; a direct
// `npx jest test/runtime` builds here when dist is missing.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export const root = join(__dirname, "..", "..", "..");

export function ensureDist(): void {
  const built = ["dist/esm/runtime/index.js", "dist/cjs/runtime/index.js"].every((file) => existsSync(join(root, file)));
  if (!built) execFileSync(process.execPath, [join(root, "scripts", "build.mjs")], { cwd: root, stdio: "inherit" });
}
