// One unplugin factory for every bundler; vite.ts, rollup.ts, … each export one of its adapters.
// Babel runs only on files whose id passes include/exclude and whose text mentions a marker, before the tool's own
// transforms (enforce: "pre") so the marker comments are still there, and returns a source map the tool chains.
import { createUnplugin } from "unplugin";
import type { UnpluginInstance } from "unplugin";
import unproxyPlugin from "../plugin/index.js";
import type { Options as PluginOptions } from "../plugin/options.js";
import { codedError, loadBabel, type Babel } from "./babel.js";
import { compile, describeError, MARKER_TEXT } from "./compile.js";

/** A glob (matched against the absolute path, relative globs from the working directory), a RegExp, or a list. */
export type FilterPattern = string | RegExp | Array<string | RegExp>;

export interface IntegrationOptions extends PluginOptions {
  /** Files to compile. @default /\.[cm]?[jt]sx?$/ (query strings ignored) */
  include?: FilterPattern;
  /** Files never compiled, even when they match `include`. @default /[\\/]node_modules[\\/]/ */
  exclude?: FilterPattern;
}

const DEFAULT_INCLUDE = /\.[cm]?[jt]sx?(?:$|\?)/;
const DEFAULT_EXCLUDE = /[\\/]node_modules[\\/]/;
/** Tools that print an error's `frame` themselves. */
const FRAME_PRINTED = new Set(["rollup", "rolldown", "vite"]);

function checkFilter(entry: string, key: string, value: unknown): FilterPattern | undefined {
  const ok = (item: unknown) => typeof item === "string" || item instanceof RegExp;
  if (value === undefined || ok(value) || (Array.isArray(value) && value.every(ok))) {
    return value as FilterPattern | undefined;
  }
  throw codedError("I002_FILTER_OPTION", entry, key);
}

export type UnproxyUnplugin = UnpluginInstance<IntegrationOptions | undefined, false>;

export const unproxyUnplugin: UnproxyUnplugin = createUnplugin(
  (rawOptions, meta) => {
    const entry = `unproxy/${meta.framework}`;
    const { include, exclude, ...pluginOptions } = rawOptions ?? {};
    const filter = {
      id: {
        include: checkFilter(entry, "include", include) ?? DEFAULT_INCLUDE,
        exclude: checkFilter(entry, "exclude", exclude) ?? DEFAULT_EXCLUDE,
      },
      code: MARKER_TEXT,
    };
    return {
      name: "unproxy",
      enforce: "pre",
      // Fails the build at its start when @babel/core is missing or an option is wrong, even before any file with a
      // marker is seen: a plugin that silently does nothing is what this package exists to prevent.
      async buildStart() {
        const babel = await loadBabel(entry);
        // The plugin validates its options when Babel loads it; loading them compiles nothing.
        await (babel as Babel & { loadOptionsAsync: Babel["loadPartialConfigAsync"] }).loadOptionsAsync({
          configFile: false,
          babelrc: false,
          browserslistConfigFile: false,
          plugins: [[unproxyPlugin, pluginOptions]],
        });
      },
      transform: {
        filter,
        async handler(code, id) {
          const babel = await loadBabel(entry);
          try {
            const result = await compile(babel, code, id, pluginOptions, { sourceMaps: true });
            return { code: result.code, map: result.map as never };
          } catch (error) {
            throw describeError(error, id, { frameInMessage: !FRAME_PRINTED.has(meta.framework) });
          }
        },
      },
    };
  },
);
