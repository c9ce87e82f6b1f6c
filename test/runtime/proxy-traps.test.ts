// contextProxy forwards each of the 13 traps to the value bound in the current execution.
import { inspect } from "node:util";
import { contextProxy, createContext, unproxy } from "../../src/runtime/index";

interface User {
  id: number;
  name: string;
  tags?: string[];
}

const userContext = createContext<User>("user");
const user = contextProxy(userContext);

function withUser<R>(value: User, fn: () => R): R {
  return userContext.run(value, fn);
}

describe("each trap forwards to the current value", () => {
  test("get reads the current value's properties, per run", () => {
    expect(withUser({ id: 1, name: "ada" }, () => user.id)).toBe(1);
    expect(withUser({ id: 2, name: "bob" }, () => user.name)).toBe("bob");
  });

  test("set writes to the current value", () => {
    const real = { id: 1, name: "ada" };
    withUser(real, () => {
      user.name = "eve";
    });
    expect(real.name).toBe("eve");
  });

  test("has (`in`) sees the current value's keys and prototype chain", () => {
    withUser({ id: 1, name: "ada" }, () => {
      expect("id" in user).toBe(true);
      expect("missing" in user).toBe(false);
      expect("toString" in user).toBe(true);
    });
  });

  test("deleteProperty removes from the current value", () => {
    const real: User = { id: 1, name: "ada", tags: [] };
    withUser(real, () => {
      expect(delete user.tags).toBe(true);
    });
    expect("tags" in real).toBe(false);
  });

  test("defineProperty defines on the current value (configurable or left unspecified)", () => {
    const real = { id: 1, name: "ada" } as User & { extra?: number; fixed?: number };
    withUser(real, () => {
      Object.defineProperty(user, "extra", { value: 7, configurable: true, enumerable: true, writable: true });
      Object.defineProperty(user, "fixed", { value: 8 });
    });
    expect(real.extra).toBe(7);
    expect(Object.getOwnPropertyDescriptor(real, "fixed")).toEqual({
      value: 8,
      writable: false,
      enumerable: false,
      configurable: false,
    });
  });

  test("getOwnPropertyDescriptor reports the value's descriptor (non-configurable ones as configurable)", () => {
    const frozen = Object.freeze({ id: 3, name: "cy" });
    withUser(frozen, () => {
      expect(Object.getOwnPropertyDescriptor(user, "id")).toEqual({
        value: 3,
        writable: false,
        enumerable: true,
        configurable: true,
      });
      expect(Object.getOwnPropertyDescriptor(user, "missing")).toBeUndefined();
    });
  });

  test("ownKeys: Object.keys, spread, Object.entries, for...in and JSON.stringify", () => {
    const sym = Symbol("s");
    const real = { id: 1, name: "ada", [sym]: true };
    withUser(real, () => {
      expect(Object.keys(user)).toEqual(["id", "name"]);
      expect(Reflect.ownKeys(user)).toEqual(["id", "name", sym]);
      expect({ ...user }).toEqual(real);
      expect(Object.entries(user)).toEqual([
        ["id", 1],
        ["name", "ada"],
      ]);
      const seen: string[] = [];
      for (const key in user) seen.push(key);
      expect(seen).toEqual(["id", "name"]);
      expect(JSON.stringify(user)).toBe('{"id":1,"name":"ada"}');
      expect(JSON.stringify({ user })).toBe('{"user":{"id":1,"name":"ada"}}');
    });
  });

  test("getPrototypeOf and instanceof follow the current value", () => {
    class Admin {
      id = 9;
      name = "root";
    }
    withUser(new Admin(), () => {
      expect(Object.getPrototypeOf(user)).toBe(Admin.prototype);
      expect(user instanceof Admin).toBe(true);
    });
    withUser({ id: 1, name: "ada" }, () => {
      expect(user instanceof Admin).toBe(false);
    });
  });

  test("setPrototypeOf changes the current value's prototype", () => {
    const real = { id: 1, name: "ada" };
    const proto = { role: "admin" };
    withUser(real, () => {
      Object.setPrototypeOf(user, proto);
    });
    expect(Object.getPrototypeOf(real)).toBe(proto);
  });

  test("isExtensible is true for an extensible value; non-extensible values refuse with R007", () => {
    withUser({ id: 1, name: "ada" }, () => {
      expect(Object.isExtensible(user)).toBe(true);
      expect(Object.isFrozen(user)).toBe(false);
    });
    withUser(Object.freeze({ id: 1, name: "ada" }), () => {
      expect(() => Object.isFrozen(user)).toThrow(expect.objectContaining({ code: "UNPROXY_R007" }));
    });
  });

  test("preventExtensions (and freeze, seal) refuse with R006 and leave the value untouched", () => {
    const real = { id: 1, name: "ada" };
    withUser(real, () => {
      expect(() => Object.preventExtensions(user)).toThrow(expect.objectContaining({ code: "UNPROXY_R006" }));
      expect(() => Object.freeze(user)).toThrow(TypeError);
      expect(() => Object.seal(user)).toThrow(TypeError);
    });
    expect(Object.isExtensible(real)).toBe(true);
    expect(Object.isFrozen(real)).toBe(false);
  });

  test("defineProperty with configurable: false refuses with R008 before touching the value", () => {
    const real = { id: 1, name: "ada" };
    withUser(real, () => {
      expect(() => Object.defineProperty(user, "locked", { value: 1, configurable: false })).toThrow(
        expect.objectContaining({ code: "UNPROXY_R008" }),
      );
    });
    expect("locked" in real).toBe(false);
  });

  test("apply calls a function value with the given this and arguments", () => {
    const fnContext = createContext<(a: number, b: number) => number>("fn");
    const fn = contextProxy(fnContext);
    const holder = {
      base: 100,
      fn,
    };
    fnContext.run(
      function (this: { base: number } | undefined, a: number, b: number) {
        return (this?.base ?? 0) + a + b;
      },
      () => {
        expect(fn(1, 2)).toBe(3);
        expect(holder.fn(1, 2)).toBe(103);
        expect(fn.call({ base: 10 }, 1, 2)).toBe(13);
        expect(fn.apply(undefined, [4, 5])).toBe(9);
      },
    );
  });

  test("construct: new on a class value, subclassing it, new.target", () => {
    class Point {
      constructor(
        public x: number,
        public y: number,
      ) {}
      sum() {
        return this.x + this.y;
      }
    }
    const classContext = createContext<typeof Point>("Point");
    const PointProxy = contextProxy(classContext);
    classContext.run(Point, () => {
      const p = new PointProxy(1, 2);
      expect(p).toBeInstanceOf(Point);
      expect(p.sum()).toBe(3);
      expect(p instanceof PointProxy).toBe(true);
      class Point3 extends PointProxy {
        z = 3;
      }
      const q = new Point3(1, 2);
      expect(q.sum() + q.z).toBe(6);
      expect(Object.getPrototypeOf(Point3.prototype)).toBe(Point.prototype);
    });
  });
});

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
