// Every runtime message, pinned with its exact text, triggered through the public API.
import {
  captureContext,
  configure,
  contextProxy,
  createContext,
  createResource,
  runWithContexts,
  snapshotContexts,
  UnboundContextError,
} from "../../src/runtime/index";
import * as errors from "../../src/runtime/errors";
import { thrown } from "./support/thrown";

const requestContext = createContext<{ id: number }>("request");
const request = contextProxy(requestContext);

const cases: [code: string, trigger: () => unknown, type: Function, text: string][] = [
  [
    "UNPROXY_UNBOUND",
    () => request.id,
    UnboundContextError,
    '[UNPROXY_UNBOUND] context "request" has no value here. Read it inside its run(value, fn), or capture it where the ' +
      "callback is created: captureContext(fn) or the unproxy Babel plugin.",
  ],
  [
    "UNPROXY_R001",
    () => createContext(""),
    TypeError,
    '[UNPROXY_R001] createContext(name) needs a non-empty string, got "".',
  ],
  [
    "UNPROXY_R002",
    () => requestContext.run({ id: 1 }, undefined as never),
    TypeError,
    '[UNPROXY_R002] run(value, fn) of context "request" needs a function, got undefined.',
  ],
  [
    "UNPROXY_R003",
    () => contextProxy({} as never),
    TypeError,
    "[UNPROXY_R003] contextProxy(source) needs a context or a getter function, got an object.",
  ],
  [
    "UNPROXY_R004",
    () => contextProxy(() => 42 as unknown as object, { name: "answer" }).toString(),
    TypeError,
    '[UNPROXY_R004] context proxy "answer" stands for an object or a function, but its value is 42; read primitives ' +
      "with the context's get().",
  ],
  [
    "UNPROXY_R005",
    () => requestContext.run({ id: 1 }, () => (request as unknown as () => void)()),
    TypeError,
    '[UNPROXY_R005] context proxy "request" was called, but its value is an object, not a function.',
  ],
  [
    "UNPROXY_R006",
    () => requestContext.run({ id: 1 }, () => Object.freeze(request)),
    TypeError,
    '[UNPROXY_R006] Object.preventExtensions/seal/freeze cannot go through context proxy "request" (a Proxy ' +
      "invariant); call it on unproxy(request).",
  ],
  [
    "UNPROXY_R007",
    () => requestContext.run(Object.seal({ id: 1 }), () => Object.isSealed(request)),
    TypeError,
    '[UNPROXY_R007] context proxy "request" cannot report a non-extensible (frozen, sealed) value (a Proxy ' +
      "invariant); call Object.isExtensible/isFrozen/isSealed on unproxy(request).",
  ],
  [
    "UNPROXY_R008",
    () => requestContext.run({ id: 1 }, () => Object.defineProperty(request, "id", { configurable: false })),
    TypeError,
    '[UNPROXY_R008] cannot define the non-configurable property "id" through context proxy "request" (a Proxy ' +
      "invariant); define it on unproxy(request).",
  ],
  [
    "UNPROXY_R009",
    () => captureContext(null as never),
    TypeError,
    "[UNPROXY_R009] captureContext(fn) needs a function, got null.",
  ],
  [
    "UNPROXY_R015",
    () => createResource({ name: "fake", tryGet: () => 1 } as never, () => 1),
    TypeError,
    "[UNPROXY_R015] createResource(context, factory) needs a context from createContext(), got an object.",
  ],
  [
    "UNPROXY_R016",
    () => configure({ warning: false } as never),
    TypeError,
    '[UNPROXY_R016] configure() has no option "warning"; did you mean "warnings"?',
  ],
  [
    "UNPROXY_R018",
    () => configure({ warnings: "no" } as never),
    TypeError,
    '[UNPROXY_R018] configure({ warnings }) needs true or false, got "no".',
  ],
  [
    "UNPROXY_R019",
    () => (configure as (options?: unknown) => void)(),
    TypeError,
    "[UNPROXY_R019] configure(options) needs an object such as { warnings: false }, got undefined.",
  ],
  [
    "UNPROXY_R020",
    () => snapshotContexts("request" as never),
    TypeError,
    '[UNPROXY_R020] snapshotContexts(options) needs an object such as { exclude: ["session"] }, got "request".',
  ],
  [
    "UNPROXY_R021",
    () => snapshotContexts({ onyl: ["request"] } as never),
    TypeError,
    '[UNPROXY_R021] snapshotContexts() has no option "onyl"; the options are "only" and "exclude".',
  ],
  [
    "UNPROXY_R022",
    () => snapshotContexts({ only: "request" as never }),
    TypeError,
    '[UNPROXY_R022] snapshotContexts({ only }) needs an array of context names, got "request".',
  ],
  [
    "UNPROXY_R023",
    () => createContext("__proto__"),
    TypeError,
    '[UNPROXY_R023] createContext(name) cannot use "__proto__": it is Object.prototype\'s accessor and would corrupt ' +
      "worker snapshots; choose another name.",
  ],
  [
    "UNPROXY_R024",
    () => runWithContexts({ unproxySnapshot: 1, values: null as never }, () => 1),
    TypeError,
    "[UNPROXY_R024] runWithContexts(snapshot, fn) needs snapshot.values to be an object of context names to values, " +
      "got null.",
  ],
  [
    "UNPROXY_R025",
    () => runWithContexts({ unproxySnapshot: 1, values: {} }, { ignoreMising: true } as never, () => 1),
    TypeError,
    '[UNPROXY_R025] runWithContexts(snapshot, options, fn) takes { ignoreMissing: true | false }, got the option ' +
      '"ignoreMising".',
  ],
  [
    "UNPROXY_R026",
    () => {
      const self: { id: number } = contextProxy(() => self, { name: "self" });
      return self.id;
    },
    TypeError,
    '[UNPROXY_R026] context proxy "self" stands for itself (self → self): its source must give the real value, not a ' +
      "proxy that leads back to it.",
  ],
];

test.each(cases)("%s has its exact text, type and code", (code, trigger, type, text) => {
  const error = thrown(trigger);
  expect(error).toBeInstanceOf(type);
  expect(error.message).toBe(text);
  expect(error.code).toBe(code);
});

test("a null value and a symbol key read well in messages", () => {
  expect(thrown(() => contextProxy(() => null as unknown as object, { name: "n" }).valueOf()).message).toContain(
    "its value is null;",
  );
  const key = Symbol("k");
  expect(
    thrown(() => requestContext.run({ id: 1 }, () => Object.defineProperty(request, key, { configurable: false })))
      .message,
  ).toContain('property "Symbol(k)" through');
  expect(thrown(() => createResource(requestContext, "nope" as never)).message).toBe(
    '[UNPROXY_R015] createResource(context, factory) needs a factory function, got "nope".',
  );
});

test("UnboundContextError carries the context's name and code", () => {
  const error = new UnboundContextError("tenant");
  expect(error).toBeInstanceOf(Error);
  expect(error.name).toBe("UnboundContextError");
  expect(error.code).toBe("UNPROXY_UNBOUND");
  expect(error.contextName).toBe("tenant");
});

test("the catalogue: every entry has its own code, and its text starts with it (after the site, for A001)", () => {
  const messages = Object.entries(errors).filter(([name]) => name.endsWith("Message"));
  expect(messages.length).toBe(29);
  const codes = messages.map(([, build]) => {
    const { code, message } = (build as (...args: unknown[]) => errors.CodedMessage)("x", "y");
    expect(code).toMatch(/^UNPROXY_(UNBOUND|[RA]\d{3})$/);
    expect(message.startsWith(code === "UNPROXY_A001" ? `x: [${code}] ` : `[${code}] `)).toBe(true);
    return code;
  });
  expect(new Set(codes).size).toBe(codes.length);
});
