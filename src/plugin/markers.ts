// Finds the closures to rewrite: functions carrying an @unproxy comment (on themselves or on what wraps them),
// inline functions passed to the runtime's captureContext(), and, in markAll mode, every function expression. The scan
// only reads the tree: what it finds, markers it cannot honour included, is returned as data (types.ts).
import type { NodePath, types as t } from "@babel/core";
import { isIdentifierName } from "@babel/helper-validator-identifier";
import { markerCandidates } from "./marker-walk.js";
import { isRuntimeExport, type Runtimes } from "./runtime-binding.js";
import type { MarkerScan, Problem, StrayMarker } from "./types.js";
import { outermostWrapper, unwrapTransparent, unwrapTransparentNode } from "./wrappers.js";
import { collectWriteSuspects } from "./writes.js";

type Types = typeof t;

// Anchored at the start of the comment or of one of its lines (after spaces and JSDoc `*`), so prose that mentions
// the tag is not a marker; on a tag boundary, so `@unproxyable` and `@unproxy-x` are not either. The rest of the line
// is the optional name list. Identifier characters are JavaScript's (Unicode ID_Continue), so `@unproxyünï` is no tag.
const TAG = /(?:^|\n)[\s*]*@unproxy(?![\p{ID_Continue}$@.\u200C\u200D-])([^\n]*)/u;
const TAG_LINE = /(?:^|\n)[ \t*]*@unproxy(?![\p{ID_Continue}$@.\u200C\u200D-])[^\n]*/u;

export function isMarkerComment(comment: t.Comment): boolean {
  return !comment.ignore && TAG.test(comment.value);
}

/**
 * The names listed in a marker comment, null when it lists none, or the text when it is not a list of identifier
 * names (JavaScript's rules, as Babel's parser applies them, so `ünï` is a name as it is in code).
 */
function markerNames(comment: t.Comment): string[] | null | { malformed: string } {
  const rest = TAG.exec(comment.value)![1].replace(/\*+\s*$/, "").trim();
  if (rest === "") return null;
  const names = rest.split(/\s*,\s*|\s+/).filter((name) => name !== "");
  return names.every((name) => isIdentifierName(name)) ? names : { malformed: `@unproxy ${rest}` };
}

/** The function and every node whose leading comment marks it: wrappers, declaration, export, property or field. */
export function markerCarriers(fn: NodePath): NodePath[] {
  const carriers = [fn];
  // `/* @unproxy */ <T,>(x: T) => …`: the parser attaches the comment to the type parameters, which start first.
  if ((fn.node as t.Function).typeParameters) carriers.push(fn.get("typeParameters") as NodePath);
  const current = outermostWrapper(fn);
  for (let wrapper = fn; wrapper !== current; ) {
    wrapper = wrapper.parentPath!;
    carriers.push(wrapper);
  }
  const parent = current.parentPath;
  if (!parent) return carriers;
  if (parent.isVariableDeclarator() && current.key === "init") {
    const declaration = parent.parentPath!;
    if ((declaration.node as t.VariableDeclaration).declarations.length === 1) {
      carriers.push(declaration);
      if (declaration.parentPath?.isExportNamedDeclaration()) carriers.push(declaration.parentPath);
    }
  } else if (
    (parent.isObjectProperty() || parent.isClassProperty() || parent.isClassPrivateProperty() ||
      parent.isClassAccessorProperty()) &&
    current.key === "value"
  ) {
    carriers.push(parent);
  } else if ((parent.isExportDefaultDeclaration() || parent.isExportNamedDeclaration()) && current.key === "declaration") {
    carriers.push(parent);
  }
  return carriers;
}

/** Leading marker comments on the function or its carriers (read only: the apply step consumes them). */
export function takeMarkerComments(fn: NodePath): t.Comment[] {
  const found: t.Comment[] = [];
  for (const carrier of markerCarriers(fn)) {
    const comments = carrier.node.leadingComments;
    if (!comments) continue;
    for (const comment of comments) if (isMarkerComment(comment)) found.push(comment);
  }
  return found;
}

/** A marker comment's text without the tag's line (what a doc comment keeps once its marker is consumed). */
export function withoutMarkerTag(text: string): string {
  return text.replace(TAG_LINE, "");
}

/**
 * Finds the marked closures, and the markers that cannot be honoured (for validation to refuse). The plugin's own
 * wrappers are left alone, so a second pass does not wrap again. One walk over bare nodes picks the nodes to check
 * (marker-walk.ts); the checks below run on their paths, in traversal order, as a traversal would run them.
 */
export function scan(t: Types, program: NodePath<t.Program>, runtime: Runtimes, markAll: boolean): MarkerScan {
  const writes = collectWriteSuspects(program.node);
  const candidates = markerCandidates(t, program, runtime, markAll, isMarkerComment, writes.suspect);
  writes.done();
  return scanPaths(program, runtime, markAll, candidates);
}

/**
 * The scan's checks on the given paths (functions, calls and `with` statements, in traversal order): every such path
 * of the program, or only the candidates the walk picked. Exported so a test can show both give the same result.
 */
export function scanPaths(program: NodePath<t.Program>, runtime: Runtimes, markAll: boolean,
  paths: Iterable<NodePath>): MarkerScan {
  const result: MarkerScan = { marked: [], problems: [], stray: undefined, evals: [], withs: [], leftToRuntime: [] };
  const seen = new Set<t.Node>();
  const consumed = new Set<t.Comment>();
  const problem = (found: Problem) => void result.problems.push(found);

  /** The names listed by the function's one marker comment (null: none), or undefined when it cannot be honoured. */
  const listOf = (fn: NodePath<t.Function>, comments: t.Comment[]): string[] | null | undefined => {
    if (comments.length > 1) return problem({ key: "E008_DUPLICATE_MARKER", args: [], at: fn, fn });
    if (comments.length === 0) return null;
    const names = markerNames(comments[0]);
    if (names && !Array.isArray(names)) {
      return problem({ key: "E007_MALFORMED_LIST", args: [names.malformed], at: fn, fn });
    }
    return names;
  };

  const markFunction = (fn: NodePath<t.Function>) => {
    if (seen.has(fn.node)) return;
    const comments = takeMarkerComments(fn);
    if (comments.length === 0) {
      if (markAll && (fn.isArrowFunctionExpression() || fn.isFunctionExpression())) {
        seen.add(fn.node);
        result.marked.push({ fn, marker: "all", names: null, comments: [] });
      }
      return;
    }
    for (const comment of comments) consumed.add(comment); // refused or not, it is no stray marker
    if (fn.isFunctionDeclaration()) {
      return problem({ key: "E002_FUNCTION_DECLARATION", args: [fn.node.id?.name], at: fn, fn });
    }
    if (!fn.isArrowFunctionExpression() && !fn.isFunctionExpression()) {
      return problem({ key: "E003_METHOD", args: [methodKind(fn.node)], at: fn, fn });
    }
    const names = listOf(fn, comments);
    if (names === undefined) return;
    seen.add(fn.node);
    result.marked.push({ fn, marker: "comment", names, comments });
  };

  const onCall = (call: NodePath<t.CallExpression>) => {
    const callee = call.get("callee");
    if (callee.isIdentifier({ name: "eval" }) && !call.scope.getBinding("eval")) result.evals.push(call);
    for (const own of ownOutput(call, runtime)) seen.add(own);
    const args = call.get("arguments");
    if (args.length !== 1 || !isRuntimeExport(callee, "captureContext", runtime)) return;
    const fn = unwrapTransparent(args[0]);
    if (!fn.isArrowFunctionExpression() && !fn.isFunctionExpression()) {
      result.leftToRuntime.push(call); // the runtime fallback handles it
      return;
    }
    // One comment marker on the same function is redundant, not an error: take it off. Two are E008, as anywhere.
    const comments = takeMarkerComments(fn);
    for (const comment of comments) consumed.add(comment);
    seen.add(fn.node);
    const names = listOf(fn, comments);
    if (names === undefined) return;
    result.marked.push({ fn, marker: "call", names, call, comments });
  };

  for (const path of paths) {
    if (path.isFunction()) markFunction(path);
    else if (path.isCallExpression()) onCall(path);
    else if (path.isWithStatement()) result.withs.push(path);
  }

  result.stray = strayMarker(program, consumed);
  return result;
}

const READERS = [
  "unproxy", "unproxyIfBound", "unproxyImport", "unproxyFrom", "unproxyIfBoundFrom", "unproxyOr", "unproxyIfBoundOr",
  "unproxyIn", "unproxyIfBoundIn",
];

/**
 * The plugin's own output at `call`, which a later pass must not wrap again: for a wrapper
 * `((a) => { const cb = () => …; return cb; })(_unproxy(a))`, the wrapper and the closure it holds; for `_unproxyImport(() => a)`, the
 * thunk. A wrapper is an arrow called with nothing but calls to the runtime's readers (`_unproxy(a)`,
 * `_unproxyFrom(p, C)`, `_unproxyOr(p, _v = _unproxyValueOf(C))`, `_unproxyIn(_s = _unproxyScope(), a)`, …).
 */
function ownOutput(call: NodePath<t.CallExpression>, runtime: Runtimes): t.Node[] {
  const readsWith = (path: NodePath, names: string[]) =>
    path.isCallExpression() && names.some((name) => isRuntimeExport(path.get("callee") as NodePath, name, runtime));
  const args = call.get("arguments");
  if (readsWith(call, ["unproxyImport"])) return args[0]?.isArrowFunctionExpression() ? [args[0].node] : [];
  const wrapper = unwrapTransparent(call.get("callee"));
  if (!wrapper.isArrowFunctionExpression() || args.length === 0) return [];
  if (!args.every((arg) => readsWith(arg, READERS))) return [];
  const closure = wrappedClosure(wrapper.node);
  return closure ? [wrapper.node, closure] : [];
}

/** The closure inside a wrapper: its body, the declarator or default value that names it, or the property that names it. */
function wrappedClosure(wrapper: t.ArrowFunctionExpression): t.Node | undefined {
  const body = unwrapTransparentNode(wrapper.body);
  if (body.type === "ArrowFunctionExpression" || body.type === "FunctionExpression") return body;
  // `{ const cb = () => …; return cb; }`, the form that names the closure
  if (body.type === "BlockStatement" && body.body.length === 2 && body.body[0].type === "VariableDeclaration") {
    const [declarator] = body.body[0].declarations;
    return declarator?.init ? unwrapTransparentNode(declarator.init) : undefined;
  }
  if (body.type === "Identifier") {
    const last = wrapper.params[wrapper.params.length - 1];
    return last?.type === "AssignmentPattern" ? unwrapTransparentNode(last.right) : undefined;
  }
  if (body.type === "MemberExpression" && body.object.type === "ObjectExpression") {
    const [property] = body.object.properties;
    return property?.type === "ObjectProperty" ? unwrapTransparentNode(property.value) : undefined;
  }
  return undefined;
}

function methodKind(node: t.Node): string {
  if ((node.type === "ObjectMethod" || node.type === "ClassMethod") && (node.kind === "get" || node.kind === "set")) {
    return node.kind === "get" ? "getter" : "setter";
  }
  if (node.type === "ClassMethod" && node.kind === "constructor") return "constructor";
  return "method";
}

// A marker that no function consumed is a mistake the user must hear about: it would otherwise silently do nothing.
function strayMarker(program: NodePath<t.Program>, consumed: Set<t.Comment>): StrayMarker | undefined {
  const file = program.parent as t.File;
  const stray = (file.comments ?? []).filter((comment) => isMarkerComment(comment) && !consumed.has(comment));
  if (stray.length === 0) return undefined;
  let carrier: NodePath | undefined;
  program.traverse({
    enter(path) {
      if (path.node.leadingComments?.some((comment) => stray.includes(comment))) {
        carrier = path;
        path.stop();
      }
    },
  });
  return { carrier, loc: stray[0].loc };
}

export function describe(node: t.Node): string {
  if (node.type === "VariableDeclaration") {
    if (node.declarations.length > 1) return `a declaration of ${node.declarations.length} variables`;
    const init = node.declarations[0].init;
    return init ? `a variable whose value is ${describe(init)}` : "a variable with no value";
  }
  if (node.type === "ExportNamedDeclaration" && node.declaration) return describe(node.declaration);
  const words = node.type
    .replace(/^TS/, "TypeScript ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace("typescript", "TypeScript");
  return `${/^[aeiouAEIOU]/.test(words) ? "an" : "a"} ${words}`;
}
