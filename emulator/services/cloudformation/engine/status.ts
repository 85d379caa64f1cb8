// Stack and resource statuses as closed sets with guarded transitions.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/view-stack-events.html#cfn-console-view-stack-data-resources-status-codes
import type { ResourceStatus, StackStatus } from "@aws-sdk/client-cloudformation";
import { internalError } from "../../../core/errors.ts";

export type { ResourceStatus, StackStatus };

// With rollback enabled AWS goes CREATE_IN_PROGRESS -> ROLLBACK_IN_PROGRESS directly;
// CREATE_FAILED is the end state for OnFailure=DO_NOTHING (DisableRollback).
const STACK_TRANSITIONS: Partial<Record<StackStatus, StackStatus[]>> = {
  REVIEW_IN_PROGRESS: ["CREATE_IN_PROGRESS", "DELETE_IN_PROGRESS"],
  CREATE_IN_PROGRESS: ["CREATE_COMPLETE", "CREATE_FAILED", "ROLLBACK_IN_PROGRESS"],
  CREATE_FAILED: ["ROLLBACK_IN_PROGRESS", "DELETE_IN_PROGRESS", "UPDATE_IN_PROGRESS"],
  ROLLBACK_IN_PROGRESS: ["ROLLBACK_COMPLETE", "ROLLBACK_FAILED"],
  ROLLBACK_COMPLETE: ["DELETE_IN_PROGRESS"],
  ROLLBACK_FAILED: ["DELETE_IN_PROGRESS"],
  CREATE_COMPLETE: ["UPDATE_IN_PROGRESS", "DELETE_IN_PROGRESS"],
  UPDATE_IN_PROGRESS: ["UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_ROLLBACK_IN_PROGRESS"],
  UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: ["UPDATE_COMPLETE"],
  UPDATE_COMPLETE: ["UPDATE_IN_PROGRESS", "DELETE_IN_PROGRESS"],
  UPDATE_ROLLBACK_IN_PROGRESS: ["UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_ROLLBACK_FAILED"],
  UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: ["UPDATE_ROLLBACK_COMPLETE"],
  UPDATE_ROLLBACK_COMPLETE: ["UPDATE_IN_PROGRESS", "DELETE_IN_PROGRESS"],
  UPDATE_ROLLBACK_FAILED: ["DELETE_IN_PROGRESS", "UPDATE_ROLLBACK_IN_PROGRESS"],
  DELETE_IN_PROGRESS: ["DELETE_COMPLETE", "DELETE_FAILED"],
  DELETE_FAILED: ["DELETE_IN_PROGRESS"],
};

export function canTransition(from: StackStatus, to: StackStatus): boolean {
  return STACK_TRANSITIONS[from]?.includes(to) ?? false;
}

export function assertTransition(from: StackStatus, to: StackStatus): void {
  if (!canTransition(from, to)) throw internalError(`Illegal stack status transition ${from} -> ${to}`);
}

export const isInProgress = (s: StackStatus) => s.endsWith("_IN_PROGRESS");

/** States from which UpdateStack is allowed. */
export const UPDATABLE: StackStatus[] = ["CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE"];
