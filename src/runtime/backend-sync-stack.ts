// Fallback backend (browsers without AsyncContext): a value is visible for the synchronous extent of run() only.
// Async hand-offs need captureContext() or the Babel plugin, which snapshot the slots below.
import type { Backend, Frame, Slot, SnapshotRunner } from "./backend.js";

interface StackSlot extends Slot {
  current: Frame | undefined;
}

export function createSyncStackBackend(): Backend {
  // Every live slot, so that a snapshot can restore all of them (the ones unbound at capture too). WeakRefs: a
  // context that is garbage can no longer be read, so it need not be restored, and must not be kept alive.
  const slots: WeakRef<StackSlot>[] = [];

  function slot(): Slot {
    const s: StackSlot = {
      current: undefined,
      getStore: () => s.current,
      run(frame, fn, ...args) {
        const outer = s.current;
        s.current = frame;
        try {
          return fn(...args);
        } finally {
          s.current = outer;
        }
      },
    };
    slots.push(new WeakRef(s));
    return s;
  }

  function snapshot(): SnapshotRunner {
    const captured: StackSlot[] = [];
    const frames: (Frame | undefined)[] = [];
    for (let i = slots.length - 1; i >= 0; i--) {
      const s = slots[i]!.deref();
      if (s === undefined) slots.splice(i, 1);
      else captured.push(s), frames.push(s.current);
    }
    // Slots created after the snapshot are left as they are: the snapshot cannot know them.
    return (fn, thisArg, args) => {
      const outer = captured.map((s) => s.current);
      captured.forEach((s, i) => (s.current = frames[i]));
      try {
        return Reflect.apply(fn, thisArg, args);
      } finally {
        captured.forEach((s, i) => (s.current = outer[i]));
      }
    };
  }

  return { kind: "sync-stack", slot, snapshot };
}

export const syncStackBackend: Backend = /*#__PURE__*/ createSyncStackBackend();
