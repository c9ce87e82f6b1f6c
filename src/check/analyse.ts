// `unproxy check`'s detection, on a Babel AST: unmarked closures that read a capturable name and are handed to a
// deferring API. A closure counts as handed over when it is the argument itself, a constant holding it, what a local
// function returns (`queue.push(createCallback(reply))`), a property of an options object, or an argument of a call
// that may wrap it (`req.on("end", safely(cb, fail))`). A local function or method that passes one of its
// parameters to a deferring API is deferring too (`subscribe(listener) { this.once("flush", listener) }`), within
// the file. Which names are capturable is the plugin's own analysis (free-variables.ts, classify.ts).
import type { NodePath, types as t } from "@babel/core";
import { classify } from "../plugin/classify.js";
import { freeVariables } from "../plugin/free-variables.js";
import { takeMarkerComments } from "../plugin/markers.js";
import type { ResolvedOptions } from "../plugin/options.js";
import { isRuntimeExport } from "../plugin/runtime-binding.js";
import type { ClosurePath } from "../plugin/types.js";
import { outermostWrapper, unwrapTransparent } from "../plugin/wrappers.js";
import { deferringApi, type ResolvedCheckOptions } from "./deferring.js";

export interface HandOff {
  /** The closure: 1-based line and column, and the offset where the marker goes. */
  line: number;
  column: number;
  offset: number;
  /** The names it reads that the plugin would capture. */
  names: string[];
  /** The deferring API it is handed to (`setTimeout`, `.push`), and where that call is. */
  api: string;
  callLine: number;
  callColumn: number;
}

const MAX_DEPTH = 4;

export function findHandOffs(program: NodePath<t.Program>, shared: ResolvedCheckOptions): HandOff[] {
  // Wrappers found in this file are deferring in this file only.
  const check = { ...shared, functions: new Set(shared.functions), methods: new Set(shared.methods) };
  const options = pluginOptions(check);
  deriveWrappers(program, check);
  const found = new Map<t.Node, HandOff>();
  const visit = (call: NodePath<t.CallExpression | t.OptionalCallExpression>) => {
    const api = calleeApi(call.get("callee") as NodePath, check);
    if (api === undefined) return;
    for (const argument of call.get("arguments") as NodePath[]) {
      for (const fn of closuresOf(argument, check.runtime, 0, new Set())) {
        if (found.has(fn.node) || isMarked(fn, check.runtime)) continue;
        const names = capturable(fn, options);
        const start = fn.node.loc?.start;
        const at = call.node.loc?.start;
        if (names.length === 0 || !start || !at || fn.node.start == null) continue;
        found.set(fn.node, {
          line: start.line, column: start.column + 1, offset: fn.node.start, names, api,
          callLine: at.line, callColumn: at.column + 1,
        });
      }
    }
  };
  program.traverse({ CallExpression: visit, OptionalCallExpression: visit });
  return [...found.values()].sort((a, b) => a.offset - b.offset);
}

function pluginOptions(check: ResolvedCheckOptions): ResolvedOptions {
  return {
    runtime: check.runtime, runtimeAliases: [], runtimes: [check.runtime], capture: check.capture,
    knownProxies: check.knownProxies, unbound: "throw", markAll: false, audit: false, onReport: undefined,
  };
}

function capturable(fn: ClosurePath, options: ResolvedOptions): string[] {
  try {
    return classify(fn, freeVariables(fn), null, options).captured;
  } catch {
    return [];
  }
}

/** The callee as a dotted path of identifiers (when it is one) and its method name (when it is a member). */
export function describeCallee(callee: NodePath): { path: string[] | undefined; method: string | undefined } {
  const node = unwrapTransparent(callee).node;
  const path: string[] = [];
  let current: t.Node = node;
  let dotted = true;
  while (current.type === "MemberExpression" || current.type === "OptionalMemberExpression") {
    const name = propertyName(current);
    if (name === undefined || current.computed) dotted = false;
    path.unshift(name ?? "");
    current = current.object;
  }
  if (current.type === "Identifier") path.unshift(current.name);
  else dotted = false;
  const method = node.type === "MemberExpression" || node.type === "OptionalMemberExpression"
    ? propertyName(node) : undefined;
  return { path: dotted ? path : undefined, method };
}

function propertyName(member: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  const property = member.property;
  if (!member.computed && property.type === "Identifier") return property.name;
  if (property.type === "StringLiteral") return property.value;
  return undefined;
}

function calleeApi(callee: NodePath, check: ResolvedCheckOptions): string | undefined {
  const { path, method } = describeCallee(callee);
  return deferringApi(check, path, method);
}

function isMarked(fn: ClosurePath, runtime: string): boolean {
  if (takeMarkerComments(fn).length > 0) return true;
  const parent = outermostWrapper(fn).parentPath;
  return !!parent?.isCallExpression() && isRuntimeExport(parent.get("callee") as NodePath, "captureContext", runtime);
}

/** The closures an argument evaluates to, as far as the file says. */
function closuresOf(path: NodePath, runtime: string, depth: number, seen: Set<t.Node>): ClosurePath[] {
  const inner = unwrapTransparent(path);
  if (depth > MAX_DEPTH || seen.has(inner.node)) return [];
  seen.add(inner.node);
  if (inner.isArrowFunctionExpression() || inner.isFunctionExpression()) return [inner];
  const next = (p: NodePath | null | undefined) => (p?.node ? closuresOf(p, runtime, depth + 1, seen) : []);
  if (inner.isConditionalExpression()) return [...next(inner.get("consequent")), ...next(inner.get("alternate"))];
  if (inner.isLogicalExpression()) return [...next(inner.get("left")), ...next(inner.get("right"))];
  if (inner.isSequenceExpression()) return next(inner.get("expressions").at(-1));
  if (inner.isIdentifier()) {
    const binding = inner.scope.getBinding(inner.node.name);
    if (!binding || !binding.constant || !binding.path.isVariableDeclarator()) return [];
    return next(binding.path.get("init") as NodePath);
  }
  if (inner.isObjectExpression()) {
    // An options object carrying the callback: `load({ onDone: () => … })`.
    return inner.get("properties").flatMap((property) => (property.isObjectProperty() ? next(property.get("value") as NodePath) : []));
  }
  if (inner.isCallExpression()) {
    const callee = inner.get("callee") as NodePath;
    if (isRuntimeExport(callee, "captureContext", runtime)) return []; // marked by the call
    const returned = returnedBy(callee);
    // A local function: what it returns. Anything else may wrap its callback arguments (`safely(cb, fail)`,
    // `once(cb)`) and hand them on: they count as handed over.
    if (returned) return returned.flatMap((node) => next(node));
    return (inner.get("arguments") as NodePath[]).flatMap((argument) => next(argument));
  }
  return [];
}

/** What a local function called by name returns: its return statements' arguments, or an arrow's expression body. */
function returnedBy(callee: NodePath): NodePath[] | undefined {
  const id = unwrapTransparent(callee);
  if (!id.isIdentifier()) return undefined;
  const binding = id.scope.getBinding(id.node.name);
  if (!binding || !binding.constant) return undefined;
  let fn: NodePath | undefined;
  if (binding.path.isFunctionDeclaration()) fn = binding.path;
  else if (binding.path.isVariableDeclarator()) {
    const init = unwrapTransparent(binding.path.get("init") as NodePath);
    if (init.isArrowFunctionExpression() || init.isFunctionExpression()) fn = init;
  }
  if (!fn) return undefined;
  const body = fn.get("body") as NodePath;
  if (!body.isBlockStatement()) return [body];
  const returned: NodePath[] = [];
  body.traverse({
    Function(nested) {
      nested.skip();
    },
    ReturnStatement(ret) {
      const argument = ret.get("argument");
      if (argument.node) returned.push(argument as NodePath);
    },
  });
  return returned;
}

/**
 * Adds to the lists, until nothing changes, every function or method of the file that hands one of its parameters to
 * a deferring API: `callLater(call) { this.calls.push(call) }` makes `.callLater` deferring.
 */
function deriveWrappers(program: NodePath<t.Program>, check: ResolvedCheckOptions): void {
  const candidates: { fn: NodePath<t.Function>; entry: { kind: "function" | "method"; name: string } }[] = [];
  program.traverse({
    Function(fn) {
      const entry = wrapperName(fn);
      if (entry && fn.node.params.some((param) => param.type === "Identifier")) candidates.push({ fn, entry });
    },
  });
  for (let changed = true; changed; ) {
    changed = false;
    for (const { fn, entry } of candidates) {
      const list = entry.kind === "function" ? check.functions : check.methods;
      if (list.has(entry.name) || !handsParameterOn(fn, check)) continue;
      list.add(entry.name);
      changed = true;
    }
  }
}

function wrapperName(fn: NodePath<t.Function>): { kind: "function" | "method"; name: string } | undefined {
  const node = fn.node;
  if (node.type === "FunctionDeclaration") return node.id ? { kind: "function", name: node.id.name } : undefined;
  if (node.type === "ClassMethod" || node.type === "ObjectMethod") {
    return !node.computed && node.key.type === "Identifier" && node.kind === "method"
      ? { kind: "method", name: node.key.name } : undefined;
  }
  const parent = outermostWrapper(fn).parent;
  if ((parent.type === "ClassProperty" || parent.type === "ObjectProperty") && !parent.computed &&
      parent.key.type === "Identifier") {
    return { kind: "method", name: parent.key.name };
  }
  if (parent.type === "VariableDeclarator" && parent.id.type === "Identifier") return { kind: "function", name: parent.id.name };
  return undefined;
}

function handsParameterOn(fn: NodePath<t.Function>, check: ResolvedCheckOptions): boolean {
  const params = new Set(fn.node.params.flatMap((param) => (param.type === "Identifier" ? [param.name] : [])));
  let hands = false;
  const visit = (call: NodePath<t.CallExpression | t.OptionalCallExpression>) => {
    if (hands || calleeApi(call.get("callee") as NodePath, check) === undefined) return;
    hands = (call.get("arguments") as NodePath[]).some((argument) => {
      const inner = unwrapTransparent(argument);
      if (!inner.isIdentifier() || !params.has(inner.node.name)) return false;
      const binding = inner.scope.getBinding(inner.node.name);
      return binding?.kind === "param" && binding.scope === fn.scope && binding.constant;
    });
  };
  fn.traverse({ CallExpression: visit, OptionalCallExpression: visit });
  return hands;
}
