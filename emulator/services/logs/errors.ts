// CloudWatch Logs answers every client error with HTTP 400 and one of these codes.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/CommonErrors.html
import { AwsError } from "../../core/errors.ts";

export const invalidParameter = (message: string) => new AwsError("InvalidParameterException", message, 400);
export const groupNotFound = () => new AwsError("ResourceNotFoundException", "The specified log group does not exist.", 400);
export const streamNotFound = () => new AwsError("ResourceNotFoundException", "The specified log stream does not exist.", 400);
export const alreadyExists = (what: "log group" | "log stream") => new AwsError("ResourceAlreadyExistsException", `The specified ${what} already exists`, 400);

/** Throws InvalidParameterException naming the first absent parameter. */
export function required<T extends object>(input: T, ...names: (keyof T & string)[]) {
  for (const n of names) {
    const v = input[n] as unknown;
    if (v === undefined || v === null || v === "") throw invalidParameter(`1 validation error detected: Value null at '${n}' failed to satisfy constraint: Member must not be null`);
  }
}

/** Opaque tokens: base64url JSON. */
export const encodeToken = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
export function decodeToken<T>(token: string, check: (v: any) => boolean): T {
  try {
    const v = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (check(v)) return v as T;
  } catch {}
  throw invalidParameter("The specified nextToken is invalid.");
}
