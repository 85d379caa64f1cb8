// SQS speaks JSON (awsJson1_0 with awsQueryCompatible) and, for old clients, the query protocol.
// The two name some errors differently; the legacy names travel in the x-amzn-query-error header.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-json-faqs.html
import { AwsError } from "../../core/errors.ts";

const QUERY_CODES: Record<string, string> = {
  QueueDoesNotExist: "AWS.SimpleQueueService.NonExistentQueue",
  UnsupportedOperation: "AWS.SimpleQueueService.UnsupportedOperation",
  BatchEntryIdsNotDistinct: "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
  EmptyBatchRequest: "AWS.SimpleQueueService.EmptyBatchRequest",
  TooManyEntriesInBatchRequest: "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
  BatchRequestTooLong: "AWS.SimpleQueueService.BatchRequestTooLong",
  InvalidBatchEntryId: "AWS.SimpleQueueService.InvalidBatchEntryId",
  PurgeQueueInProgress: "AWS.SimpleQueueService.PurgeQueueInProgress",
  QueueDeletedRecently: "AWS.SimpleQueueService.QueueDeletedRecently",
  QueueNameExists: "QueueAlreadyExists",
  ReceiptHandleIsInvalid: "ReceiptHandleIsInvalid",
};

/** An SQS error; `queryCode` is the legacy query-protocol code (defaults to the JSON code). */
export class SqsError extends AwsError {
  readonly queryCode: string;
  constructor(code: string, message: string, statusCode = 400) {
    super(code, message, statusCode);
    this.queryCode = QUERY_CODES[code] ?? code;
  }
}

export const sqsError = (code: string, message: string, statusCode = 400) => new SqsError(code, message, statusCode);

export const queryCodeOf = (err: AwsError) => (err instanceof SqsError ? err.queryCode : (QUERY_CODES[err.code] ?? err.code));

const FAUXQS_PREFIX = "AWS.SimpleQueueService.";

/**
 * fauxqs prefixes every legacy code with "AWS.SimpleQueueService."; AWS does so only for some
 * (NonExistentQueue yes, InvalidParameterValue no). Returns the code AWS would send.
 */
export function legacyCodeFromFauxqs(headerCode: string): string {
  const bare = headerCode.startsWith(FAUXQS_PREFIX) ? headerCode.slice(FAUXQS_PREFIX.length) : headerCode;
  return bare === "NonExistentQueue" ? headerCode : (QUERY_CODES[bare] ?? bare);
}

/** fauxqs's JSON error answer as an AwsError carrying the legacy code it put in x-amzn-query-error. */
export function fromFauxqsJsonError(status: number, body: any, queryHeader: string | string[] | undefined): SqsError {
  const code = String(body?.__type ?? "InternalFailure").split("#").pop() ?? "InternalFailure";
  const err = new SqsError(code, String(body?.message ?? body?.Message ?? "Internal error"), status);
  const legacy = typeof queryHeader === "string" ? legacyCodeFromFauxqs(queryHeader.split(";")[0]) : undefined;
  if (legacy) (err as { queryCode: string }).queryCode = legacy;
  return err;
}
