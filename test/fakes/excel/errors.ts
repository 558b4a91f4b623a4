/**
 * An error shaped like `OfficeExtension.Error`: a stable `code`, a `message`, and `debugInfo`.
 * The adapter must only rely on `code` (that is what Office documents as stable).
 */
export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  readonly traceMessages: string[] = [];
  readonly innerError: null = null;

  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

/** Messages worded like Office's own, so a test that prints one reads like the real thing. */
export const fakeErrors = {
  propertyNotLoaded: (property: string) =>
    new FakeOfficeError(
      "PropertyNotLoaded",
      `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    ),
  valueNotLoaded: () =>
    new FakeOfficeError(
      "ValueNotLoaded",
      `The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.`,
    ),
  itemNotFound: (what: string) => new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist. (${what})`),
  invalidArgument: (what: string) =>
    new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. (${what})`),
  accessDenied: (what: string) => new FakeOfficeError("AccessDenied", `You cannot perform the requested operation. (${what})`),
  apiNotFound: (member: string, version: string) =>
    new FakeOfficeError(
      "ApiNotFound",
      `The API you are trying to use could not be found. It may be available in a newer version of Excel. (${member} needs ExcelApi ${version})`,
    ),
  requestTooLarge: (bytes: number, limit: number) =>
    new FakeOfficeError("RequestPayloadSizeLimitExceeded", `The request payload size has exceeded the limit (${bytes} > ${limit} bytes).`),
  responseTooLarge: (bytes: number, limit: number) =>
    new FakeOfficeError(
      "ResponsePayloadSizeLimitExceeded",
      `The response payload size has exceeded the limit (${bytes} > ${limit} bytes).`,
    ),
};
