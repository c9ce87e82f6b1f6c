// What a marked closure created while modules are still loading receives for an imported name. In an import cycle the
// binding may not be initialised yet: reading it at creation would throw a ReferenceError the program itself meets
// only if the closure runs before the exporting module finishes. Then the closure gets a live stand-in that reads the
// binding each time it is used, as the unmarked closure would have.
import { unproxy, unproxyIfBound } from "./protocol.js";
import { contextProxy } from "./proxy.js";

export function unproxyImport<T>(read: () => T, keepIfUnbound?: boolean): T {
  let value: T;
  try {
    value = read();
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return contextProxy(read as () => object, { name: "import (not yet initialised)" }) as T;
  }
  return keepIfUnbound ? unproxyIfBound(value) : unproxy(value);
}
