// Runs a small graph of native ES modules in Node, each compiled by the plugin or left as written, against the built
// runtime (a temp package whose node_modules/unproxy is this repository). Used where ESM semantics matter: live
// import bindings and import cycles (CommonJS compilation would hide both).
import * as babel from "@babel/core";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import plugin from "../../src/plugin/index";

const root = path.resolve(__dirname, "../..");

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(root, "dist/esm/runtime/index.js"))) throw new Error("run `npm run build` first");
}

/**
 * Writes the modules to a temp package, runs `main.mjs`, and returns its exit status, stdout and stderr. `runtime` is
 * the directory linked as node_modules/unproxy (default: this repository).
 */
export function runEsModules(modules: Record<string, string>, compiled: boolean, runtime: string = root) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unproxy-esm-"));
  try {
    fs.mkdirSync(path.join(dir, "node_modules"));
    fs.symlinkSync(runtime, path.join(dir, "node_modules/unproxy"), "dir");
    for (const [file, code] of Object.entries(modules)) {
      const output = compiled
        ? babel.transformSync(code, { filename: file, configFile: false, babelrc: false, plugins: [plugin] })!.code!
        : code;
      fs.writeFileSync(path.join(dir, file), output);
    }
    return spawnSync(process.execPath, ["main.mjs"], { cwd: dir, encoding: "utf8" });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
