// package.json exports pick the entry: node → AsyncLocalStorage, browser → the sync stack, for import and require.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { ensureDist, root } from "./support/dist";

// The script must sit inside the package for "unproxy" to resolve to it by name.
const script = join(root, "test", "runtime", "support", "entries.mjs");

beforeAll(ensureDist);

function entries(...flags: string[]): unknown {
  return JSON.parse(execFileSync(process.execPath, [...flags, script, root], { encoding: "utf8", cwd: root }));
}

test("node resolves the AsyncLocalStorage entry", () => {
  expect(entries()).toEqual({ import: "async-local-storage", require: "async-local-storage" });
});

test("the browser condition resolves the sync-stack entry", () => {
  expect(entries("--conditions=browser")).toEqual({ import: "sync-stack", require: "sync-stack" });
});
