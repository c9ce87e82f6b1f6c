// Fallback backend (browsers without AsyncContext): a value is visible for the synchronous extent of run() only.
// Async hand-offs need captureContext() or the Babel plugin, which snapshot the slots below.
import type { Backend, Frame, Slot, SnapshotRunner } from "./backend.js";

interface StackSlot extends Slot {
  current: Frame | undefined;
}

function createSyncStackBackend(): Backend {
  // Every slot of this backend, so that a snapshot can restore all of them (also the ones unbound at capture).
  const slots: StackSlot[] = [];

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
    slots.push(s);
    return s;
  }

  function snapshot(): SnapshotRunner {
    const captured = slots.map((s) => s.current);
    return (fn, thisArg, args) => {
      // Slots created after the snapshot stay as they are: the snapshot cannot know them.
      const count = captured.length;
      const outer = slots.slice(0, count).map((s) => s.current);
      for (let i = 0; i < count; i++) slots[i]!.current = captured[i];
      try {
        return Reflect.apply(fn, thisArg, args);
      } finally {
        for (let i = 0; i < count; i++) slots[i]!.current = outer[i];
      }
    };
  }

  return { kind: "sync-stack", slot, snapshot };
}

export const syncStackBackend: Backend = createSyncStackBackend();
export { createSyncStackBackend };
