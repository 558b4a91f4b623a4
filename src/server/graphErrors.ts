/**
 * Graph-shaped errors.
 *
 * Every failure the list server reports uses the Microsoft Graph error envelope:
 *   {"error":{"code":…,"message":…,"innerError":{"date":…,"request-id":…,"client-request-id":…}}}
 * Code strings follow what Graph/SharePoint send for the same situation
 * (itemNotFound, invalidRequest, resourceModified, nameAlreadyExists, resyncRequired,
 * activityLimitReached, InvalidAuthenticationToken, …).
 */

export class GraphError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = "GraphError";
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** Graph writes innerError.date without fraction or zone, e.g. "2025-02-13T10:17:05". */
export function graphErrorDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 19);
}

export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: { date: string; "request-id": string; "client-request-id": string };
  };
}

export function graphErrorBody(code: string, message: string, requestId: string, clientRequestId: string): GraphErrorBody {
  return {
    error: {
      code,
      message,
      innerError: { date: graphErrorDate(), "request-id": requestId, "client-request-id": clientRequestId },
    },
  };
}

// Small constructors for the errors the server raises most often.
export const badRequest = (message: string, code = "invalidRequest"): GraphError => new GraphError(400, code, message);
export const notFound = (message = "The resource could not be found.", code = "itemNotFound"): GraphError =>
  new GraphError(404, code, message);
export const conflict = (message: string, code = "nameAlreadyExists"): GraphError => new GraphError(409, code, message);
export const preconditionFailed = (): GraphError =>
  new GraphError(412, "resourceModified", "The resource has changed since the caller last read it; usually an eTag mismatch");
export const methodNotAllowed = (): GraphError =>
  new GraphError(405, "BadRequest", "Specified HTTP method is not allowed for the request target.");
