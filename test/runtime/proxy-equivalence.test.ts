// Property test: any sequence of ordinary operations gives the same results and leaves the same state whether it
// goes through a context proxy or straight to the object (fast-check; a failure prints its shrunk counterexample).
import fc from "fast-check";
import { contextProxy, createContext, unproxy } from "../../src/runtime/index";

type Bag = Record<string, unknown> | unknown[];

const key = fc.constantFrom("a", "b", "c", "0", "1", "length", "toString", "missing");
const leaf = fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.boolean(), fc.constant(null));
const value = fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(fc.constantFrom("x", "y"), leaf));
const bag: fc.Arbitrary<Bag> = fc.oneof(
  fc.dictionary(fc.constantFrom("a", "b", "c"), value),
  fc.array(value, { maxLength: 4 }),
);

// Each operation takes the subject (proxy or real object) and returns something comparable.
const operation = fc.oneof(
  key.map((k) => ({ name: `get ${k}`, run: (o: any) => (typeof o[k] === "function" ? "fn" : o[k]) })),
  fc.tuple(key.filter((k) => k !== "length"), value).map(([k, v]) => ({
    name: `set ${k}`,
    run: (o: any) => {
      o[k] = structuredClone(v);
      return true;
    },
  })),
  key.map((k) => ({ name: `delete ${k}`, run: (o: any) => delete o[k] })),
  key.map((k) => ({ name: `in ${k}`, run: (o: any) => k in o })),
  key.map((k) => ({
    name: `descriptor ${k}`,
    // Configurability is the one documented difference (reported as configurable through the proxy).
    run: (o: any) => {
      const descriptor = Object.getOwnPropertyDescriptor(o, k);
      return descriptor && { ...descriptor, configurable: undefined };
    },
  })),
  fc.constant({ name: "keys", run: (o: any) => Object.keys(o) }),
  fc.constant({ name: "ownKeys", run: (o: any) => Reflect.ownKeys(o) }),
  fc.constant({ name: "entries", run: (o: any) => Object.entries(o) }),
  fc.constant({ name: "spread", run: (o: any) => ({ ...o }) }),
  fc.constant({ name: "json", run: (o: any) => JSON.stringify(o) }),
  fc.constant({ name: "for-in", run: (o: any) => { const keys = []; for (const k in o) keys.push(k); return keys; } }),
  fc.constant({ name: "prototype", run: (o: any) => Object.getPrototypeOf(o) === Array.prototype }),
  fc.constant({ name: "hasOwnProperty a", run: (o: any) => o.hasOwnProperty("a") }),
  fc.constant({ name: "toString", run: (o: any) => String(o) }),
  fc.constant({
    name: "array ops",
    run: (o: any) => (Array.isArray(unproxy(o)) ? [o.push(1), [...o], o.map((x: unknown) => typeof x), o.pop(), o.length] : "n/a"),
  }),
);

test("operations through a context proxy match the real object", () => {
  const context = createContext<Bag>("bag");
  const proxy = contextProxy(context);
  fc.assert(
    fc.property(bag, fc.array(operation, { maxLength: 12 }), (initial, operations) => {
      const direct = structuredClone(initial);
      const behind = structuredClone(initial);
      const outcome = (subject: Bag) =>
        operations.map((op) => {
          try {
            return { op: op.name, result: op.run(subject) };
          } catch (error) {
            return { op: op.name, error: (error as Error).constructor.name };
          }
        });
      const expected = outcome(direct);
      const actual = context.run(behind, () => outcome(proxy));
      expect(actual).toEqual(expected);
      expect(behind).toEqual(direct);
    }),
    { numRuns: 400, seed: 20261130 },
  );
});
