// What unproxy/register does to one file, shared by Node's in-thread hooks (module.registerHooks), its off-thread
// hooks (module.register) and the require() hook for older Node: compile files with markers with the plugin, and,
// where Node cannot strip types, TypeScript files with preset-typescript. Synchronous, because require() is.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { codedError, type Babel } from "./babel.js";
import { compileSync, MARKER_TEXT } from "./compile.js";

const ENTRY = "unproxy/register";
const SCRIPT = /\.[cm]?[jt]s$/;
const TYPESCRIPT = /\.[cm]?ts$/;
const require = createRequire(import.meta.url);

/** "strip" or "transform" where Node runs TypeScript itself (22.6+ with the flag, 22.18+ and 23.6+ by default). */
export const nodeStripsTypes =
  Boolean((process.features as { typescript?: unknown }).typescript) ||
  process.execArgv.some((arg) => /^--(experimental-strip-types|experimental-transform-types)$/.test(arg));

/** The path of a file this hook may compile: a script file outside node_modules. */
export function candidate(url: string): string | undefined {
  if (!url.startsWith("file:") || url.includes("/node_modules/")) return undefined;
  const path = fileURLToPath(url);
  return SCRIPT.test(path) ? path : undefined;
}

export function needsOwnTypeScript(path: string): boolean {
  return TYPESCRIPT.test(path) && !nodeStripsTypes;
}

let babel: Babel | undefined;
let presetTypeScript: unknown;

function loadBabel(): Babel {
  try {
    babel ??= require("@babel/core") as Babel;
  } catch {
    throw codedError("I001_NO_BABEL", ENTRY);
  }
  return babel;
}

function loadPresetTypeScript(file: string): unknown {
  try {
    presetTypeScript ??= require("@babel/preset-typescript");
  } catch {
    throw codedError("I003_NO_TYPESCRIPT", file, process.versions.node);
  }
  return presetTypeScript;
}

export interface Loaded {
  format: string;
  source: string;
}

/**
 * A TypeScript file Node cannot run itself: types removed with preset-typescript, markers compiled, format decided
 * as newer Node decides it: by extension, else the nearest package.json's "type", else by syntax.
 */
export function compileTypeScript(path: string): Loaded {
  const text = readFileSync(path, "utf8");
  const { code, sourceType } = compileSync(loadBabel(), text, path, MARKER_TEXT.test(text) ? {} : null, {
    presets: [[loadPresetTypeScript(path), {}]],
    sourceMaps: "inline",
  });
  const format = /\.mts$/.test(path)
    ? "module"
    : /\.cts$/.test(path)
      ? "commonjs"
      : (packageType(path) ?? (sourceType === "module" ? "module" : "commonjs"));
  return { format, source: code };
}

/** The file's text with its marked closures compiled (inline source map), or undefined when it has no marker. */
export function compileMarked(path: string, text: string): string | undefined {
  if (!MARKER_TEXT.test(text)) return undefined;
  return compileSync(loadBabel(), text, path, {}, { sourceMaps: "inline" }).code;
}

export function sourceText(source: string | ArrayBuffer | ArrayBufferView): string {
  if (typeof source === "string") return source;
  const bytes = ArrayBuffer.isView(source)
    ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength)
    : new Uint8Array(source);
  return new TextDecoder().decode(bytes);
}

const packageTypes = new Map<string, "module" | "commonjs" | undefined>();

/** The nearest package.json's "type": "module", "commonjs", or undefined when it does not say. */
export function packageType(file: string): "module" | "commonjs" | undefined {
  const dir = dirname(file);
  if (packageTypes.has(dir)) return packageTypes.get(dir);
  let type: "module" | "commonjs" | undefined;
  let text: string | undefined;
  try {
    text = readFileSync(join(dir, "package.json"), "utf8");
  } catch {
    type = dirname(dir) === dir ? undefined : packageType(dir);
  }
  if (text !== undefined) {
    const declared = (JSON.parse(text) as { type?: string }).type;
    type = declared === "module" || declared === "commonjs" ? declared : undefined;
  }
  packageTypes.set(dir, type);
  return type;
}
