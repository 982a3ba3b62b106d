/**
 * Reads a request's JSON body, within a size limit, for the GraphQL endpoint.
 *
 * Only `application/json` bodies are read: anything else is left to Apollo,
 * whose CSRF prevention refuses the simple requests a browser may send
 * cross-site (text/plain, forms). Bodies compressed with gzip, deflate or
 * brotli are inflated, and the limit applies to what they inflate to.
 */
import { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import zlib from "node:zlib";

/** A request the server refuses before GraphQL sees it: HTTP status and a message for the client. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const JSON_TYPE = /^application\/json\s*(?:;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

function decoded(req: IncomingMessage): Readable {
  const encoding = (req.headers["content-encoding"] ?? "identity").toLowerCase();
  if (encoding === "identity") return req;
  if (encoding === "gzip" || encoding === "x-gzip") return req.pipe(zlib.createGunzip());
  if (encoding === "deflate") return req.pipe(zlib.createInflate());
  if (encoding === "br") return req.pipe(zlib.createBrotliDecompress());
  throw new HttpError(415, `Content-Encoding "${encoding}" is not supported`);
}

/**
 * The parsed body of a JSON request (`{}` when empty), or undefined when the
 * request is not JSON. Throws HttpError: 413 over `limit` bytes, 400 when the
 * body is not a JSON object or array, 415 for another charset or encoding.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers["content-type"];
  if (!type || !JSON_TYPE.test(type)) return undefined;
  const charset = CHARSET.exec(type)?.[1].toLowerCase();
  if (charset && charset !== "utf-8" && charset !== "utf8") throw new HttpError(415, `Charset "${charset}" is not supported; send UTF-8`);
  const tooLarge = () => new HttpError(413, `Request body is larger than ${limit} bytes`);
  if (Number(req.headers["content-length"]) > limit && !req.headers["content-encoding"]) throw tooLarge();

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of decoded(req)) {
    size += (chunk as Buffer).length;
    // Stop reading: what is left of the body is discarded once the answer is sent.
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks, size).toString("utf8");
  const start = text.trimStart()[0];
  if (start === undefined) return {};
  // As express.json's strict mode: a GraphQL request is an object (or a batch).
  if (start !== "{" && start !== "[") throw new HttpError(400, "The request body is not valid JSON");
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse's message would echo fragments of the body back.
    throw new HttpError(400, "The request body is not valid JSON");
  }
}
