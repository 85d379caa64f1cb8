import type { AddPermissionRequest, AddPermissionResponse } from "@aws-sdk/client-lambda";
import type { RequestContext } from "../../../core/service.ts";
import type { LambdaContext } from "../context.ts";
import { constraintViolation, resourceConflict } from "../errors.ts";
import { checkRevision } from "../functions.ts";

/**
 * Adds a statement to the function's resource-based policy, in the form GetPolicy returns it.
 * https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
 */
export function addPermission(input: AddPermissionRequest, ctx: RequestContext, lambda: LambdaContext) {
  const rec = lambda.store.get(input.FunctionName, ctx, input.Qualifier);
  checkRevision(rec, input.RevisionId);
  if (!/^[a-zA-Z0-9-_]{1,100}$/.test(input.StatementId ?? "")) throw constraintViolation("statementId", input.StatementId ?? "null", "satisfy regular expression pattern: ([a-zA-Z0-9-_]+)");
  if (!/^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/.test(input.Action ?? "")) throw constraintViolation("action", input.Action ?? "null", "satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])");
  if (!/^[^\s]+$/.test(input.Principal ?? "")) throw constraintViolation("principal", input.Principal ?? "null", "satisfy regular expression pattern: [^\\s]+");
  if (rec.policy.some((s) => s.Sid === input.StatementId)) {
    throw resourceConflict("The statement id (sid) provided already exists. Please specify a new statement id, or remove the existing statement.");
  }
  const p = input.Principal!;
  const principal = p === "*" ? "*" : /^\d{12}$/.test(p) ? { AWS: `arn:aws:iam::${p}:root` } : p.startsWith("arn:") ? { AWS: p } : { Service: p };
  const condition: Record<string, Record<string, string>> = {};
  if (input.SourceAccount) condition.StringEquals = { "AWS:SourceAccount": input.SourceAccount };
  if (input.SourceArn) condition.ArnLike = { "AWS:SourceArn": input.SourceArn };
  if (input.PrincipalOrgID) condition.StringEquals = { ...condition.StringEquals, "aws:PrincipalOrgID": input.PrincipalOrgID };
  if (input.EventSourceToken) condition.StringEquals = { ...condition.StringEquals, "lambda:EventSourceToken": input.EventSourceToken };
  const statement = {
    Sid: input.StatementId,
    Effect: "Allow",
    Principal: principal,
    Action: input.Action,
    Resource: rec.config.FunctionArn,
    ...(Object.keys(condition).length ? { Condition: condition } : {}),
  };
  rec.policy.push(statement);
  lambda.store.save(rec);
  return { Statement: JSON.stringify(statement) } satisfies AddPermissionResponse;
}
