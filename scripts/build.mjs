// Builds dist/esm and dist/cjs from src with tsc, then marks each tree's module format. The build goes to a fresh
// folder that replaces dist/ at the end, so tests reading dist/ while a build runs never see it half-written.
import { spawn } from "node:child_process";
import { appendFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const staging = `dist.building-${process.pid}`;
const CJS_FUNCTION_ENTRIES = [
  "plugin/index.js",
  ...["vite", "rollup", "rolldown", "webpack", "rspack", "esbuild"].map((tool) => `integrations/${tool}.js`),
];
try {
  // Both trees at once: two tsc processes use both cores (the build is part of every `npm test`).
  const trees = [
    ["tsconfig.json", "esm", "module"],
    ["tsconfig.cjs.json", "cjs", "commonjs"],
  ];
  const statuses = await Promise.all(
    trees.map(([config, format]) => new Promise((resolve) => {
      const child = spawn(process.execPath, [tsc, "-p", config, "--outDir", `${staging}/${format}`], { stdio: "inherit" });
      child.on("error", () => resolve(1));
      child.on("exit", (code) => resolve(code ?? 1));
    })),
  );
  if (statuses.some((status) => status !== 0)) throw new Error("tsc failed");
  for (const [, format, type] of trees) writeFileSync(`${staging}/${format}/package.json`, JSON.stringify({ type }) + "\n");
  // Tools that load a plugin with require() (babel-plugin-tester, webpack.config.js) expect the function itself,
  // not { default }. The CommonJS entries export it so; `.default` stays on it for code that reads that.
  for (const entry of CJS_FUNCTION_ENTRIES) {
    appendFileSync(
      `${staging}/cjs/${entry}`,
      '\nmodule.exports = Object.defineProperty(Object.assign(exports.default, exports), "__esModule", { value: true });\n',
    );
  }
} catch {
  rmSync(staging, { recursive: true, force: true });
  console.error("build: tsc failed (errors above); dist/ left as it was");
  process.exit(1);
}
const retired = `dist.retired-${process.pid}`;
try {
  renameSync("dist", retired);
} catch {
  // no previous build
}
renameSync(staging, "dist");
rmSync(retired, { recursive: true, force: true });
