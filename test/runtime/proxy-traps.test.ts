// contextProxy forwards each of the 13 traps to the value bound in the current execution.
import { contextProxy, createContext } from "../../src/runtime/index";

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
      // new.target is the real class for `new PointProxy()`, the subclass for `new Point3()`.
      let seen: unknown;
      class Probe {
        constructor() {
          seen = new.target;
        }
      }
      classContext.run(Probe as unknown as typeof Point, () => {
        new PointProxy(0, 0);
        expect(seen).toBe(Probe);
      });
    });
  });
});
