// One error type for every service. Codecs turn it into the caller's protocol.
export class AwsError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly senderFault: boolean;
  constructor(code: string, message: string, statusCode = 400, senderFault = statusCode < 500) {
    super(message);
    this.name = code;
    this.code = code;
    this.statusCode = statusCode;
    this.senderFault = senderFault;
  }
}

export const validationError = (message: string) => new AwsError("ValidationError", message, 400);
export const missingParameter = (name: string) =>
  new AwsError("MissingParameter", `The request must contain the parameter ${name}.`, 400);
export const invalidParameterValue = (message: string) =>
  new AwsError("InvalidParameterValue", message, 400);
export const resourceNotFound = (message: string, code = "ResourceNotFoundException") =>
  new AwsError(code, message, 404);
export const notImplemented = (service: string, operation: string) =>
  new AwsError("NotImplemented", `${service}.${operation} is a real AWS operation this emulator does not implement yet.`, 501, false);
export const internalError = (message: string) => new AwsError("InternalFailure", message, 500, false);

/** Wraps anything thrown into an AwsError so the gateway never leaks a stack trace. */
export function toAwsError(err: unknown): AwsError {
  if (err instanceof AwsError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return internalError(message);
}
