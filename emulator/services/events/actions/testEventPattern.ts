import type { TestEventPatternRequest, TestEventPatternResponse } from "@aws-sdk/client-eventbridge";
import { EventPatternError, matchesEventPattern, parseEventPattern } from "../../../../lib/events/event-pattern.ts";
import { invalidPattern, validation } from "../errors.ts";

export function testEventPattern(input: TestEventPatternRequest) {
  let pattern: ReturnType<typeof parseEventPattern>;
  try {
    pattern = parseEventPattern(input.EventPattern ?? "");
  } catch (e) {
    if (e instanceof EventPatternError) throw invalidPattern(e.message);
    throw e;
  }
  let event: unknown;
  try {
    event = JSON.parse(input.Event ?? "");
  } catch {
    throw validation("Parameter Event is not valid.");
  }
  if (event === null || typeof event !== "object" || Array.isArray(event)) throw validation("Parameter Event is not valid.");
  return { Result: matchesEventPattern(pattern, event) } satisfies TestEventPatternResponse;
}
