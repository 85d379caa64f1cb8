import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ALARM_METRICS, alarmFieldErrors, alarmFormValues } from "./observability.ts";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

const VALID = {
  name: "order-service-errors",
  metric: "CrossServiceLab/Errors/Service=order-service",
  statistic: "Sum",
  threshold: "5",
  comparison: "GreaterThanOrEqualToThreshold",
  period: "10",
  evaluationPeriods: "1",
  notify: "on",
};

describe("the custom alarm form", () => {
  it("offers every metric the lab publishes, each once", () => {
    assert.equal(new Set(ALARM_METRICS.map((m) => m.key)).size, ALARM_METRICS.length);
    assert.ok(ALARM_METRICS.some((m) => m.key === "CrossServiceLab/CircuitBreakerState/ServiceName=user-service"));
    assert.ok(ALARM_METRICS.some((m) => m.key === "AWS/SQS/ApproximateNumberOfMessagesVisible/QueueName=order-processing-dlq"));
  });

  it("accepts the exercise's alarm and types its numbers", () => {
    const { data, errors } = alarmFieldErrors(alarmFormValues(form(VALID)));
    assert.deepEqual(errors, {});
    assert.deepEqual(data, { ...VALID, threshold: 5, period: 10, evaluationPeriods: 1, notify: true });
    assert.equal(alarmFormValues(form({ ...VALID, notify: "" })).notify, false);
  });

  it("puts each problem next to its field", () => {
    const { data, errors } = alarmFieldErrors(
      alarmFormValues(form({ ...VALID, name: "cross-service-lab-mine", threshold: "five", period: "15", evaluationPeriods: "0", metric: "AWS/EC2/CPUUtilization" })),
    );
    assert.equal(data, undefined);
    assert.match(errors.name!, /templates/);
    assert.equal(errors.threshold, "Enter a number, such as 5 or 0.5.");
    assert.equal(errors.period, "Choose 10 s, 30 s or 60 s.");
    assert.equal(errors.evaluationPeriods, "Evaluate at least 1 period.");
    assert.equal(errors.metric, "Choose one of the lab's metrics.");
    assert.equal(alarmFieldErrors(alarmFormValues(form({ ...VALID, threshold: "" }))).errors.threshold, "Enter a threshold, such as 5.");
    assert.match(alarmFieldErrors(alarmFormValues(form({ ...VALID, name: "has spaces" }))).errors.name!, /letters, digits/);
  });
});
