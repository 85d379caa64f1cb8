// CloudFormation's persisted records: stacks (with their resources), events, exports, change sets.
import type { Output, Parameter, StackEvent } from "@aws-sdk/client-cloudformation";
import type { PersistentMap, StateDb } from "../../core/state.ts";
import type { ResourceStatus, StackStatus } from "./engine/status.ts";
import type { Template } from "./engine/template.ts";
import type { Tag } from "./resources/types.ts";

export interface ResourceState {
  LogicalResourceId: string;
  ResourceType: string;
  PhysicalResourceId?: string;
  ResourceStatus: ResourceStatus;
  ResourceStatusReason?: string;
  /** ISO time of the last status change. */
  Timestamp: string;
  /** Resolved properties last applied. */
  props: Record<string, unknown>;
  attributes: Record<string, unknown>;
  ref?: string;
  arn?: string;
  /** Tags written to the tag index for `arn`. */
  tags?: Tag[];
  /** Logical ids this resource depended on when it was created or last updated (delete order). */
  dependsOn: string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

/** One step of an update, kept so the update can roll back (also after a restart). */
export interface UpdateStep {
  logicalId: string;
  kind: "created" | "updated" | "replaced";
  /** The resource as it was before the step (updated, replaced). */
  before?: ResourceState;
}

export interface StackRecord {
  StackId: string;
  StackName: string;
  accountId: string;
  region: string;
  Description?: string;
  templateBody: string;
  template: Template;
  parameters: Record<string, string>;
  Tags: Tag[];
  Capabilities: string[];
  NotificationARNs: string[];
  DisableRollback: boolean;
  OnFailure?: string;
  StackStatus: StackStatus;
  StackStatusReason?: string;
  CreationTime: string;
  LastUpdatedTime?: string;
  DeletionTime?: string;
  Outputs: Output[];
  resources: Record<string, ResourceState>;
  /** Export names this stack imports (Fn::ImportValue). */
  imports: string[];
  /** During an update: what to restore on rollback and what to remove on cleanup. */
  update?: {
    previous: { templateBody: string; template: Template; parameters: Record<string, string>; Tags: Tag[]; Outputs: Output[]; imports: string[]; Description?: string };
    steps: UpdateStep[];
    /** Old physical resources to delete in UPDATE_COMPLETE_CLEANUP_IN_PROGRESS. */
    cleanup: ResourceState[];
  };
}

export interface ExportRecord {
  Name: string;
  Value: string;
  ExportingStackId: string;
}

export interface ChangeSetRecord {
  ChangeSetId: string;
  ChangeSetName: string;
  StackId: string;
  StackName: string;
  ChangeSetType: "CREATE" | "UPDATE";
  Description?: string;
  templateBody: string;
  parameters: Parameter[];
  Tags?: Tag[];
  Capabilities?: string[];
  Status: "CREATE_COMPLETE" | "FAILED" | "DELETE_COMPLETE";
  StatusReason?: string;
  ExecutionStatus: "AVAILABLE" | "UNAVAILABLE" | "EXECUTE_COMPLETE" | "EXECUTE_IN_PROGRESS" | "OBSOLETE";
  CreationTime: string;
  Changes: { LogicalResourceId: string; ResourceType: string; Action: "Add" | "Modify" | "Remove"; Replacement?: "True" | "False"; PhysicalResourceId?: string }[];
}

export type StoredEvent = Omit<StackEvent, "Timestamp"> & { Timestamp: string };

export interface CfnStore {
  stacks: PersistentMap<StackRecord>;
  events: PersistentMap<StoredEvent[]>;
  exports: PersistentMap<ExportRecord>;
  changeSets: PersistentMap<ChangeSetRecord>;
}

export function createStore(state: StateDb): CfnStore {
  return {
    stacks: state.map<StackRecord>("cloudformation.stacks"),
    events: state.map<StoredEvent[]>("cloudformation.events"),
    exports: state.map<ExportRecord>("cloudformation.exports"),
    changeSets: state.map<ChangeSetRecord>("cloudformation.changesets"),
  };
}

export function clearStore(state: StateDb): void {
  for (const ns of ["cloudformation.stacks", "cloudformation.events", "cloudformation.exports", "cloudformation.changesets"]) state.clear(ns);
}
