// Lambda's error codes and messages, as the real service words them.
// https://docs.aws.amazon.com/lambda/latest/api/CommonErrors.html
import { AwsError } from "../../core/errors.ts";

export const functionNotFound = (arn: string) => new AwsError("ResourceNotFoundException", `Function not found: ${arn}`, 404);
export const resourceNotFound = (message: string) => new AwsError("ResourceNotFoundException", message, 404);
export const resourceConflict = (message: string) => new AwsError("ResourceConflictException", message, 409);
export const invalidParameter = (message: string) => new AwsError("InvalidParameterValueException", message, 400);
export const preconditionFailed = () =>
  new AwsError("PreconditionFailedException", "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id", 412);

/** Model constraint failures, worded like AWS's request validator. */
export const constraintViolation = (field: string, value: unknown, constraint: string) =>
  new AwsError("ValidationException", `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must ${constraint}`, 400);
