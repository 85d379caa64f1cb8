// Shared by CreatePrivateDnsNamespace, CreatePublicDnsNamespace and CreateHttpNamespace.
// https://docs.aws.amazon.com/cloud-map/latest/api/API_CreatePrivateDnsNamespace.html
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import type { CloudMapStore, NamespaceType } from "../store.ts";

export function createNamespace(
  store: CloudMapStore,
  type: NamespaceType,
  input: { Name?: string; CreatorRequestId?: string; Description?: string; Tags?: { Key?: string; Value?: string }[] },
  ctx: RequestContext,
): { OperationId: string } {
  const name = input.Name ?? "";
  if (!name || name.length > 1024) throw new AwsError("InvalidInput", "Name must be 1-1024 characters.", 400);
  const existing = store.namespaceByName(ctx, name);
  if (existing) {
    // A retry with the same CreatorRequestId is idempotent; anything else is a duplicate.
    if (input.CreatorRequestId && existing.CreatorRequestId === input.CreatorRequestId) {
      return { OperationId: store.operation(ctx, "CREATE_NAMESPACE", { NAMESPACE: existing.Id }) };
    }
    throw new AwsError("NamespaceAlreadyExists", `Namespace ${name} already exists.`, 400);
  }
  const id = store.newNamespaceId();
  store.namespaces.set(scopedKey(ctx, id), {
    accountId: ctx.accountId,
    region: ctx.region,
    Id: id,
    Arn: `arn:aws:servicediscovery:${ctx.region}:${ctx.accountId}:namespace/${id}`,
    Name: name,
    Type: type,
    Description: input.Description,
    HostedZoneId: type === "HTTP" ? undefined : `Z${id.slice(3).toUpperCase()}`,
    HttpName: name,
    CreateDate: Date.now(),
    CreatorRequestId: input.CreatorRequestId,
    Tags: (input.Tags ?? []).map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "" })),
  });
  return { OperationId: store.operation(ctx, "CREATE_NAMESPACE", { NAMESPACE: id }) };
}
