// EventBridge: rules with rate()/cron() schedules that really fire, event patterns, targets
// Lambda/SNS/SQS. awsJson 1.1, X-Amz-Target "AWSEvents.<Operation>".
import * as schemas from "@aws-sdk/client-eventbridge";
import { z } from "zod";
import { AwsError } from "../../core/errors.ts";
import type { Operation, RequestContext, ServiceEnv, ServiceModule } from "../../core/service.ts";
import { deleteRule } from "./actions/deleteRule.ts";
import { describeEventBus } from "./actions/describeEventBus.ts";
import { describeRule } from "./actions/describeRule.ts";
import { disableRule } from "./actions/disableRule.ts";
import { enableRule } from "./actions/enableRule.ts";
import { listEventBuses } from "./actions/listEventBuses.ts";
import { listRuleNamesByTarget } from "./actions/listRuleNamesByTarget.ts";
import { listRules } from "./actions/listRules.ts";
import { listTagsForResource } from "./actions/listTagsForResource.ts";
import { listTargetsByRule } from "./actions/listTargetsByRule.ts";
import { putEvents } from "./actions/putEvents.ts";
import { putRule } from "./actions/putRule.ts";
import { putTargets } from "./actions/putTargets.ts";
import { removeTargets } from "./actions/removeTargets.ts";
import { tagResource } from "./actions/tagResource.ts";
import { testEventPattern } from "./actions/testEventPattern.ts";
import { untagResource } from "./actions/untagResource.ts";
import { EventsBackend } from "./backend.ts";

/**
 * EMULATOR_EVENTS_RATE_SCALE multiplies every rate() interval (emulator-only; default 1).
 * 0.01 makes rate(1 minute) fire every 600 ms, for tests and fast demos. cron() is not scaled.
 */
const RateScale = z.coerce.number().positive().max(1000).default(1);

export function events(env: ServiceEnv): ServiceModule {
  const scale = RateScale.safeParse(process.env.EMULATOR_EVENTS_RATE_SCALE || undefined);
  if (!scale.success) throw new Error(`Invalid emulator setting "EMULATOR_EVENTS_RATE_SCALE": ${scale.error.issues[0].message}`);
  const be = new EventsBackend(env, scale.data);
  const bind =
    <I>(op: (input: I, ctx: RequestContext, be: EventsBackend) => unknown): Operation<I> =>
    (input, ctx) =>
      op(input, ctx, be);

  return {
    name: "events",
    signingNames: ["events"],
    targetPrefixes: ["AWSEvents"],
    protocols: ["json"],
    schemas,
    operations: {
      PutRule: bind(putRule),
      DescribeRule: bind(describeRule),
      ListRules: bind(listRules),
      EnableRule: bind(enableRule),
      DisableRule: bind(disableRule),
      DeleteRule: bind(deleteRule),
      PutTargets: bind(putTargets),
      ListTargetsByRule: bind(listTargetsByRule),
      RemoveTargets: bind(removeTargets),
      ListRuleNamesByTarget: bind(listRuleNamesByTarget),
      PutEvents: bind(putEvents),
      TestEventPattern: testEventPattern,
      ListEventBuses: listEventBuses,
      DescribeEventBus: describeEventBus,
      TagResource: bind(tagResource),
      UntagResource: bind(untagResource),
      ListTagsForResource: bind(listTagsForResource),
    },
    lab: {
      "GET /events/rules": () => ({
        rateScale: be.scheduler.rateScale,
        rules: [...be.store.rules.values()].map((r) => ({
          Name: r.Name,
          Arn: r.Arn,
          accountId: r.accountId,
          region: r.region,
          State: r.State,
          ScheduleExpression: r.ScheduleExpression,
          EventPattern: r.EventPattern,
          targets: r.targets.map((t) => ({ Id: t.Id, Arn: t.Arn })),
          nextFire: be.scheduler.get(r.Arn)?.next?.toISOString(),
          lastFire: r.lastFire,
          fireCount: r.fireCount,
          lastDeliveries: r.lastDeliveries,
        })),
      }),
      "POST /events/rules/:name/fire": async ({ params, url }) => {
        const region = url.searchParams.get("region");
        const rule = [...be.store.rules.values()].find((r) => r.Name === params.name && (!region || r.region === region));
        if (!rule) throw new AwsError("ResourceNotFoundException", `Rule ${params.name} does not exist.`, 404);
        const out = await be.fire(rule.Arn, new Date(), "manual");
        const failed = out?.deliveries.filter((d) => !d.ok) ?? [];
        return {
          rule: rule.Arn,
          event: out?.event,
          deliveries: out?.deliveries ?? [],
          error: rule.targets.length === 0 ? "rule has no targets" : failed.length ? failed.map((d) => `${d.TargetId}: ${d.error}`).join("; ") : undefined,
        };
      },
      "GET /events/deliveries": () => ({ deliveries: be.log }),
    },
    start: () => be.armAll(),
    stop: () => be.stop(),
    reset: () => {
      be.reset();
      env.state.clear("events.rules");
      env.state.clear("events.tags");
    },
  };
}
