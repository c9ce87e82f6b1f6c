// Wrong arguments to the snapshot and configuration functions fail loudly with a code; none is silently ignored
// (a string where an array belongs used to be iterated by character, or matched by substring).
import {
  configure,
  contextProxy,
  createContext,
  runWithContexts,
  snapshotContexts,
} from "../../src/runtime/index";

const requestContext = createContext<{ id: number }>("validation:request");
const sessionContext = createContext<{ user: string }>("validation:session");

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

const bound = <R>(fn: () => R): R =>
  requestContext.run({ id: 1 }, () => sessionContext.run({ user: "ada" }, fn));

describe("snapshotContexts options", () => {
  test("arrays of names select and exclude by exact name", () => {
    expect(bound(() => snapshotContexts({ only: ["validation:request"] })).values).toEqual({
      "validation:request": { id: 1 },
    });
    const values = bound(() => snapshotContexts({ exclude: ["validation:request"] })).values;
    expect(values).toEqual({ "validation:session": { user: "ada" } });
  });

  test.each([
    [{ only: "validation:request" }, "UNPROXY_R022"],
    // A string `exclude` would drop every context whose name is a substring of it ("validation:session" ⊃ "session").
    [{ exclude: "validation:session" }, "UNPROXY_R022"],
    [{ only: ["validation:request", 5] }, "UNPROXY_R022"],
    [{ only: null }, "UNPROXY_R022"],
    [{ includes: ["validation:request"] }, "UNPROXY_R021"],
    ["validation:request", "UNPROXY_R020"],
    [null, "UNPROXY_R020"],
    [["validation:request"], "UNPROXY_R020"],
  ])("%j is refused with %s", (options, code) => {
    expect(codeOf(() => bound(() => snapshotContexts(options as never)))).toBe(code);
  });

  test("the message names the element that is not a string", () => {
    expect(() => snapshotContexts({ exclude: ["a", 5 as never] })).toThrow(
      "[UNPROXY_R022] snapshotContexts({ exclude }) needs an array of context names, got an array holding 5.",
    );
  });

  test("no options still means every bound context", () => {
    expect(Object.keys(bound(() => snapshotContexts()).values)).toEqual(
      expect.arrayContaining(["validation:request", "validation:session"]),
    );
    expect(Object.keys(bound(() => snapshotContexts(undefined)).values)).toContain("validation:request");
  });
});

describe("a context named __proto__", () => {
  test("is refused at creation (a snapshot would set the values object's prototype instead of a key)", () => {
    expect(codeOf(() => createContext("__proto__"))).toBe("UNPROXY_R023");
    // Other Object.prototype names are ordinary own keys of the snapshot and work.
    const constructorContext = createContext<{ v: number }>("constructor");
    const snapshot = constructorContext.run({ v: 1 }, () => snapshotContexts({ only: ["constructor"] }));
    expect(Object.getPrototypeOf(snapshot.values)).toBe(Object.prototype);
    expect(runWithContexts(snapshot, () => constructorContext.get())).toEqual({ v: 1 });
  });
});

describe("runWithContexts", () => {
  test.each([[null], [5], ["values"], [[{ id: 1 }]]])("snapshot.values %j is refused with UNPROXY_R024", (values) => {
    expect(codeOf(() => runWithContexts({ unproxySnapshot: 1, values: values as never }, () => 1))).toBe(
      "UNPROXY_R024",
    );
  });

  test("options: unknown keys and a non-boolean ignoreMissing are refused with UNPROXY_R025", () => {
    const snapshot = { unproxySnapshot: 1 as const, values: {} };
    expect(() => runWithContexts(snapshot, { ignoreMissing: "yes" } as never, () => 1)).toThrow(
      '[UNPROXY_R025] runWithContexts(snapshot, options, fn) takes { ignoreMissing: true | false }, got ignoreMissing: "yes".',
    );
    expect(codeOf(() => runWithContexts(snapshot, { only: [] } as never, () => 1))).toBe("UNPROXY_R025");
    expect(runWithContexts(snapshot, { ignoreMissing: true }, () => 7)).toBe(7);
  });
});

describe("configure", () => {
  test.each([[undefined], [null], [false], ["warnings"], [[]]])("configure(%j) is refused with UNPROXY_R019", (options) => {
    expect(codeOf(() => (configure as (options?: unknown) => void)(options))).toBe("UNPROXY_R019");
  });

  test("an empty object changes nothing", () => {
    expect(() => configure({})).not.toThrow();
  });
});

test("contextProxy is unaffected: proxies of validated contexts still read through", () => {
  const request = contextProxy(requestContext);
  expect(requestContext.run({ id: 4 }, () => request.id)).toBe(4);
});
