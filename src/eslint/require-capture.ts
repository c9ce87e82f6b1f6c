// require-capture: an unmarked closure that reads a name the plugin would capture and is handed to a deferring API
// (timers, listeners, thenables, queues) may run in another execution's context. Same detection and options as
// `unproxy check`; the autofix inserts the marker.
import type { Rule, SourceCode } from "eslint";
import { checkOptionsProblem, deferringApi, MARKER, resolveCheckOptions, type CheckOptions,
  type ResolvedCheckOptions } from "../check/deferring.js";
import { capturableNames, closuresOf, describeCallee, isMarked, unwrap, variableOf, walk, type Node } from "./analyse.js";

const stringList = { type: "array", items: { type: "string", pattern: "^\\.?[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*$" } };

export const requireCapture: Rule.RuleModule = {
  meta: {
    type: "problem",
    docs: {
      description: "Require the @unproxy marker on closures that read a context proxy and are handed to a deferring API",
      recommended: true,
    },
    fixable: "code",
    messages: {
      unmarked:
        "[UNPROXY_C010] This closure reads {{names}} and is handed to {{api}} (line {{line}}), which may run it in " +
        "another execution's context. Mark it: /* @unproxy */ before the function.",
    },
    schema: [
      {
        type: "object",
        properties: {
          deferring: stringList,
          additionalDeferring: stringList,
          capture: { enum: ["auto", "known"] },
          knownProxies: {
            type: "array",
            items: {
              type: "object",
              properties: { module: { type: "string" }, export: { type: "string" } },
              required: ["module", "export"],
              additionalProperties: false,
            },
          },
          runtime: { type: "string", minLength: 1 },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{}],
  },
  create(context) {
    const raw = (context.options[0] ?? {}) as CheckOptions;
    const problem = checkOptionsProblem(raw);
    if (problem) throw new Error(`unproxy/require-capture: ${problem}`); // the schema lets nothing else through
    const shared = resolveCheckOptions(raw);
    const check: ResolvedCheckOptions = { ...shared, functions: new Set(shared.functions), methods: new Set(shared.methods) };
    const sourceCode = context.sourceCode;
    const calls: Node[] = [];
    const functions: Node[] = [];
    return {
      "CallExpression"(node: Rule.Node) {
        calls.push(node as unknown as Node);
      },
      ":function"(node: Rule.Node) {
        functions.push(node as unknown as Node);
      },
      "Program:exit"() {
        deriveWrappers(sourceCode, functions, check);
        const reported = new Set<Node>();
        for (const call of calls) {
          const { path, method } = describeCallee(call.callee);
          const api = deferringApi(check, path, method);
          if (api === undefined) continue;
          for (const argument of call.arguments as Node[]) {
            for (const fn of closuresOf(sourceCode, argument, check.runtime)) {
              if (reported.has(fn) || isMarked(sourceCode, fn, check.runtime)) continue;
              const names = capturableNames(sourceCode, fn, check);
              if (names.length === 0) continue;
              reported.add(fn);
              context.report({
                node: fn as never,
                messageId: "unmarked",
                data: { names: names.join(", "), api, line: String(call.loc.start.line) },
                fix: (fixer) => fixer.insertTextBefore(fn as never, MARKER),
              });
            }
          }
        }
      },
    };
  },
};

/** As in check: a local function or method that passes one of its parameters to a deferring API is deferring too. */
function deriveWrappers(sourceCode: SourceCode, functions: Node[], check: ResolvedCheckOptions): void {
  const candidates = functions.flatMap((fn) => {
    const entry = wrapperName(fn);
    return entry && fn.params.some((param: Node) => param.type === "Identifier") ? [{ fn, entry }] : [];
  });
  for (let changed = true; changed; ) {
    changed = false;
    for (const { fn, entry } of candidates) {
      const list = entry.kind === "function" ? check.functions : check.methods;
      if (list.has(entry.name) || !handsParameterOn(sourceCode, fn, check)) continue;
      list.add(entry.name);
      changed = true;
    }
  }
}

function wrapperName(fn: Node): { kind: "function" | "method"; name: string } | undefined {
  if (fn.type === "FunctionDeclaration") return fn.id ? { kind: "function", name: fn.id.name } : undefined;
  let top = fn;
  while (top.parent && ["TSAsExpression", "TSSatisfiesExpression", "TSNonNullExpression"].includes(top.parent.type)) {
    top = top.parent;
  }
  const parent = top.parent;
  if (!parent) return undefined;
  if ((parent.type === "MethodDefinition" && parent.kind === "method") || parent.type === "PropertyDefinition" ||
      (parent.type === "Property" && parent.kind === "init")) {
    return !parent.computed && parent.key.type === "Identifier" ? { kind: "method", name: parent.key.name } : undefined;
  }
  if (parent.type === "VariableDeclarator" && parent.id.type === "Identifier") return { kind: "function", name: parent.id.name };
  return undefined;
}

function handsParameterOn(sourceCode: SourceCode, fn: Node, check: ResolvedCheckOptions): boolean {
  let hands = false;
  walk(sourceCode, fn.body, (node) => {
    if (hands) return false;
    if (node.type !== "CallExpression") return true;
    const { path, method } = describeCallee(node.callee);
    if (deferringApi(check, path, method) === undefined) return true;
    hands = (node.arguments as Node[]).some((argument) => {
      const inner = unwrap(argument);
      if (inner.type !== "Identifier") return false;
      const variable = variableOf(sourceCode, inner);
      const def = variable?.defs[0];
      return def?.type === "Parameter" && (def.node as unknown) === fn &&
        !variable!.references.some((ref) => ref.isWrite() && !ref.init);
    });
    return true;
  });
  return hands;
}
