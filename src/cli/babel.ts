// Babel options for one file: the user's own config when Babel finds one (with unproxy/babel added when it is not
// already listed), else TypeScript / React presets and the plugin.
import type * as BabelCore from "@babel/core";
import { createRequire } from "node:module";
import { join } from "node:path";
import unproxyPlugin, { type Options as PluginOptions } from "../plugin/index.js";
import { cliMessages } from "./messages.js";
import { UsageError } from "./io.js";

export type Babel = typeof BabelCore;

export async function loadBabel(): Promise<Babel> {
  let mod: Babel & { default?: Babel };
  try {
    mod = (await import("@babel/core")) as Babel & { default?: Babel };
  } catch {
    throw new UsageError(cliMessages.C007_NO_BABEL());
  }
  // CommonJS interop: an ESM import of @babel/core may put the API on `default`.
  return typeof mod.transformAsync === "function" ? mod : (mod.default as Babel);
}

// The plugin as users list it: "unproxy/babel", a path into a copy of this package, or the function itself.
const PLUGIN_FILE = /[\\/]unproxy[\\/]dist[\\/](?:cjs|esm)[\\/]plugin[\\/]index\.js$/;

function isUnproxyPlugin(item: BabelCore.ConfigItem): boolean {
  return (
    item.value === unproxyPlugin ||
    item.file?.request === "unproxy/babel" ||
    PLUGIN_FILE.test(item.file?.resolved ?? "")
  );
}

async function loadPreset(name: string, cwd: string, file: string): Promise<unknown> {
  // The project's own copy first, then the one installed next to unproxy.
  try {
    return createRequire(join(cwd, "package.json")).resolve(name);
  } catch {
    try {
      const mod = (await import(name)) as { default?: unknown };
      return mod.default ?? mod;
    } catch {
      throw new UsageError(cliMessages.C008_NO_PRESET(name, file));
    }
  }
}

function sourceTypeFor(filename: string): "module" | "script" | "unambiguous" {
  if (/\.[cm]?ts$|\.tsx$/.test(filename)) return /\.cts$/.test(filename) ? "script" : "module";
  if (/\.mjs$/.test(filename)) return "module";
  if (/\.cjs$/.test(filename)) return "script";
  return "unambiguous";
}

// Code frames are coloured only for a person at a terminal: Babel would otherwise colour them whenever CI=true.
const highlightCode = process.stderr.isTTY === true && !("NO_COLOR" in process.env);

/**
 * Options for transformAsync, or undefined when the user's config ignores the file.
 * `extra` is merged into the plugin's options (explain adds onReport).
 */
export async function optionsFor(
  babel: Babel,
  filename: string,
  cwd: string,
  displayName: string,
  extra: PluginOptions = {},
): Promise<BabelCore.TransformOptions | undefined> {
  const partial = await babel.loadPartialConfigAsync({ filename, cwd });
  if (partial === null) return undefined;
  if (partial.hasFilesystemConfig()) {
    const plugins = (partial.options.plugins ?? []) as BabelCore.ConfigItem[];
    const ours = plugins.find(isUnproxyPlugin);
    const merged: BabelCore.PluginItem[] = plugins.map((item) => {
      if (item !== ours) return item;
      const options = { ...(item.options || {}), ...extra };
      return item.name ? [item.value, options, item.name] : [item.value, options];
    });
    if (!ours) merged.push([unproxyPlugin, extra]);
    return { ...partial.options, plugins: merged, highlightCode };
  }
  const presets: BabelCore.PluginItem[] = [];
  if (/\.[cm]?tsx?$/.test(filename)) {
    presets.push([await loadPreset("@babel/preset-typescript", cwd, displayName), {}]);
  }
  if (/\.[jt]sx$/.test(filename)) presets.push([await loadPreset("@babel/preset-react", cwd, displayName), {}]);
  return {
    filename,
    cwd,
    configFile: false,
    babelrc: false,
    sourceType: sourceTypeFor(filename),
    presets,
    plugins: [[unproxyPlugin, extra]],
    highlightCode,
  };
}

