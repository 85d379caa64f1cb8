// X-Ray's client error: every bad request is an InvalidRequestException.
// https://docs.aws.amazon.com/xray/latest/api/CommonErrors.html
import { AwsError } from "../../core/errors.ts";

export const invalidRequest = (message: string) => new AwsError("InvalidRequestException", message, 400);
