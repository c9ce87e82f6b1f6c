// captureContext() without the plugin returns fn's results unchanged: only generator objects (native, or compiled by
// Babel) have their steps moved into the snapshot. Anything else that merely has next() and Symbol.iterator — a
// database cursor, a hand-written iterator — is the caller's object and comes back as itself. fn's own properties and
// a class's statics stay reachable on the captured function.
import { transformSync } from "@babel/core";
import { captureContext, configure, contextProxy, createContext } from "../../src/runtime/index";

configure({ warnings: false });
const requestContext = createContext<{ id: number }>("passthrough:request");
const request = contextProxy(requestContext);

class Cursor {
  static opened = 0;
  #rows: number[];
  constructor(rows: number[]) {
    this.#rows = rows;
    Cursor.opened += 1;
  }
  next(): IteratorResult<number> {
    const row = this.#rows.shift();
    return row === undefined ? { done: true, value: undefined } : { done: false, value: row };
  }
  [Symbol.iterator]() {
    return this;
  }
  close() {
    return this.#rows.length;
  }
}

describe("iterators that are not generators come back unchanged", () => {
  test("a class instance with next() and Symbol.iterator: identity, #private methods, WeakSet membership", () => {
    const shared = new Cursor([1, 2, 3]);
    const open = new WeakSet([shared]);
    const captured = requestContext.run({ id: 1 }, () => captureContext(() => shared));
    const result = captured();
    expect(result).toBe(shared);
    expect(open.has(result)).toBe(true);
    expect(result.next()).toEqual({ done: false, value: 1 });
    expect(result.close()).toBe(2);
  });

  test("a hand-written async iterator object and an iterator helper's result", () => {
    const iterator = { next: async () => ({ done: true, value: undefined }), [Symbol.asyncIterator]() { return this; } };
    expect(captureContext(() => iterator)()).toBe(iterator);
    const entries = new Map([[1, 2]]).entries();
    expect(captureContext(() => entries)()).toBe(entries);
  });

  test("a Babel-looking iterator without an own _invoke is not mistaken for a generator", () => {
    const proto = { _invoke() {}, next() { return { done: true }; }, [Symbol.iterator]() { return this; } };
    const inherited = Object.create(proto);
    expect(captureContext(() => inherited)()).toBe(inherited);
  });
});

describe("generator objects still run each step in the snapshot", () => {
  // Compiled for an old target: regenerator for generators, _wrapAsyncGenerator + regenerator for async generators.
  function compileForIE11(source: string): (captureContext: unknown, request: unknown) => any {
    const { code } = transformSync(source, {
      configFile: false,
      babelrc: false,
      sourceType: "script",
      parserOpts: { allowReturnOutsideFunction: true },
      presets: [["@babel/preset-env", { targets: { ie: "11" } }]],
    })!;
    return new Function("captureContext", "request", code!) as never;
  }

  test("a generator compiled by regenerator", () => {
    const make = compileForIE11("return captureContext(function* () { yield request.id; yield request.id; });");
    const captured = requestContext.run({ id: 1 }, () => make(captureContext, request));
    const generator = requestContext.run({ id: 2 }, () => captured());
    expect(requestContext.run({ id: 3 }, () => [generator.next().value, generator.next().value])).toEqual([1, 1]);
  });

  test("an async generator compiled for IE 11", async () => {
    const make = compileForIE11(
      "return captureContext(async function* () { await null; yield request.id; yield request.id; });",
    );
    const captured = requestContext.run({ id: 1 }, () => make(captureContext, request));
    const seen = await requestContext.run({ id: 2 }, async () => {
      const generator = captured();
      return [(await generator.next()).value, (await generator.next()).value];
    });
    expect(seen).toEqual([1, 1]);
  });

  test("native generators: the object is still an instance of the generator function", () => {
    function* ids() {
      yield request.id;
    }
    const captured = requestContext.run({ id: 7 }, () => captureContext(ids));
    const generator = requestContext.run({ id: 8 }, () => captured());
    expect(generator).toBeInstanceOf(ids);
    expect([...generator]).toEqual([7]);
  });
});

test("documented: a generator object fn returns without creating it comes back as a Proxy of itself", () => {
  function* ids() {
    yield 1;
    yield 2;
  }
  const shared = ids();
  const result = captureContext(() => shared)();
  expect(result).not.toBe(shared);
  expect(result.next()).toEqual({ done: false, value: 1 });
  expect(shared.next()).toEqual({ done: false, value: 2 });
});

describe("the captured function keeps what fn carries", () => {
  test("own properties are read and written through", () => {
    const handler = Object.assign(() => request.id, { route: "/orders", meta: { auth: true } });
    const captured = requestContext.run({ id: 1 }, () => captureContext(handler));
    expect(captured.route).toBe("/orders");
    expect(captured.meta).toBe(handler.meta);
    captured.route = "/users";
    expect(handler.route).toBe("/users");
    expect(Object.keys(captured)).toEqual(["route", "meta"]);
  });

  test("a class's statics, static methods and subclassing", () => {
    class Job {
      static queue = "default";
      static create() {
        return new this();
      }
      id = request.id;
    }
    const Captured = requestContext.run({ id: 5 }, () => captureContext(Job as unknown as () => Job)) as unknown as
      typeof Job;
    expect(Captured.queue).toBe("default");
    const created = requestContext.run({ id: 6 }, () => Captured.create());
    expect(created).toBeInstanceOf(Job);
    expect(created.id).toBe(5);
    class Sub extends Captured {}
    expect(requestContext.run({ id: 9 }, () => new Sub().id)).toBe(5);
    expect(new Sub()).toBeInstanceOf(Sub);
  });

  test("Function.prototype.toString of a captured function does not throw", () => {
    const captured = captureContext(function named() {});
    expect(typeof Function.prototype.toString.call(captured)).toBe("string");
  });
});
