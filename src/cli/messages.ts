// Every message the CLI prints, one place. Errors carry a code (UNPROXY_C0xx); test/cli pins each exact text.

export const HELP = `unproxy — resolve context proxies when a closure is created (Babel plugin + runtime)

Usage:
  unproxy transform <files|dirs> [--out-dir <dir>]   compile with the plugin; print or write the output
  unproxy explain <files|dirs> [--json]               per marked closure: what is captured, what stays live, why
  unproxy check <files|dirs> [--fix] [--json]         find unmarked closures handed to timers, listeners, queues
  unproxy verify <built files|dirs> [--json]          fail when built output still holds a marker (plugin did not run)
  unproxy --version                                   print the version
  unproxy <command> --help                            help for one command

Examples:
  npx unproxy explain src
  npx unproxy transform src/server.ts
  npx unproxy transform src --out-dir build
`;

export const TRANSFORM_HELP = `Usage: unproxy transform <files|dirs> [--out-dir <dir>] [--source-maps]

Compiles each file with the unproxy Babel plugin. Your Babel config (babel.config.js, .babelrc…) is used when
Babel finds one for the file, with unproxy/babel added if it is not already listed; otherwise TypeScript
(@babel/preset-typescript, plus @babel/preset-react for .tsx/.jsx) and the plugin.
Directories are searched for .js .jsx .mjs .cjs .ts .tsx .mts .cts files; node_modules, dist, the --out-dir,
hidden files and directories, .d.ts files and symbolic links are skipped.

Options:
  -d, --out-dir <dir>  write the outputs under <dir>, mirroring the inputs' paths (.ts/.tsx/.jsx become .js)
  -s, --source-maps    add source maps: a .map file next to each output, or inline on stdout
  -h, --help           show this help

Without --out-dir the output goes to stdout; with several files, each starts with a "// <file>" line.
Nothing is written when the out dir is an input directory, an output would overwrite an input, or two inputs
would share an output. Exit status: 0 written; 1 a file failed (the others were written); 2 a usage problem,
nothing written; 3 writing failed part-way (disk full, stdout closed).

Examples:
  unproxy transform src/server.ts
  unproxy transform src --out-dir build --source-maps
`;

export const EXPLAIN_HELP = `Usage: unproxy explain <files|dirs> [--json]

Reports every marked closure (/* @unproxy */ or captureContext(fn)): where it is, the names captured when it is
created, and the names left live with the reason. Errors are shown with a code frame. Exits with status 1 when a
file has errors, so it can run in CI. Uses your Babel config like "unproxy transform".

Options:
  --json      print the report as JSON: { closures: [...], errors: [...] }
  -h, --help  show this help

Examples:
  unproxy explain src
  unproxy explain src/routes/orders.ts --json
`;

export const CHECK_HELP = `Usage: unproxy check <files|dirs> [--fix] [--json] [--deferring <names>] [--config <file>]

Lists every closure that is not marked, reads a name the plugin would capture (e.g. a context proxy), and is handed
to a deferring API, which may run it later in another execution's context. Deferring APIs by default:
  timers     setTimeout setInterval setImmediate queueMicrotask process.nextTick requestAnimationFrame
  listeners  .on .once .addListener .prependListener .addEventListener
  thenables  .then .catch .finally
  queues     .push .enqueue .add .schedule .query .acquire
A closure counts when it is the argument, a constant holding it, what a local function returns, a property of an
options object, or an argument of a call that may wrap it (safely(cb)); a local function or method that passes its
parameter to a deferring API is deferring too. Exits with status 1 when anything is found
(or a file cannot be parsed), 0 when clean.

Options:
  --fix                 insert /* @unproxy */ before each closure found (exit 0 once all are marked)
  --json                print { findings: [...], errors: [...] } as JSON
  --deferring <names>   more deferring APIs, comma-separated: "schedule,.subscribe,jobs.enqueue"
  --config <file>       a JSON file of options: deferring (replaces the list), additionalDeferring, capture,
                        knownProxies, runtime (as the plugin's; also the ESLint rule's options)
  -h, --help            show this help

Examples:
  unproxy check src
  unproxy check src --deferring .subscribe --fix
`;
// File-system error codes as people say them; the code itself follows in parentheses, for searching.
const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EDQUOT: "disk quota exceeded",
  EEXIST: "a file is in the way",
  EIO: "input/output error",
  EISDIR: "it is a directory",
  ELOOP: "too many levels of symbolic links (a symlink loop)",
  EMFILE: "too many open files",
  ENAMETOOLONG: "the name is too long",
  ENOENT: "no such file or directory",
  ENOSPC: "no space left on device",
  ENOTDIR: "a part of the path is a file, not a directory",
  EPERM: "operation not permitted",
  EPIPE: "the reading end of the pipe was closed",
  EROFS: "read-only file system",
};

/** "no space left on device (ENOSPC)", from a Node system error; another error's own message. */
export function reason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return `${REASONS[code] ?? "system error"} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

export const VERIFY_HELP = `Usage: unproxy verify <built files|dirs> [--json]

The guard against "the compiler never ran": the plugin consumes every /* @unproxy */ comment and inline
captureContext(() => …) call it compiles, so one left in built output means the plugin did not run on that file.
Lists each (file:line:column and the line) and exits with status 1; exits 0 when none is left. Run it in CI on
your build's output, unminified (a minifier drops comments and may rename captureContext).

Options:
  --json      print { findings: [...], errors: [...] } as JSON
  -h, --help  show this help

Examples:
  unproxy verify dist
  unproxy verify .next/server build/server.js
`;

export const cliMessages = {
  C001_UNKNOWN_COMMAND: (command: string) =>
    `unproxy: [UNPROXY_C001] unknown command "${command}". Commands: transform, explain, check, verify. Run "unproxy --help".`,
  C002_UNKNOWN_OPTION: (command: string, option: string) => {
    const program = command === "" ? "unproxy" : `unproxy ${command}`;
    return `${program}: [UNPROXY_C002] unknown option "${option}". Run "${program} --help" for the options.`;
  },
  C003_MISSING_VALUE: (command: string, option: string) =>
    `unproxy ${command}: [UNPROXY_C003] option "${option}" needs a value, e.g. "${option} build".`,
  C004_NO_INPUT: (command: string) =>
    `unproxy ${command}: [UNPROXY_C004] no input. Give one or more files or directories, e.g. "unproxy ${command} src".`,
  C005_NOT_FOUND: (path: string) => `unproxy: [UNPROXY_C005] cannot read "${path}": no such file or directory.`,
  C006_NO_FILES: (command: string) =>
    `unproxy ${command}: [UNPROXY_C006] no .js, .jsx, .mjs, .cjs, .ts, .tsx, .mts or .cts files in the given paths.`,
  C007_NO_BABEL: () =>
    `unproxy: [UNPROXY_C007] @babel/core is not installed. Install it next to unproxy: npm install --save-dev @babel/core`,
  C008_NO_PRESET: (preset: string, file: string) =>
    `unproxy: [UNPROXY_C008] ${preset} is needed to compile ${file} without a Babel config. ` +
    `Install it (npm install --save-dev ${preset}) or add a babel.config.js.`,
  C009_UNEXPECTED_VALUE: (command: string, option: string) =>
    `unproxy ${command}: [UNPROXY_C009] option "${option}" takes no value.`,
  C010_UNMARKED_HANDOFF: (where: string, names: readonly string[], api: string, callLine: number) =>
    `${where}: [UNPROXY_C010] this closure reads ${names.join(", ")} and is handed to ${api} (line ${callLine}), ` +
    `which may run it in another execution's context. Mark it: /* @unproxy */ before the function ` +
    `(unproxy check --fix does).`,
  C011_BAD_CHECK_OPTIONS: (source: string, problem: string) =>
    `unproxy check: [UNPROXY_C011] ${source}: ${problem}.`,
  C012_CANNOT_PARSE: (message: string) => `[UNPROXY_C012] cannot check this file: ${message}`,
  C013_MARKER_LEFT: (where: string, kind: "comment" | "call", line: string) =>
    `${where}: [UNPROXY_C013] ${kind === "comment" ? "@unproxy comment" : "captureContext(function) call"} left in ` +
    `built output: the unproxy plugin did not compile this file.\n    ${line}`,
  C014_CANNOT_VERIFY: (message: string) => `[UNPROXY_C014] cannot verify this file: ${message}`,
  C020_REPEATED_OPTION: (command: string, option: string) =>
    `unproxy ${command}: [UNPROXY_C020] option "${option}" is given more than once; give it once.`,
  C021_OUT_DIR_IS_INPUT: (outDir: string, input: string) =>
    `unproxy transform: [UNPROXY_C021] --out-dir "${outDir}" is or contains the input directory "${input}": the ` +
    `outputs would overwrite or mix with your sources. Nothing was written; choose a directory outside the inputs, ` +
    `e.g. --out-dir build.`,
  C022_OVERWRITES_INPUT: (output: string) =>
    `unproxy transform: [UNPROXY_C022] the output "${output}" would overwrite an input file of the same name. ` +
    `Nothing was written; choose an --out-dir that holds no inputs.`,
  C023_SAME_OUTPUT: (first: string, second: string, output: string) =>
    `unproxy transform: [UNPROXY_C023] "${first}" and "${second}" would both be written to "${output}". ` +
    `Nothing was written; compile them in separate runs, or rename one.`,
  C024_OUT_DIR_NOT_DIR: (outDir: string, file: string) =>
    `unproxy transform: [UNPROXY_C024] cannot use --out-dir "${outDir}": "${file}" is a file, not a directory. ` +
    `Nothing was written.`,
  C025_CANNOT_READ: (path: string, error: unknown) =>
    `unproxy: [UNPROXY_C025] cannot read "${path}": ${reason(error)}.`,
  C026_CANNOT_WRITE: (path: string, error: unknown, written: number, total: number) =>
    `unproxy transform: [UNPROXY_C026] cannot write "${path}": ${reason(error)}. ${written} of ${total} ` +
    `${total === 1 ? "file was" : "files were"} written; the output is incomplete.`,
  C027_STDOUT_FAILED: (error: unknown) =>
    `unproxy: [UNPROXY_C027] cannot write to stdout: ${reason(error)}; the output is incomplete.`,
  C028_NOTHING_WRITTEN: () =>
    `unproxy transform: [UNPROXY_C028] nothing was written: your Babel config ignores every file given.`,
} as const;

/** The code of a catalogue entry, from its key (C025_CANNOT_READ → UNPROXY_C025). */
export function cliCode(key: keyof typeof cliMessages): string {
  return `UNPROXY_${key.slice(0, key.indexOf("_"))}`;
}

export const notes = {
  verifyFound: (markers: number, files: number, total: number) =>
    `unproxy verify: ${markers} ${markers === 1 ? "marker" : "markers"} left in ${files} of ${total} ` +
    `${total === 1 ? "file" : "files"}: add unproxy to the build that wrote them (docs/integrations.md)`,
  verifyClean: (total: number) =>
    `unproxy verify: no marker left in ${total} ${total === 1 ? "file" : "files"}`,
  checkFound: (closures: number, files: number, total: number) =>
    `unproxy check: ${closures} unmarked ${closures === 1 ? "closure" : "closures"} handed to deferring APIs in ` +
    `${files} of ${total} ${total === 1 ? "file" : "files"}`,
  checkClean: (total: number) =>
    `unproxy check: no unmarked closure handed to a deferring API in ${total} ${total === 1 ? "file" : "files"}`,
  checkFixed: (closures: number, files: number) =>
    `unproxy check: marked ${closures} ${closures === 1 ? "closure" : "closures"} in ${files} ` +
    `${files === 1 ? "file" : "files"}`,
  ignored: (file: string) => `unproxy: skipped ${file}: ignored by your Babel config`,
  wrote: (count: number, dir: string) => `unproxy transform: wrote ${count} ${count === 1 ? "file" : "files"} to ${dir}`,
  failed: (command: string, failed: number, total: number) =>
    `unproxy ${command}: ${failed} of ${total} ${total === 1 ? "file" : "files"} failed`,
  progress: (command: string, done: number, total: number) => `unproxy ${command}: ${done}/${total} files`,
  summary: (closures: number, files: number, total: number, failed: number) =>
    `${closures} marked ${closures === 1 ? "closure" : "closures"} in ${files} of ${total} ` +
    `${total === 1 ? "file" : "files"}; ${failed} ${failed === 1 ? "file" : "files"} with errors`,
} as const;
