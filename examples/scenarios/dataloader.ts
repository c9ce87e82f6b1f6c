// dataloader — a loader shared by concurrent requests batches the keys loaded in one tick into one call of the batch
// function, scheduled by the first load() of that tick: the batch function runs in the first request's context
// (graphql/dataloader#95), still so in 2.2.3 and by design. Work it does for each caller (an audit record, a
// per-user check) therefore goes in a callback each caller captured when it called load().
import DataLoader from "dataloader";
import { request, safely, type Reply } from "../app/context.js";
import type { Exchange } from "../app/server.js";

interface Lookup {
  userId: string;
  /** Called by the batch function for this caller. */
  audit: () => void;
}

const profiles = new DataLoader<Lookup, string>(
  async (lookups) => lookups.map((lookup) => {
    lookup.audit();
    return `profile of ${lookup.userId}`;
  }),
  { cache: false },
);

// Every request first awaits the settings lookup that concurrent requests share (one in flight at a time, as a cache
// coalesces them); when it resolves, the requests it held all call load() in the same tick, so they are batched.
let settings: Promise<void> | undefined;
function sharedSettings(): Promise<void> {
  settings ??= new Promise<void>((resolve) => setImmediate(resolve)).finally(() => (settings = undefined));
  return settings;
}

/** The callback this request hands off: it reads the current request when it runs. */
export function createCallback(reply: Reply): () => void {
  return /* @unproxy */ () => reply({ id: request.id, user: request.user.id });
}

export function handle(reply: Reply, { fail }: Exchange): void {
  const lookup: Lookup = { userId: request.user.id, audit: safely(createCallback(reply), fail) };
  sharedSettings().then(() => profiles.load(lookup)).catch(fail);
}
