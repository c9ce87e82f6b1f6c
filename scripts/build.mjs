// Builds dist/esm and dist/cjs from src with tsc, then marks each tree's module format.
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
rmSync("dist", { recursive: true, force: true });
for (const [config, dir, type] of [
  ["tsconfig.json", "dist/esm", "module"],
  ["tsconfig.cjs.json", "dist/cjs", "commonjs"],
]) {
  execFileSync(process.execPath, [tsc, "-p", config], { stdio: "inherit" });
  writeFileSync(`${dir}/package.json`, JSON.stringify({ type }) + "\n");
}
