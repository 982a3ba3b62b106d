/**
 * CORS for the GraphQL endpoint: which browser origins may call it and read
 * its answers. The configured origins get their own origin back in
 * `Access-Control-Allow-Origin` (`*` in the configuration lets every origin
 * in); any other origin gets no grant, so the browser keeps the answer from it.
 */
import { IncomingMessage, ServerResponse } from "node:http";

const ALLOWED_METHODS = "GET,HEAD,POST,OPTIONS";
const ALLOWED_HEADERS = "content-type,authorization,x-request-id,apollo-require-preflight";
const EXPOSED_HEADERS = "x-request-id,x-sql-statements";
/** Seconds a browser may cache a preflight's answer. */
const MAX_AGE = "600";

/**
 * Returns a handler that sets the CORS headers of a request's response and
 * answers a preflight (OPTIONS) itself, returning true when it did.
 */
export function corsPolicy(origins: readonly string[]): (req: IncomingMessage, res: ServerResponse) => boolean {
  const anyOrigin = origins.includes("*");
  const allowed = new Set(origins);
  return (req, res) => {
    const origin = req.headers.origin;
    // The answer depends on the Origin header: caches must keep one per origin.
    res.setHeader("vary", "Origin");
    const granted = origin !== undefined && (anyOrigin || allowed.has(origin));
    if (granted) res.setHeader("access-control-allow-origin", origin);
    if (req.method !== "OPTIONS") {
      if (granted) res.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
      return false;
    }
    if (granted) {
      res.setHeader("access-control-allow-methods", ALLOWED_METHODS);
      res.setHeader("access-control-allow-headers", ALLOWED_HEADERS);
      res.setHeader("access-control-max-age", MAX_AGE);
    }
    res.statusCode = 204;
    res.setHeader("content-length", "0");
    res.end();
    return true;
  };
}
