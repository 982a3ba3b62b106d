/**
 * Client-visible errors. Every error a client may act on carries one of these
 * codes in `extensions.code`; anything else is masked as INTERNAL_SERVER_ERROR.
 */
import { GraphQLError } from "graphql";

export enum ErrorCode {
  BAD_USER_INPUT = "BAD_USER_INPUT",
  NOT_FOUND = "NOT_FOUND",
  CONFLICT = "CONFLICT",
  UNAUTHENTICATED = "UNAUTHENTICATED",
  FORBIDDEN = "FORBIDDEN",
  QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX",
  GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED",
  GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED",
  BAD_REQUEST = "BAD_REQUEST",
  PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND",
  PERSISTED_QUERY_NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED",
  OPERATION_RESOLUTION_FAILURE = "OPERATION_RESOLUTION_FAILURE",
  INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR",
}

/** One problem with one input field; `path` is e.g. `input.events[1].event`. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** An error a client can act on. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
  }
}

/** BAD_USER_INPUT listing every invalid field, so a client can fix them all at once. */
export function badInput(issues: FieldIssue[]): AppError {
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return new AppError(ErrorCode.BAD_USER_INPUT, `${first.path}: ${first.message}${more}`, {
    field: first.path,
    issues,
  });
}

export function notFound(type: string, key: string, path?: string): AppError {
  return new AppError(ErrorCode.NOT_FOUND, `${type} "${key}" does not exist`, {
    type,
    key,
    ...(path ? { field: path } : {}),
  });
}

export function conflict(message: string, extensions: Record<string, unknown> = {}): AppError {
  return new AppError(ErrorCode.CONFLICT, message, extensions);
}

export function unauthenticated(message = "This operation needs an API key: send `Authorization: Bearer <key>`"): AppError {
  return new AppError(ErrorCode.UNAUTHENTICATED, message);
}

export function forbidden(message: string): AppError {
  return new AppError(ErrorCode.FORBIDDEN, message);
}

/** Codes that are safe to show to clients as they are. */
export const PUBLIC_CODES: ReadonlySet<string> = new Set(
  Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
);
