// Every message the CLI prints, one place. Errors carry a code (UNPROXY_C0xx); test/cli pins each exact text.

export const HELP = `unproxy — resolve context proxies when a closure is created (Babel plugin + runtime)

Usage:
  unproxy transform <files|dirs> [--out-dir <dir>]   compile with the plugin; print or write the output
  unproxy explain <files|dirs> [--json]               per marked closure: what is captured, what stays live, why
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
Directories are searched for .js .jsx .mjs .cjs .ts .tsx .mts .cts files; node_modules, dist and hidden
directories are skipped.

Options:
  -d, --out-dir <dir>  write the outputs under <dir>, mirroring the inputs' paths (.ts/.tsx/.jsx become .js)
  -s, --source-maps    add source maps: a .map file next to each output, or inline on stdout
  -h, --help           show this help

Without --out-dir the output goes to stdout; with several files, each starts with a "// <file>" line.

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

export const cliMessages = {
  C001_UNKNOWN_COMMAND: (command: string) =>
    `unproxy: [UNPROXY_C001] unknown command "${command}". Commands: transform, explain. Run "unproxy --help".`,
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
} as const;

export const notes = {
  ignored: (file: string) => `unproxy: skipped ${file}: ignored by your Babel config`,
  wrote: (count: number, dir: string) => `unproxy transform: wrote ${count} ${count === 1 ? "file" : "files"} to ${dir}`,
  failed: (command: string, failed: number, total: number) =>
    `unproxy ${command}: ${failed} of ${total} ${total === 1 ? "file" : "files"} failed`,
  progress: (command: string, done: number, total: number) => `unproxy ${command}: ${done}/${total} files`,
  summary: (closures: number, files: number, total: number, failed: number) =>
    `${closures} marked ${closures === 1 ? "closure" : "closures"} in ${files} of ${total} ` +
    `${total === 1 ? "file" : "files"}; ${failed} ${failed === 1 ? "file" : "files"} with errors`,
} as const;
