// The holes table in docs/runtime.md, pinned: what each operation does through a context proxy, and the fix. A row
// changes only together with this file.
import { EventEmitter } from "node:events";
import { writeSync, openSync, closeSync, readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { format, inspect } from "node:util";
import { contextProxy, createContext, unproxy } from "../../src/runtime/index";

const bufferContext = createContext<Buffer>("holes:buffer");
const buffer = contextProxy(bufferContext);
const valueContext = createContext<Record<string, unknown>>("holes:value");
const value = contextProxy(valueContext);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return "no error";
}

describe("typed arrays and Buffers passed to Node APIs: refused loudly, never misread", () => {
  const hello = Buffer.from("hello");

  test.each([
    ["Buffer.from", () => Buffer.from(buffer)],
    ["Buffer.concat", () => Buffer.concat([buffer])],
    ["TextDecoder#decode", () => new TextDecoder().decode(buffer)],
    ["fs.writeSync", () => writeSync(1, buffer)],
  ])("%s throws ERR_INVALID_ARG_TYPE; unproxy() first works", (_name, use) => {
    expect(bufferContext.run(hello, () => codeOf(use))).toBe("ERR_INVALID_ARG_TYPE");
  });

  test("the fix: unproxy(buffer)", () => {
    const file = join(mkdtempSync(join(tmpdir(), "unproxy-holes-")), "out.bin");
    const fd = openSync(file, "w");
    bufferContext.run(hello, () => {
      expect(Buffer.from(unproxy(buffer)).toString()).toBe("hello");
      expect(new TextDecoder().decode(unproxy(buffer))).toBe("hello");
      writeSync(fd, unproxy(buffer));
    });
    closeSync(fd);
    expect(readFileSync(file, "utf8")).toBe("hello");
  });

  test("array-like reads still work through the proxy (new Uint8Array copies element by element)", () => {
    expect(bufferContext.run(hello, () => [...new Uint8Array(buffer)])).toEqual([...hello]);
  });
});

describe("function-valued properties", () => {
  test("come back as one stable wrapper per proxy, not the value's own function object", () => {
    const onData = () => {};
    valueContext.run({ onData }, () => {
      expect(value.onData).toBe(value.onData);
      expect(value.onData).not.toBe(onData);
      expect(unproxy(value).onData).toBe(onData);
    });
  });

  test("removeListener with the other one fails; use the same side for on and off, or unproxy()", () => {
    const emitter = new EventEmitter();
    const onData = () => {};
    valueContext.run({ onData }, () => {
      emitter.on("data", value.onData as () => void);
      emitter.removeListener("data", onData);
      expect(emitter.listenerCount("data")).toBe(1); // the documented hole
      emitter.removeListener("data", value.onData as () => void);
      expect(emitter.listenerCount("data")).toBe(0);
      emitter.on("data", unproxy(value).onData as () => void);
      emitter.removeListener("data", onData);
      expect(emitter.listenerCount("data")).toBe(0);
    });
  });
});

describe("formatting", () => {
  test('util.format("%s", proxy) gives String(value), as for any function; %o, %j and console.log show the value', () => {
    valueContext.run({ a: 1 }, () => {
      expect(format("%s", value)).toBe("[object Object]");
      expect(format("%s", unproxy(value))).toBe("{ a: 1 }");
      expect(format("%j", value)).toBe('{"a":1}');
      expect(format("%O", value)).toBe("{ a: 1 }");
      expect(inspect(value)).toBe("{ a: 1 }");
    });
  });

  test("util.inspect with showProxy shows the value and the proxy's name, not its internals", () => {
    valueContext.run({ a: 1 }, () => {
      expect(inspect(value, { showProxy: true })).toBe('Proxy [ { a: 1 }, [context proxy handler "holes:value"] ]');
    });
    expect(inspect(value, { showProxy: true, breakLength: Infinity })).toBe(
      'Proxy [ [context proxy "holes:value": unbound], [context proxy handler "holes:value"] ]',
    );
  });
});

describe("JSON.stringify", () => {
  test("a value whose toJSON is not a function serialises as the value does", () => {
    for (const toJSON of [5, null, "x", { nested: true }, false]) {
      const real = { a: 1, toJSON };
      valueContext.run(real, () => {
        expect(JSON.stringify(value)).toBe(JSON.stringify(real));
        expect(JSON.stringify({ wrapped: value })).toBe(JSON.stringify({ wrapped: real }));
      });
    }
  });

  test("a value with a toJSON method, and one without, serialise as the value does", () => {
    const dated = { when: new Date(0), toJSON() { return "custom"; } };
    valueContext.run(dated, () => expect(JSON.stringify(value)).toBe('"custom"'));
    valueContext.run({ a: [1, { b: 2 }] }, () => expect(JSON.stringify(value)).toBe('{"a":[1,{"b":2}]}'));
  });

  test("the price: reading proxy.toJSON gives a function that returns the value, whatever the value holds there", () => {
    valueContext.run({ toJSON: 5 }, () => {
      expect(typeof value.toJSON).toBe("function");
      expect((value.toJSON as () => unknown)()).toBe(unproxy(value));
    });
  });
});
