// captureContext() without the Babel plugin: a runtime snapshot of every context, and a one-time warning.
import { captureContext, configure, contextProxy, createContext } from "../../src/runtime/index";
import { state } from "../../src/runtime/state";

const WARNING =
  "[UNPROXY_R010] captureContext() ran without the unproxy Babel plugin and fell back to a runtime snapshot of all " +
  'contexts. Add "unproxy/babel" to your Babel plugins; silence this with configure({ warnings: false }) or ' +
  "UNPROXY_NO_WARN=1.";

const requestContext = createContext<{ id: number }>("request");
const request = contextProxy(requestContext);
const tenantContext = createContext<string>("tenant");

let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => warn.mockRestore());

test("warns once per process, with its code first and the fix", () => {
  state.warned = false;
  captureContext(() => 1);
  captureContext(() => 2);
  requestContext.run({ id: 1 }, () => captureContext(() => 3));
  expect(warn.mock.calls).toEqual([[WARNING]]);
});

test("configure({ warnings: false }) and UNPROXY_NO_WARN=1 silence it", () => {
  state.warned = false;
  configure({ warnings: false });
  captureContext(() => 1);
  configure({ warnings: true });
  state.warned = false;
  process.env.UNPROXY_NO_WARN = "1";
  try {
    captureContext(() => 1);
  } finally {
    delete process.env.UNPROXY_NO_WARN;
  }
  expect(warn).not.toHaveBeenCalled();
});

test("fn runs in a snapshot of every context taken at capture, whatever is bound at call", async () => {
  const report = () => `${request.id}/${tenantContext.tryGet()}`;
  const captured = requestContext.run({ id: 1 }, () => tenantContext.run("acme", () => captureContext(report)));
  expect(captured()).toBe("1/acme");
  expect(requestContext.run({ id: 2 }, captured)).toBe("1/acme");
  const later = await new Promise<string>((resolve) => setTimeout(() => resolve(captured()), 1));
  expect(later).toBe("1/acme");
  // Outside the call, nothing changed.
  expect(requestContext.tryGet()).toBeUndefined();
});

test("this, arguments, name, length and new pass through", () => {
  const captured = requestContext.run({ id: 5 }, () =>
    captureContext(function named(this: { base: number }, a: number, b: number) {
      return this.base + a + b + request.id;
    }),
  );
  expect(captured.call({ base: 100 }, 1, 2)).toBe(108);
  expect(captured.name).toBe("named");
  expect(captured.length).toBe(2);
  class Box {
    id = request.id;
  }
  const CapturedBox = requestContext.run({ id: 9 }, () => captureContext(Box as unknown as () => Box));
  const box = new (CapturedBox as unknown as new () => Box)();
  expect(box).toBeInstanceOf(Box);
  expect(box.id).toBe(9);
});

test("errors and rejections from fn pass through unchanged, with their stacks", async () => {
  const error = new Error("sync failure");
  const stack = error.stack;
  const throwing = captureContext(() => {
    throw error;
  });
  let caught: unknown;
  try {
    throwing();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBe(error);
  expect((caught as Error).stack).toBe(stack);
  const rejection = new TypeError("async failure");
  const rejecting = captureContext(async () => {
    await null;
    throw rejection;
  });
  await expect(rejecting()).rejects.toBe(rejection);
});

test("captureContext needs a function", () => {
  expect(() => captureContext(42 as unknown as () => void)).toThrow(
    "[UNPROXY_R009] captureContext(fn) needs a function, got 42.",
  );
});

test("callbacks queued by many executions and drained by another: captured ones keep their creator's value", async () => {
  configure({ warnings: false });
  const queue: (() => [number, number])[] = [];
  await Promise.all(
    Array.from({ length: 300 }, (_, i) =>
      requestContext.run({ id: i }, async () => {
        await new Promise((resolve) => setTimeout(resolve, i % 7));
        queue.push(captureContext(() => [i, request.id]));
        queue.push(() => [i, request.id]);
      }),
    ),
  );
  const drained = requestContext.run({ id: -1 }, () => queue.map((callback) => callback()));
  const captured = drained.filter((_, index) => index % 2 === 0);
  const plain = drained.filter((_, index) => index % 2 === 1);
  expect(captured.every(([creator, seen]) => creator === seen)).toBe(true);
  // The bug captureContext fixes: a plain callback sees whoever drains the queue.
  expect(plain.every(([, seen]) => seen === -1)).toBe(true);
  expect(captured).toHaveLength(300);
});

test("a generator's steps run in the snapshot, and its object still belongs to the generator function", () => {
  function* ids() {
    yield request.id;
    yield request.id;
  }
  const captured = requestContext.run({ id: 1 }, () => captureContext(ids));
  const generator = requestContext.run({ id: 2 }, () => captured());
  expect(requestContext.run({ id: 3 }, () => [...generator])).toEqual([1, 1]);
  expect(generator).toBeInstanceOf(ids);
});

test("an async generator's steps run in the snapshot", async () => {
  async function* ids() {
    await null;
    yield request.id;
  }
  const captured = requestContext.run({ id: 1 }, () => captureContext(ids));
  const seen: number[] = [];
  await requestContext.run({ id: 2 }, async () => {
    for await (const id of captured()) seen.push(id);
  });
  expect(seen).toEqual([1]);
});

test("new on the captured function builds an instance of both the function and the wrapper", () => {
  function Job(this: { id: number }) {
    this.id = request.id;
  }
  const Captured = requestContext.run({ id: 1 }, () => captureContext(Job as any));
  const job = requestContext.run({ id: 2 }, () => new Captured());
  expect(job).toEqual({ id: 1 });
  expect(job).toBeInstanceOf(Captured);
  expect(job).toBeInstanceOf(Job);
});
