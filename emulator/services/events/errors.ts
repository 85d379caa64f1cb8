// EventBridge's error codes, as its API reference names them.
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/CommonErrors.html
import { AwsError } from "../../core/errors.ts";

export const validation = (message: string) => new AwsError("ValidationException", message, 400);
export const notFound = (message: string) => new AwsError("ResourceNotFoundException", message, 400);
export const invalidPattern = (reason: string) => new AwsError("InvalidEventPatternException", `Event pattern is not valid. Reason: ${reason}`, 400);
export const limitExceeded = (message: string) => new AwsError("LimitExceededException", message, 400);
