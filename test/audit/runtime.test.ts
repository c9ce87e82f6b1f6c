// Audit mode end to end: sources compiled with { audit: true }, run against the real runtime, warnings observed.
import { EventEmitter } from "node:events";
import { compile, load, request, requestContext, warningsDuring } from "./support";

let fileCounter = 0;
/** Each test gets its own file name, so its sites were never reported before (once per site per process). */
function audited(code: string) {
  const file = `/project/src/case-${++fileCounter}.ts`;
  return { exports: load(compile(code, { audit: true }, file)), file: `src/case-${fileCounter}.ts` };
}

const HANDOFF = `import { request } from "./context";
export function make() { return () => request.id; }
`;

describe("UNPROXY_A001", () => {
  test("a closure that runs with another value warns once, with the exact text, type and code", async () => {
    const { exports, file } = audited(HANDOFF);
    const a = requestContext.run({ id: 1 }, () => exports.make());
    const warnings = await warningsDuring(() => {
      expect(requestContext.run({ id: 2 }, a)).toBe(2); // behaviour unchanged: it still reads the current value
      requestContext.run({ id: 3 }, a);
    });
    expect(warnings).toEqual([
      {
        type: "UnproxyAuditWarning",
        code: "UNPROXY_A001",
        message:
          `${file}:2:33: [UNPROXY_A001] a closure reading request was created while request was bound, and runs where ` +
          "request is bound to another value: it reads another execution's data instead of what it was created " +
          "with. Mark it: /* @unproxy */ before the function, or captureContext(fn).",
      },
    ]);
  });

  test("a closure that runs where nothing is bound says so", async () => {
    const { exports, file } = audited(HANDOFF);
    const a = requestContext.run({ id: 1 }, () => exports.make());
    const warnings = await warningsDuring(() => expect(() => a()).toThrow(/UNPROXY_UNBOUND/));
    expect(warnings.map((w) => w.message)).toEqual([
      `${file}:2:33: [UNPROXY_A001] a closure reading request was created while request was bound, and runs where ` +
        "request is unbound: it reads nothing instead of what it was created with. Mark it: /* @unproxy */ before " +
        "the function, or captureContext(fn).",
    ]);
  });

  test("compares identity, never contents", async () => {
    const { exports } = audited(HANDOFF);
    const value = { id: 1 };
    const a = requestContext.run(value, () => exports.make());
    const same = await warningsDuring(() => {
      value.id = 99; // the same object, changed: still what it was created with
      requestContext.run(value, a);
    });
    expect(same).toEqual([]);
    const lookalike = await warningsDuring(() => requestContext.run({ id: 99 }, a));
    expect(lookalike).toHaveLength(1);
  });
});

describe("what is never reported", () => {
  test("a closure created outside any binding (meant to read whatever is current)", async () => {
    const { exports } = audited(HANDOFF);
    const handler = exports.make();
    const warnings = await warningsDuring(() => {
      requestContext.run({ id: 1 }, handler);
      requestContext.run({ id: 2 }, handler);
    });
    expect(warnings).toEqual([]);
  });

  test("a closure that runs with the value it was created with, also later in the same execution", async () => {
    const { exports } = audited(HANDOFF);
    const warnings = await warningsDuring(() =>
      requestContext.run({ id: 1 }, async () => {
        const a = exports.make();
        a();
        await new Promise((resolve) => setTimeout(resolve, 1));
        expect(a()).toBe(1);
      }),
    );
    expect(warnings).toEqual([]);
  });

  test("a closure reading no proxy (only locals and parameters)", async () => {
    const { exports } = audited(`export function make(reply) { const n = 1; return () => reply(n); }`);
    const a = requestContext.run({ id: 1 }, () => exports.make((n: number) => n));
    expect(await warningsDuring(() => requestContext.run({ id: 2 }, a))).toEqual([]);
  });

  test("a marked closure: it is fixed, and not instrumented", async () => {
    const code = `import { request } from "./context";
export function make() { return /* @unproxy */ () => request.id; }`;
    const compiled = compile(code, { audit: true });
    expect(compiled).not.toContain("audit");
    const a = requestContext.run({ id: 1 }, () => load(compiled).make());
    expect(await warningsDuring(() => expect(requestContext.run({ id: 2 }, a)).toBe(1))).toEqual([]);
  });
});

describe("the closure handed on is the original function", () => {
  test("identity, name and length are kept: a listener can be removed with the reference it was added with", () => {
    const { exports } = audited(`import { request } from "./context";
export function subscribe(emitter) {
  const onEvent = (a, b) => request.id;
  emitter.on("event", onEvent);
  return onEvent;
}
export const object = { "on-x": function (a) { return request.id; } };`);
    const emitter = new EventEmitter();
    const listener = requestContext.run({ id: 1 }, () => exports.subscribe(emitter));
    expect(emitter.listeners("event")).toEqual([listener]);
    expect(listener.name).toBe("onEvent");
    expect(listener.length).toBe(2);
    emitter.off("event", listener);
    expect(emitter.listenerCount("event")).toBe(0);
    expect(exports.object["on-x"].name).toBe("on-x");
  });

  test("this, arguments and new.target are the closure's own", () => {
    const { exports } = audited(`import { request } from "./context";
export function outer() { return (x) => [this, arguments[0], x, request.id]; }
export const Ctor = function (v) { this.v = v; this.id = request.id; this.t = new.target === Ctor; };`);
    const arrow = requestContext.run({ id: 1 }, () => exports.outer.call("self", "arg"));
    expect(requestContext.run({ id: 1 }, () => arrow("x"))).toEqual(["self", "arg", "x", 1]);
    const made = requestContext.run({ id: 1 }, () => new exports.Ctor(5));
    expect(made).toEqual({ v: 5, id: 1, t: true });
  });
});

describe("where there is no process.emitWarning (browsers)", () => {
  test("the same text goes to console.warn", async () => {
    const { exports, file } = audited(HANDOFF);
    const a = requestContext.run({ id: 1 }, () => exports.make());
    const emitWarning = process.emitWarning;
    const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
    (process as { emitWarning?: unknown }).emitWarning = undefined;
    let calls: unknown[][];
    try {
      requestContext.run({ id: 2 }, a);
    } finally {
      process.emitWarning = emitWarning;
      calls = [...warn.mock.calls];
      warn.mockRestore();
    }
    expect(calls).toEqual([[expect.stringMatching(new RegExp(`^${file}:2:33: \\[UNPROXY_A001\\] .*captureContext\\(fn\\)\\.$`))]]);
  });
});
