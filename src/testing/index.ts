// unproxy/testing: the plugin's output and its explain report for a code string or a file, in a shape that is the
// same on every machine, for toMatchSnapshot(). Babel runs with only the plugin (no config file), as the bundler
// plugins run it, so TypeScript and JSX stay in the output as written.
import { readFile } from "node:fs/promises";
import { relative, resolve, sep } from "node:path";
import type { Options as PluginOptions, ReportEntry } from "../plugin/options.js";
import { loadBabel } from "../integrations/babel.js";
import { compile, describeError } from "../integrations/compile.js";

export type { ReportEntry };

export interface TransformOptions extends PluginOptions {
  /** Name the code is compiled as: its extension picks TypeScript/JSX parsing; it is the report's `file`. @default "input.ts" */
  filename?: string;
}

export interface TransformResult {
  /** The compiled code, without a source map. */
  code: string;
  /** One entry per marked closure, in source order; `file` as given (transformFile: relative to the working directory). */
  report: ReportEntry[];
}

/** Compiles `code` with the plugin. Refusals reject with the plugin's error (`code`: "UNPROXY_E…", with its frame). */
export async function transform(code: string, options: TransformOptions = {}): Promise<TransformResult> {
  const { filename = "input.ts", onReport, ...pluginOptions } = options;
  const report: ReportEntry[] = [];
  const babel = await loadBabel("unproxy/testing");
  let result;
  try {
    result = await compile(
      babel,
      code,
      filename,
      {
        ...pluginOptions,
        onReport(entry) {
          report.push({ ...entry, file: filename });
          onReport?.(entry);
        },
      },
      { sourceMaps: false },
    );
  } catch (error) {
    const described = describeError(error, filename, { frameInMessage: true });
    // Babel names the file by its absolute path; the name as given keeps error snapshots machine-independent.
    const absolute = resolve(filename);
    if (described.message.startsWith(absolute)) described.message = filename + described.message.slice(absolute.length);
    if (described.loc) described.loc.file = filename;
    described.id = filename;
    described.stack = `${described.name}: ${described.message}`;
    throw described;
  }
  report.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { code: result.code, report };
}

/** Reads and compiles a file; its name in the report (and errors) is relative to the working directory. */
export async function transformFile(path: string, options: Omit<TransformOptions, "filename"> = {}): Promise<TransformResult> {
  const filename = relative(process.cwd(), path).split(sep).join("/");
  return transform(await readFile(path, "utf8"), { ...options, filename });
}
