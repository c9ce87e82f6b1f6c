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

/**
 * fn, except that a throw answers the request with the error (the server sends it as a 500) instead of escaping
 * into the library that called fn, where it would crash the process. With no capture, a callback that runs where no
 * request is current throws UnboundContextError from the proxy: that is the "lost" column of the demo.
 */
export function safely<A extends unknown[]>(fn: (...args: A) => void, fail: (error: unknown) => void): (...args: A) => void {
  return (...args) => {
    try {
      fn(...args);
    } catch (error) {
      fail(error);
    }
  };
}
