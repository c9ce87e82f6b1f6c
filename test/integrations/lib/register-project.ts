// A project for `node --import unproxy/register`: one marked closure per file kind (.js ESM, .mjs, .cjs, .ts, .mts,
// .cts), a marked CommonJS file reached only through an unmarked one, files without markers whose exact text must
// survive, and a marked TypeScript file that throws at a known line.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./project";

export const THROW_LINE = 6;

const FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "register-app", private: true, type: "module" }),
  "context.cjs": `const { contextProxy, createContext } = require("unproxy");
exports.requestContext = createContext("request");
exports.request = contextProxy(exports.requestContext);
`,
  "marked.js": `import { request } from "./context.cjs";
export const make = () => /* @unproxy */ () => "js:" + request.id;
`,
  "marked.mjs": `import { request } from "./context.cjs";
export const make = () => captureContext(() => "mjs:" + request.id);
import { captureContext } from "unproxy";
`,
  "marked.cjs": `const { request } = require("./context.cjs");
exports.make = () => /* @unproxy */ () => "cjs:" + request.id;
`,
  "plain.cjs": `module.exports = require("./marked.cjs");
`,
  "marked.ts": `import { request } from "./context.cjs";
export const make = (): (() => string) => /* @unproxy */ () => "ts:" + request.id;
`,
  "marked.mts": `import { request } from "./context.cjs";
const prefix: string = "mts:";
export const make = (): (() => string) => /* @unproxy */ () => prefix + request.id;
`,
  "marked.cts": `const { request } = require("./context.cjs") as { request: { id: string } };
exports.make = (): (() => string) => /* @unproxy */ () => "cts:" + request.id;
`,
  "untouched.mjs": `export const weird = function   (  a ,b ){ return a+b };
`,
  "untouched.cjs": `module.exports = function   ( a ){ return a };
`,
  "thrower.ts": `import { request } from "./context.cjs";
export const make = (): (() => string) => /* @unproxy */ () => request.id;

export function fail(): never {
  const unused: number = 0;
  throw new Error("from thrower.ts");
}
`,
  "main.mjs": `import { createRequire } from "node:module";
import { requestContext } from "./context.cjs";
import * as js from "./marked.js";
import * as mjs from "./marked.mjs";
import * as ts from "./marked.ts";
import * as mts from "./marked.mts";
import { weird } from "./untouched.mjs";
import { fail } from "./thrower.ts";

const require = createRequire(import.meta.url);
const makers = [js.make, mjs.make, require("./plain.cjs").make, ts.make, mts.make, require("./marked.cts").make];
const callbacks = requestContext.run({ id: "A" }, () => makers.map((make) => make()));
const seen = requestContext.run({ id: "B" }, () => callbacks.map((callback) => callback()));
let stack = "";
try {
  fail();
} catch (error) {
  stack = error.stack.split("\\n")[1].trim();
}
console.log(JSON.stringify({ seen, untouched: [String(weird), String(require("./untouched.cjs"))], stack }));
`,
};

export const UNTOUCHED = ["function   (  a ,b ){ return a+b }", "function   ( a ){ return a }"];

export function makeRegisterProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "unproxy-register-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(repoRoot, join(dir, "node_modules", "unproxy"), "dir");
  for (const [path, text] of Object.entries(FILES)) writeFileSync(join(dir, path), text);
  return dir;
}
