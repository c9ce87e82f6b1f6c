// Every error and warning the plugin can print, with its code. The README's error table and the fixtures pin these texts.
import type { NodePath, types as t } from "@babel/core";

const PREFIX = "unproxy";

export const messages = {
  E001_NOT_A_FUNCTION: (what: string) =>
    `[UNPROXY_E001] @unproxy marks a function, but it is attached to ${what}. Put the marker right before the ` +
    `function or arrow, e.g. \`setTimeout(/* @unproxy */ () => …)\`.`,
  E002_FUNCTION_DECLARATION: (name: string | undefined) =>
    `[UNPROXY_E002] @unproxy cannot mark the function declaration \`${name ?? "export default function"}\`: a ` +
    `declaration is created when its scope starts (hoisting), before the proxies it reads are bound. Use an ` +
    `expression instead: ` +
    (name ? `\`const ${name} = /* @unproxy */ function ${name}() {…}\`.` : `\`export default (/* @unproxy */ function () {…})\`.`),
  E003_METHOD: (kind: string) =>
    `[UNPROXY_E003] @unproxy cannot mark a ${kind}: wrapping it would break \`super\` and its place on the ` +
    `object. Mark an arrow function held by a property or class field instead, e.g. \`handler = /* @unproxy */ () => …\`.`,
  E004_EVAL: () =>
    `[UNPROXY_E004] A direct eval() can read or rewrite any variable around a marked closure, so unproxy cannot ` +
    `tell what the closure captures. Remove the marker, or call eval indirectly: \`(0, eval)(code)\`.`,
  E005_WITH: () =>
    `[UNPROXY_E005] A \`with\` statement makes every name in or around a marked closure ambiguous, so unproxy ` +
    `cannot tell what the closure captures. Remove the marker or the \`with\` statement.`,
  E006_LISTED_NAME: (name: string, reason: string) =>
    `[UNPROXY_E006] \`${name}\` is listed in the @unproxy marker but cannot be captured: ${reason}.`,
  E007_MALFORMED_LIST: (text: string) =>
    `[UNPROXY_E007] Cannot read the @unproxy marker \`${text}\`: after @unproxy, list only the names to capture, ` +
    `separated by commas (\`/* @unproxy request, user */\`), or nothing to capture every proxy the closure reads.`,
  E008_DUPLICATE_MARKER: () =>
    `[UNPROXY_E008] This function is marked twice; keep one @unproxy marker or captureContext().`,
  E009_RUNTIME_ALIAS: (written: string, runtime: string) =>
    `[UNPROXY_E009] \`${written}\` is the unproxy runtime under another name: a later plugin (an alias, e.g. ` +
    `babel-plugin-module-resolver) rewrote it to \`${runtime}\`, so captureContext and contextProxy imported from it ` +
    `were not recognised. Add it to the plugin's options: \`runtimeAliases: [${JSON.stringify(written)}]\`.`,
  E010_COMPUTED_NAME: (why: string) =>
    `[UNPROXY_E010] This closure is named at run time by its computed key, and unproxy cannot keep that name ` +
    `without changing when the key is evaluated: ${why}. Give the closure a name (\`function name() {…}\`) or ` +
    `use a literal key.`,
  // Option errors are thrown when Babel loads the plugin, before any file: "unproxy: " says whose option it is.
  E011_UNKNOWN_OPTION: (key: string, suggestion: string) =>
    `${PREFIX}: [UNPROXY_E011] unknown option .${key}. Did you mean .${suggestion}?`,
  E012_OPTION_TYPE: (key: string, expected: string) => `${PREFIX}: [UNPROXY_E012] .${key} must be ${expected}`,
} as const;

export type ErrorKey = Extract<keyof typeof messages, `E${number}_${string}`>;

/** A plugin error: the catalogued message, and its code as a property (`UNPROXY_E004`), like Babel's parser errors. */
export type PluginError = Error & { code: string };

/** The code of a catalogue entry, from its key (E004_EVAL → UNPROXY_E004). */
function codeOf(key: ErrorKey): string {
  return `UNPROXY_${key.slice(0, key.indexOf("_"))}`;
}

type OptionKey = "E011_UNKNOWN_OPTION" | "E012_OPTION_TYPE";

/** An option error (no code frame: no file is being compiled yet), with its code as a property. */
export function optionError<K extends OptionKey>(key: K, ...args: Parameters<(typeof messages)[K]>): PluginError {
  const error = new Error((messages[key] as (...values: typeof args) => string)(...args)) as PluginError;
  error.code = codeOf(key);
  return error;
}

/** The error for `key`, with a code frame pointing at `path` (or at `loc`, for a comment that is on no node). */
export function pluginError<K extends ErrorKey>(
  at: NodePath | { path: NodePath<t.Program>; loc: t.SourceLocation | null | undefined },
  key: K,
  ...args: Parameters<(typeof messages)[K]>
): PluginError {
  const message = (messages[key] as (...values: typeof args) => string)(...args);
  const error = (
    "loc" in at
      ? at.path.hub.buildError({ loc: at.loc ?? undefined } as t.Node, message, SyntaxError)
      : at.buildCodeFrameError(message)
  ) as PluginError;
  error.code = codeOf(key);
  return error;
}

// Why a free name was left live (not captured). Shown by the explain report, and after "cannot be captured: " when the
// name was listed explicitly.
export const reasons = {
  reassigned: "it is reassigned, so a snapshot could differ from what the closure reads later",
  writtenInside: "the closure writes to it, and the write must reach the variable itself",
  notInitialised: "it is not yet initialised when the closure is created (declared later, or in a function that may run first)",
  selfReference: "its own initializer contains the closure",
  cannotHoldProxy: "it cannot hold a proxy (initialised with a literal, function, class, object or array)",
  primitive: "it holds a primitive (declared with a primitive type, or computed by an operator that yields one)",
  declaration: "it is a function or class declaration, which cannot hold a proxy",
  notKnownProxy: 'it is not a known proxy (capture: "known")',
  notListed: "it is not in the marker's list",
  namespace: "it is a namespace import, whose members are read live: import the proxy by name instead",
  unsupportedKind: "its kind of declaration is not supported (only const, let, var, parameters and imports)",
  notUsed: "the closure does not use it",
  global: "it is a global (no declaration in scope)",
} as const;

export type Reason = keyof typeof reasons;
