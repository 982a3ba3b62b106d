/** Structured JSON logs (pino); each request logs with its request id. */
import pino, { Logger } from "pino";

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "stancegraph" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: ["req.headers.authorization", "headers.authorization"],
  });
}
