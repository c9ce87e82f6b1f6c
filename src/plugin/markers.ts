// Finds the closures to rewrite: functions carrying an @unproxy comment (on themselves or on what wraps them),
// inline functions passed to the runtime's captureContext(), and, in markAll mode, every function expression.
import type { NodePath, types as t } from "@babel/core";
import { messages } from "./messages.js";
import { isRuntimeExport } from "./runtime-binding.js";
import { outermostWrapper, unwrapTransparent } from "./wrappers.js";

export type ClosurePath = NodePath<t.ArrowFunctionExpression | t.FunctionExpression>;

export interface Marked {
  fn: ClosurePath;
  marker: "comment" | "call" | "all";
  /** Names listed in the marker, or null to capture every candidate. */
  names: string[] | null;
  /** The captureContext(fn) call that disappears, when marked by a call. */
  call?: NodePath<t.CallExpression>;
}

export interface Scan {
  marked: Marked[];
  /** Direct eval() calls and `with` statements anywhere in the file. */
  evals: NodePath[];
  withs: NodePath<t.WithStatement>[];
}

// Anchored at the start of the comment or of one of its lines (after spaces and JSDoc `*`), so prose that mentions
// the tag is not a marker; on a tag boundary, so `@unproxyable` and `@unproxy-x` are not either. The rest of the line
// is the optional name list.
const TAG = /(?:^|\n)[\s*]*@unproxy(?![\w$@.-])([^\n]*)/;
const TAG_LINE = /(?:^|\n)[ \t*]*@unproxy(?![\w$@.-])[^\n]*/;
const NAME = /^[A-Za-z_$][\w$]*$/;

export function isMarkerComment(comment: t.Comment): boolean {
  return !comment.ignore && TAG.test(comment.value);
}

/** The names listed in a marker comment, or null when it lists none. Throws E007 for text that is not a name list. */
export function markerNames(comment: t.Comment): string[] | null {
  const rest = TAG.exec(comment.value)![1].replace(/\*+\s*$/, "").trim();
  if (rest === "") return null;
  const names = rest.split(/\s*,\s*|\s+/).filter((name) => name !== "");
  if (!names.every((name) => NAME.test(name))) throw new SyntaxError(messages.E007_MALFORMED_LIST(`@unproxy ${rest}`));
  return names;
}

/** The function and every node whose leading comment marks it: wrappers, declaration, export, property or field. */
export function markerCarriers(fn: NodePath): NodePath[] {
  const carriers = [fn];
  // `/* @unproxy */ <T,>(x: T) => …`: the parser attaches the comment to the type parameters, which start first.
  const typeParameters = fn.get("typeParameters") as NodePath;
  if (!Array.isArray(typeParameters) && typeParameters.node) carriers.push(typeParameters);
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

/** Leading marker comments on the function or its carriers; each is consumed (ignored by the generator) here. */
export function takeMarkerComments(fn: NodePath): t.Comment[] {
  const found: t.Comment[] = [];
  for (const carrier of markerCarriers(fn)) {
    const comments = carrier.node.leadingComments;
    if (!comments) continue;
    for (const comment of comments) if (isMarkerComment(comment)) found.push(comment);
  }
  return found;
}

/**
 * Removes markers from the output. A comment that says nothing else is dropped from the node and ignored wherever else
 * it is attached; a doc comment keeps its other lines and loses only the tag's line.
 */
export function consume(comments: t.Comment[], carriers: NodePath[]): void {
  for (const comment of comments) {
    const rest = comment.value.replace(TAG_LINE, "");
    if (/[^\s*]/.test(rest)) comment.value = rest;
    else comment.ignore = true;
  }
  for (const carrier of carriers) {
    const node = carrier.node;
    if (node.leadingComments) node.leadingComments = node.leadingComments.filter((c) => !c.ignore);
  }
}

export function scan(program: NodePath<t.Program>, runtime: string, markAll: boolean): Scan {
  const result: Scan = { marked: [], evals: [], withs: [] };
  const seen = new Set<t.Node>();
  const consumed = new Set<t.Comment>();

  const markFunction = (fn: NodePath<t.Function>) => {
    const comments = takeMarkerComments(fn);
    if (comments.length === 0) {
      if (markAll && (fn.isArrowFunctionExpression() || fn.isFunctionExpression()) && !seen.has(fn.node)) {
        seen.add(fn.node);
        result.marked.push({ fn, marker: "all", names: null });
      }
      return;
    }
    if (fn.isFunctionDeclaration()) {
      throw fn.buildCodeFrameError(messages.E002_FUNCTION_DECLARATION(fn.node.id?.name));
    }
    if (!fn.isArrowFunctionExpression() && !fn.isFunctionExpression()) {
      throw fn.buildCodeFrameError(messages.E003_METHOD(methodKind(fn.node)));
    }
    if (comments.length > 1) throw fn.buildCodeFrameError(messages.E008_DUPLICATE_MARKER());
    const names = namesWithCodeFrame(fn, comments[0]);
    for (const comment of comments) consumed.add(comment);
    consume(comments, markerCarriers(fn));
    seen.add(fn.node);
    result.marked.push({ fn, marker: "comment", names });
  };

  program.traverse({
    Function: markFunction,
    CallExpression(call) {
      const callee = call.get("callee");
      if (callee.isIdentifier({ name: "eval" }) && !call.scope.getBinding("eval")) result.evals.push(call);
      const args = call.get("arguments");
      if (args.length !== 1 || !isRuntimeExport(callee, "captureContext", runtime)) return;
      const fn = unwrapTransparent(args[0]);
      if (!fn.isArrowFunctionExpression() && !fn.isFunctionExpression()) return; // the runtime fallback handles it
      // A comment marker on the same function is redundant, not an error: take it off.
      const comments = takeMarkerComments(fn);
      for (const comment of comments) consumed.add(comment);
      consume(comments, markerCarriers(fn));
      seen.add(fn.node);
      const names = comments.length ? namesWithCodeFrame(fn, comments[0]) : null;
      result.marked.push({ fn, marker: "call", names, call });
    },
    WithStatement(path) {
      result.withs.push(path);
    },
  });

  if (!markAll) rejectStrayMarkers(program, consumed);
  return result;
}

function namesWithCodeFrame(fn: NodePath, comment: t.Comment): string[] | null {
  try {
    return markerNames(comment);
  } catch (error) {
    throw fn.buildCodeFrameError((error as Error).message);
  }
}

function methodKind(node: t.Node): string {
  if ((node.type === "ObjectMethod" || node.type === "ClassMethod") && (node.kind === "get" || node.kind === "set")) {
    return node.kind === "get" ? "getter" : "setter";
  }
  if (node.type === "ClassMethod" && node.kind === "constructor") return "constructor";
  return "method";
}

// A marker that no function consumed is a mistake the user must hear about: it would otherwise silently do nothing.
function rejectStrayMarkers(program: NodePath<t.Program>, consumed: Set<t.Comment>): void {
  const file = program.parent as t.File;
  const stray = (file.comments ?? []).filter((comment) => isMarkerComment(comment) && !consumed.has(comment));
  if (stray.length === 0) return;
  let carrier: NodePath | undefined;
  program.traverse({
    enter(path) {
      if (path.node.leadingComments?.some((comment) => stray.includes(comment))) {
        carrier = path;
        path.stop();
      }
    },
  });
  if (carrier) throw carrier.buildCodeFrameError(messages.E001_NOT_A_FUNCTION(describe(carrier.node)));
  const loc = stray[0].loc;
  throw program.hub.buildError(
    { loc: loc ?? undefined } as t.Node,
    messages.E001_NOT_A_FUNCTION("no code (a marker must come before the function it marks)"),
    SyntaxError,
  );
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
