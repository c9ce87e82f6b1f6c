// The small app every real build compiles: a callback created while request A is current and drained while request B
// is current. Compiled, it reports A's data; left as it is, B's.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const repoRoot = join(__dirname, "..", "..", "..");

const CONTEXT = `import { contextProxy, createContext } from "unproxy";

export const requestContext = createContext("request");
export const request = contextProxy(requestContext);
`;

// Line 6 holds the comment-marked callback; sourcemap checks look for ":seen" there. later.js marks one with
// captureContext(), which the runtime resolves by itself too (with a warning) when the plugin did not run.
const APP = `import { request, requestContext } from "./context";
import { later } from "./later";

const queue = [];
export function handle() {
  queue.push(/* @unproxy */ () => request.id + ":seen");
  queue.push(later());
}
requestContext.run({ id: "A" }, handle);
const seen = requestContext.run({ id: "B" }, () => queue.map((callback) => callback()));
console.log(JSON.stringify(seen));
`;

/** TypeScript flavour: annotations the syntax plugin must parse and the tool must strip. */
const APP_TS = APP.replace("const queue = [];", "const queue: Array<() => string> = [];")
  .replace("export function handle() {", "export function handle(): void {");
const CONTEXT_TS = CONTEXT.replace('createContext("request")', 'createContext<{ id: string }>("request")');

export const MARKED_LINE = 6;

const LATER = `import { captureContext } from "unproxy";
import { request } from "./context";

export const later = () => captureContext(() => request.id + ":captured");
`;

// A marked closure next to a direct eval(): the plugin refuses with UNPROXY_E004 at line 4, column 2.
const BROKEN = `import { request } from "./context";

export const later = /* @unproxy */ () => {
  eval("request.id");
};
`;

/**
 * A project directory with src/app.{js,ts} and src/context.{js,ts}, and node_modules/unproxy linking this package,
 * so built output imports the runtime by name as a user's would.
 */
export function makeProject(dir: string = mkdtempSync(join(tmpdir(), "unproxy-integrations-"))): string {
  mkdirSync(join(dir, "src"), { recursive: true });
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  try {
    symlinkSync(repoRoot, join(dir, "node_modules", "unproxy"), "dir");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "integration-app", private: true }));
  writeFileSync(join(dir, "src", "app.js"), APP);
  writeFileSync(join(dir, "src", "context.js"), CONTEXT);
  writeFileSync(join(dir, "src", "later.js"), LATER);
  writeFileSync(join(dir, "src", "app.ts"), APP_TS);
  writeFileSync(join(dir, "src", "broken.js"), BROKEN);
  writeFileSync(join(dir, "src", "context.ts"), CONTEXT_TS);
  return dir;
}

export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
