// One Babel run for one file: only the unproxy plugin (and, for unproxy/register on a Node without type stripping,
// preset-typescript), never the user's Babel config. Shared by the bundler plugin, unproxy/register and unproxy/testing.
import type * as BabelCore from "@babel/core";
import unproxyPlugin from "../plugin/index.js";
import type { Options as PluginOptions } from "../plugin/options.js";
import type { Babel } from "./babel.js";

/** Text every marked file contains: the comment tag or the runtime's marker function. Checked before parsing. */
export const MARKER_TEXT = /@unproxy|captureContext/;

/** Path without the query and hash bundlers append (`App.vue?vue&type=script&lang.ts`). */
export function cleanId(id: string): string {
  return id.replace(/[?#].*$/, "");
}

/** The language a module id is written in, from its extension, or a `lang.ts`-style query for framework blocks. */
export function languageOf(id: string): { typescript: boolean; jsx: boolean } {
  const ext = /\.([cm]?[jt]sx?)$/.exec(cleanId(id))?.[1] ?? /[?&]lang\.([jt]sx?)\b/.exec(id)?.[1] ?? "js";
  const typescript = /ts/.test(ext);
  // JSX only where it is unambiguous: never in .ts/.mts/.cts, where `<T>x` is a type assertion.
  return { typescript, jsx: ext.endsWith("x") || (!typescript && !/^[cm]/.test(ext)) };
}

function sourceTypeOf(id: string): "module" | "script" | "unambiguous" {
  const path = cleanId(id);
  if (/\.m[jt]s$/.test(path)) return "module";
  if (/\.c[jt]s$/.test(path)) return "script";
  return "unambiguous";
}

export interface CompileOptions {
  /** Presets run after the plugin (unproxy/register: preset-typescript where Node cannot strip types). */
  presets?: BabelCore.PluginItem[];
  /** TypeScript syntax stays in the output unless a preset removes it (bundlers and Node strip it later). */
  sourceMaps: boolean | "inline";
}

export interface Compiled {
  code: string;
  map: BabelCore.BabelFileResult["map"];
  /** "module" when the file has import/export syntax (a .js/.ts file's format is otherwise ambiguous). */
  sourceType: "module" | "script";
}

/** Babel options running only the plugin (and `presets`), parsing the syntax the file's extension says. */
export function babelOptions(
  id: string,
  /** null: no plugin (unproxy/register stripping types from a file without markers). */
  pluginOptions: PluginOptions | null,
  { presets = [], sourceMaps }: CompileOptions,
): BabelCore.TransformOptions {
  const { typescript, jsx } = languageOf(id);
  const parserPlugins: NonNullable<BabelCore.ParserOptions["plugins"]> = [];
  if (typescript) parserPlugins.push("typescript");
  if (jsx) parserPlugins.push("jsx");
  const filename = cleanId(id);
  return {
    filename,
    sourceFileName: filename,
    configFile: false,
    babelrc: false,
    browserslistConfigFile: false,
    sourceType: sourceTypeOf(id),
    parserOpts: { plugins: parserPlugins },
    plugins: pluginOptions ? [[unproxyPlugin, pluginOptions]] : [],
    presets,
    sourceMaps,
    // Code frames go to bundlers' overlays and CI logs: no terminal colours.
    highlightCode: false,
    ast: true,
  };
}

function compiled(result: BabelCore.BabelFileResult | null): Compiled {
  return { code: result!.code!, map: result!.map, sourceType: result!.ast!.program.sourceType };
}

export async function compile(
  babel: Babel,
  code: string,
  id: string,
  pluginOptions: PluginOptions | null,
  options: CompileOptions,
): Promise<Compiled> {
  return compiled(await babel.transformAsync(code, babelOptions(id, pluginOptions, options)));
}

export function compileSync(
  babel: Babel,
  code: string,
  id: string,
  pluginOptions: PluginOptions | null,
  options: CompileOptions,
): Compiled {
  return compiled(babel.transformSync(code, babelOptions(id, pluginOptions, options)));
}

export interface CompileError extends Error {
  code?: string;
  /** The code frame Babel printed, without the message line. */
  frame?: string;
  loc?: { file: string; line: number; column: number };
  id?: string;
}

/**
 * Gives a Babel error the shape bundlers display: `code` (UNPROXY_E… when the plugin refused, else Babel's own),
 * `loc` and `frame` for overlays, `id` for the file; a stack that is just the message.
 */
export function describeError(error: unknown, id: string, { frameInMessage }: { frameInMessage: boolean }): CompileError {
  if (!(error instanceof Error)) return new Error(String(error));
  const described = error as CompileError & { loc?: { line: number; column: number } };
  const [header, ...frameLines] = described.message.split("\n");
  const code = /\[(UNPROXY_[A-Z]\d+)\]/.exec(header)?.[1];
  if (code) described.code = code;
  described.id = cleanId(id);
  const frame = frameLines.join("\n");
  if (frame.trim() !== "") {
    described.frame = frame;
    // Rollup, Rolldown and Vite print `frame` under the message; the others print only the message.
    if (!frameInMessage) described.message = header;
  }
  // Where Babel failed inside itself is noise to a user reading a build log: the message says where their code is.
  described.stack = `${described.name}: ${described.message}`;
  // Babel's parser errors carry loc; errors built with buildCodeFrameError only show it in the frame.
  const line = described.loc?.line ?? Number(/^>\s*(\d+)\s*\|/m.exec(frame)?.[1]);
  if (Number.isInteger(line)) {
    const caret = /^\s*\|(\s*)\^/m.exec(frame);
    const column = described.loc?.column ?? (caret ? caret[1].length - 1 : 0);
    described.loc = { file: cleanId(id), line, column };
  }
  return described;
}
