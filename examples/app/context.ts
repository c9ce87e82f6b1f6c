// The request context of the demo app: handlers read the current request through `request`, a context proxy,
// the way Flask code reads `flask.request` — no request object is passed around.
import { contextProxy, createContext } from "unproxy";

export interface DemoRequest {
  id: string;
  user: { id: string };
}

/** What a callback saw through the proxy when it ran; the server sends it back to the client. */
export interface Seen {
  id: string;
  user: string;
}

export type Reply = (seen: Seen) => void;

export const requestContext = createContext<DemoRequest>("request");
export const request = contextProxy(requestContext);
