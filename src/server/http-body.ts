/**
 * Reads a request's JSON body, within a size limit, for the GraphQL endpoint.
 *
 * Only `application/json` bodies are read: anything else is left to Apollo,
 * whose CSRF prevention refuses the simple requests a browser may send
 * cross-site (text/plain, forms). Bodies compressed with gzip, deflate or
 * brotli are inflated, and the limit applies to what they inflate to.
 */
import { IncomingMessage } from "node:http";
import { Readable, Writable } from "node:stream";
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
 * The body's text, refused past `limit` bytes. Past the limit the request is
 * read to its end and dropped rather than destroyed (destroying it closes the
 * socket, and the client would never see the 413); a decompressor is stopped
 * there, so a small compressed body cannot make the server inflate gigabytes.
 */
function readText(req: IncomingMessage, stream: Readable, limit: number, tooLarge: () => Error): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    stream.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      refused = true;
      chunks.length = 0;
      if (stream !== req) {
        req.unpipe(stream as unknown as Writable);
        stream.destroy();
        req.resume();
      }
      reject(tooLarge());
    });
    stream.once("end", () => refused || resolve(Buffer.concat(chunks, size).toString("utf8")));
    stream.once("error", (err) => refused || reject(new HttpError(400, `The request body could not be read (${err.message})`)));
  });
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

  const text = await readText(req, decoded(req), limit, tooLarge);
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
