import type { Tag, TagResourceInput, TagResourceOutput } from "@aws-sdk/client-cloudwatch";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import type { CloudWatch } from "../index.ts";
import { invalidParameterValue, required } from "../errors.ts";
import { dashboardKey } from "../store.ts";

export function checkTags(tags: Tag[]) {
  if (tags.length > 50) throw invalidParameterValue("A resource can have at most 50 tags.");
  for (const t of tags) {
    if (!t.Key || t.Key.length > 128 || t.Key.startsWith("aws:")) throw invalidParameterValue(`The tag key ${t.Key} is not valid.`);
    if (t.Value === undefined || t.Value.length > 256) throw invalidParameterValue(`The value of tag ${t.Key} must be 0 to 256 characters.`);
  }
}

/** The alarm or dashboard an ARN names, with a setter that persists it. */
export function taggable(cw: CloudWatch, arn: string | undefined, ctx: RequestContext): { tags: Tag[]; save(tags: Tag[]): void } {
  const alarm = /^arn:aws:cloudwatch:([^:]+):(\d{12}):alarm:(.+)$/.exec(arn ?? "");
  if (alarm && alarm[1] === ctx.region && alarm[2] === ctx.accountId) {
    const key = scopedKey(ctx, alarm[3]);
    const rec = cw.store.alarms.get(key);
    if (rec) return { tags: rec.Tags ?? [], save: (tags) => cw.store.alarms.set(key, { ...rec, Tags: tags }) };
  }
  const dash = /^arn:aws:cloudwatch::(\d{12}):dashboard\/(.+)$/.exec(arn ?? "");
  if (dash && dash[1] === ctx.accountId) {
    const key = dashboardKey(ctx.accountId, dash[2]);
    const rec = cw.store.dashboards.get(key);
    if (rec) return { tags: rec.Tags ?? [], save: (tags) => cw.store.dashboards.set(key, { ...rec, Tags: tags }) };
  }
  // The tagging operations use the newer error name, unlike the alarm operations.
  throw new AwsError("ResourceNotFoundException", `The resource ${arn} does not exist.`, 404);
}

export function tagResource(cw: CloudWatch, input: TagResourceInput, ctx: RequestContext) {
  required(input, "ResourceARN", "Tags");
  checkTags(input.Tags!);
  const t = taggable(cw, input.ResourceARN, ctx);
  const merged = new Map(t.tags.map((x) => [x.Key, x.Value]));
  for (const x of input.Tags!) merged.set(x.Key, x.Value);
  t.save([...merged].map(([Key, Value]) => ({ Key, Value })));
  return {} satisfies TagResourceOutput;
}
