// contextProxy over values that need more than plain forwarding: internal slots, #private fields, arrays, functions
// with properties, and the holes no Proxy can close.
import { inspect } from "node:util";
import { contextProxy, createContext, unproxy } from "../../src/runtime/index";

interface User {
  id: number;
  name: string;
}

const userContext = createContext<User>("user");
const user = contextProxy(userContext);

function withUser<R>(value: User, fn: () => R): R {
  return userContext.run(value, fn);
}

describe("values with internal slots or private fields", () => {
  test("Map, Set, Date, RegExp methods run against the real object", () => {
    const ctx = createContext<{ map: Map<string, number> }>("holder");
    const map = contextProxy(() => ctx.tryGet()?.map, { name: "map" });
    ctx.run({ map: new Map([["a", 1]]) }, () => {
      expect(map.get("a")).toBe(1);
      map.set("b", 2);
      expect(map.size).toBe(2);
      expect([...map]).toEqual([
        ["a", 1],
        ["b", 2],
      ]);
      expect([...map.keys()]).toEqual(["a", "b"]);
    });
    const dates = createContext<Date>("date");
    const date = contextProxy(dates);
    dates.run(new Date(86_400_000), () => {
      expect(date.getTime()).toBe(86_400_000);
      expect(date.toISOString()).toBe("1970-01-02T00:00:00.000Z");
      expect(+date).toBe(86_400_000);
      expect(`${date.getUTCFullYear()}`).toBe("1970");
    });
    const sets = createContext<Set<number>>("set");
    const set = contextProxy(sets);
    sets.run(new Set([1, 2]), () => {
      expect(set.has(2)).toBe(true);
      expect(set.size).toBe(2);
    });
  });

  test("a promise value: .then and await", async () => {
    const promises = createContext<Promise<number>>("promise");
    const promise = contextProxy(promises);
    await promises.run(Promise.resolve(42), async () => {
      await expect(promise.then((n) => n + 1)).resolves.toBe(43);
      expect(await promise).toBe(42);
    });
  });

  test("a class instance with #private fields calls its own methods, getters and setters", () => {
    class Account {
      #balance = 10;
      static isAccount(value: unknown): boolean {
        return typeof value === "object" && value !== null && #balance in value;
      }
      deposit(amount: number): number {
        this.#balance += amount;
        return this.#balance;
      }
      get balance(): number {
        return this.#balance;
      }
      set balance(value: number) {
        this.#balance = value;
      }
    }
    const accounts = createContext<Account>("account");
    const account = contextProxy(accounts);
    const real = new Account();
    accounts.run(real, () => {
      expect(account.deposit(5)).toBe(15);
      expect(account.balance).toBe(15);
      account.balance = 1;
      expect(real.balance).toBe(1);
      // The one thing a Proxy cannot pass for: brand checks on the proxy object itself.
      expect(Account.isAccount(account)).toBe(false);
      expect(Account.isAccount(unproxy(account))).toBe(true);
    });
  });

  test("method wrappers are stable, keep their properties, and leave an explicit this alone", () => {
    const ctx = createContext<Map<string, number>>("map");
    const map = contextProxy(ctx);
    ctx.run(new Map([["a", 1]]), () => {
      expect(map.get).toBe(map.get);
      expect(map.get.name).toBe("get");
      expect(map.get.length).toBe(1);
      const other = new Map([["a", 2]]);
      expect(map.get.call(other, "a")).toBe(2);
      // constructor is returned as is, so identity checks against the class hold.
      expect(map.constructor).toBe(Map);
    });
    const fnProps = createContext<{ app: ((x: number) => number) & { locals: { title: string } } }>("req");
    const req = contextProxy(fnProps);
    const app = Object.assign((x: number) => x * 2, { locals: { title: "t" } });
    fnProps.run({ app }, () => {
      expect(req.app(2)).toBe(4);
      expect(req.app.locals.title).toBe("t");
    });
  });
});

describe("arrays, functions and other value kinds", () => {
  test("an array value: for...of, spread, index, length, methods, JSON", () => {
    const lists = createContext<number[]>("list");
    const list = contextProxy(lists);
    lists.run([1, 2, 3], () => {
      const seen: number[] = [];
      for (const n of list) seen.push(n);
      expect(seen).toEqual([1, 2, 3]);
      expect([...list]).toEqual([1, 2, 3]);
      expect(list[1]).toBe(2);
      expect(list.length).toBe(3);
      expect(list.map((n) => n * 2)).toEqual([2, 4, 6]);
      expect(Object.keys(list)).toEqual(["0", "1", "2"]);
      expect(JSON.stringify(list)).toBe("[1,2,3]");
      expect(Array.from(list)).toEqual([1, 2, 3]);
      list.push(4);
      expect(unproxy(list)).toEqual([1, 2, 3, 4]);
    });
  });

  test("a value with its own toJSON keeps it", () => {
    const dates = createContext<Date>("date");
    const date = contextProxy(dates);
    dates.run(new Date(0), () => {
      expect(JSON.stringify({ at: date })).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
    });
  });

  test("util.inspect (console.log) shows the current value, or that the proxy is unbound", () => {
    expect(inspect(user)).toBe('[context proxy "user": unbound]');
    withUser({ id: 1, name: "ada" }, () => {
      expect(inspect(user)).toBe("{ id: 1, name: 'ada' }");
      expect(inspect({ user })).toBe("{ user: { id: 1, name: 'ada' } }");
    });
  });

  test("the documented holes: typeof, Array.isArray and identity are the proxy's, unproxy() closes them", () => {
    const lists = createContext<number[]>("list");
    const list = contextProxy(lists);
    const real = [1];
    lists.run(real, () => {
      expect(typeof list).toBe("function");
      expect(Array.isArray(list)).toBe(false);
      expect(list === real).toBe(false);
      expect(() => structuredClone(list)).toThrow();
      expect(typeof unproxy(list)).toBe("object");
      expect(Array.isArray(unproxy(list))).toBe(true);
      expect(unproxy(list)).toBe(real);
      expect(structuredClone(unproxy(list))).toEqual([1]);
    });
  });

  test("a proxy in another object's prototype chain keeps that object as receiver", () => {
    const real = {
      id: 1,
      name: "ada",
      get label() {
        return `#${(this as { id: number }).id}`;
      },
    };
    withUser(real, () => {
      const child = Object.create(user) as typeof real;
      Object.defineProperty(child, "id", { value: 2, writable: true });
      expect(child.label).toBe("#2");
      child.name = "own";
      expect(real.name).toBe("ada");
      expect(Object.getOwnPropertyDescriptor(child, "name")?.value).toBe("own");
    });
  });
});
