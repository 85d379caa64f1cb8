// CloudWatch's error codes, as the query protocol names them (the JSON protocol sends the same
// code in x-amzn-query-error, which is how SDKs and the CLI read it).
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CommonErrors.html
import { AwsError } from "../../core/errors.ts";

export const invalidParameterValue = (message: string) => new AwsError("InvalidParameterValue", message, 400);
export const invalidParameterCombination = (message: string) => new AwsError("InvalidParameterCombination", message, 400);
export const missingParameter = (name: string) => new AwsError("MissingParameter", `The parameter ${name} is required.`, 400);
export const resourceNotFound = (message: string) => new AwsError("ResourceNotFound", message, 404);
export const dashboardInvalid = (message: string) => new AwsError("InvalidParameterInput", message, 400);
export const limitExceeded = (message: string) => new AwsError("LimitExceeded", message, 400);
export const invalidFormat = (message: string) => new AwsError("InvalidFormat", message, 400);
export const invalidNextToken = () => new AwsError("InvalidNextToken", "The value of NextToken is invalid.", 400);

/** Throws MissingParameter for the first absent (undefined or empty) parameter. */
export function required<T extends object>(input: T, ...names: (keyof T & string)[]) {
  for (const n of names) {
    const v = input[n] as unknown;
    if (v === undefined || v === null || v === "") throw missingParameter(n);
  }
}

/** Offset-based NextToken paging shared by the List/Describe operations. */
export function page<T>(items: T[], max: number, token: string | undefined): { items: T[]; next?: string } {
  let offset = 0;
  if (token) {
    offset = Number(Buffer.from(token, "base64url").toString("utf8"));
    if (!Number.isInteger(offset) || offset < 0) throw invalidNextToken();
  }
  const slice = items.slice(offset, offset + max);
  return { items: slice, next: offset + max < items.length ? Buffer.from(String(offset + max)).toString("base64url") : undefined };
}
