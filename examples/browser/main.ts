// The browser example: a "visit" context read through a context proxy, and callbacks created inside a visit that the
// browser runs later — a timer, an animation frame, a MessageChannel message, a fetch reaction, a click, code after
// an await. Browsers have no AsyncLocalStorage; this runtime's browser build keeps a context for the synchronous
// extent of run() only, so every such callback would find no visit. The plugin resolves `visit` when each callback
// is created, so each one reports the visit it was created in. `npm run demo:browser` serves this page twice:
// compiled by unproxy/babel, and without the plugin, to compare.
import { backendKind, contextProxy, createContext } from "unproxy";

interface Visit {
  id: string;
}

const visitContext = createContext<Visit>("visit");
const visit = contextProxy(visitContext);

export interface Result {
  handOff: string;
  expected: string;
  seen: string;
}

type HandOff = (callback: () => void) => void;

const later = () => new Promise((resolve) => setTimeout(resolve, 5));

function handOffs(button: HTMLButtonElement): Record<string, HandOff> {
  return {
    setTimeout: (callback) => void setTimeout(callback, 5),
    requestAnimationFrame: (callback) => void requestAnimationFrame(() => callback()),
    MessageChannel: (callback) => {
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = () => {
        port1.close();
        callback();
      };
      port2.postMessage("go");
    },
    "fetch().then": (callback) => void fetch("./data.json").then((response) => response.json()).then(() => callback()),
    addEventListener: (callback) => button.addEventListener("click", () => callback(), { once: true }),
    await: (callback) => void (async () => {
      await later();
      callback();
    })(),
  };
}

/**
 * Starts two visits per hand-off, each handing off a callback created inside it; resolves with what each callback
 * saw once all have run (the addEventListener ones when `button` is clicked).
 */
export function runVisits(button: HTMLButtonElement): Promise<Result[]> {
  const pending: Promise<Result>[] = [];
  for (const [handOff, schedule] of Object.entries(handOffs(button))) {
    for (const id of ["first", "second"]) {
      const expected = `${handOff} #${id}`;
      pending.push(new Promise<Result>((settle) => {
        visitContext.run({ id: expected }, () => {
          const read = /* @unproxy */ () => visit.id;
          schedule(() => {
            let seen: string;
            try {
              seen = read();
            } catch (error) {
              seen = `no visit (${(error as { code?: string }).code ?? error})`;
            }
            settle({ handOff, expected, seen });
          });
        });
      }));
    }
  }
  return Promise.all(pending);
}

function render(table: HTMLTableSectionElement, results: Result[]): void {
  table.replaceChildren(...results.map(({ handOff, expected, seen }) => {
    const row = document.createElement("tr");
    for (const text of [handOff, expected, seen, seen === expected ? "✓" : "✗"]) {
      const cell = document.createElement("td");
      cell.textContent = text;
      row.append(cell);
    }
    row.className = seen === expected ? "ok" : "wrong";
    return row;
  }));
}

/** Set by the bundler (examples/browser/serve.mjs): "plugin" or "plain". */
declare const UNPROXY_EXAMPLE_BUILD: string;

declare global {
  interface Window {
    unproxyExample: { backendKind: string; compiled: boolean; results: Promise<Result[]> | undefined };
  }
}

const start = document.querySelector<HTMLButtonElement>("#start")!;
const click = document.querySelector<HTMLButtonElement>("#click")!;
const table = document.querySelector<HTMLTableSectionElement>("#results")!;
const compiled = UNPROXY_EXAMPLE_BUILD === "plugin";
window.unproxyExample = { backendKind, compiled, results: undefined };
document.querySelector("#build")!.textContent =
  `${compiled ? "compiled by unproxy/babel" : "without the plugin"}; runtime backend: ${backendKind}`;
start.addEventListener("click", () => {
  start.disabled = true;
  click.disabled = false;
  const results = runVisits(click);
  window.unproxyExample.results = results;
  void results.then((list) => render(table, list));
});
