// The contract between the CloudFormation engine and one resource type.
// The engine resolves intrinsics, orders resources, emits events and rolls back; a module
// only turns resolved Properties into calls on the owning service's operations
// (`ctx.api.call(service, Operation, input)`), never into another service's internals.
// See README.md in this folder for how to add a type.
import { AwsError } from "../../../core/errors.ts";
import type { EmulatorApi } from "../../../core/service.ts";

export interface Tag {
  Key: string;
  Value: string;
}

export interface ResourceContext {
  logicalId: string;
  stackName: string;
  stackId: string;
  accountId: string;
  region: string;
  /** Stack tags plus aws:cloudformation:stack-name, :stack-id and :logical-id. Apply them through the service's own tagging. */
  tags: Tag[];
  /** Calls other services' operations, already scoped to the stack's account and region. */
  api: EmulatorApi;
  /**
   * An AWS-like generated name `<stack>-<logicalId>-<RANDOM>` for resources whose name
   * property is absent. Truncates to maxLength (AWS keeps the random suffix); lowercase for
   * S3 buckets and the like. Stable for one logical resource within one create attempt.
   */
  physicalName(opts?: { maxLength?: number; lowercase?: boolean; suffix?: string }): string;
  /** The gateway's own base URL (for QueueUrl-style attributes or AWS_ENDPOINT_URL). */
  selfUrl: string;
  log(message: string, extra?: Record<string, unknown>): void;
}

export interface ResourceResult {
  /** What `Ref` returns unless `ref` is set; also PhysicalResourceId in DescribeStackResources. */
  physicalId: string;
  /** What `Fn::GetAtt` reads (`Arn`, `QueueUrl`, `Endpoint.Address` as a dotted key, ...). */
  attributes?: Record<string, unknown>;
  /** The resource's ARN when it has one: CloudFormation writes it and ctx.tags into the tag index (tagging:GetResources). */
  arn?: string;
  /** `Ref` value when it differs from physicalId (rare; e.g. AWS::IAM::Role Ref is the name, physical id too). */
  ref?: string;
}

/**
 * One resource type. `P` is the resolved Properties object (intrinsics evaluated,
 * AWS::NoValue removed). Numbers may arrive as strings (templates are loosely typed):
 * coerce with Number() where the service wants a number.
 * Throw an AwsError (or let the service's error propagate): the message and code become the
 * resource's CREATE_FAILED/UPDATE_FAILED ResourceStatusReason and the stack rolls back.
 */
export interface ResourceModule<P = any> {
  /** "AWS::SQS::Queue" */
  type: string;
  create(props: P, ctx: ResourceContext): Promise<ResourceResult>;
  /**
   * In-place update. Omit it and every property change replaces the resource (create new,
   * then delete old during UPDATE_COMPLETE_CLEANUP_IN_PROGRESS). Return "replace" to ask
   * for replacement for this particular change.
   */
  update?(physicalId: string, props: P, old: P, ctx: ResourceContext, attributes: Record<string, unknown>): Promise<Omit<ResourceResult, "physicalId"> & { physicalId?: string } | "replace">;
  /** Property names whose change always requires replacement (e.g. QueueName, FifoQueue). */
  replaceOn?: string[];
  /**
   * The property holding a custom name (QueueName, TableName). A replacement while it is set
   * fails as on AWS: "CloudFormation cannot update a stack when a custom-named resource requires replacing."
   */
  nameProperty?: string;
  /**
   * Properties this module honours. When given, any other property fails the resource with
   * "Property X of TYPE is not supported by the local emulator" instead of being ignored.
   */
  properties?: string[];
  /** Delete. A resource that is already gone must not throw (AWS treats NotFound on delete as success). */
  delete(physicalId: string, props: P, ctx: ResourceContext, attributes: Record<string, unknown>): Promise<void>;
  /**
   * Optional: called once after an emulator restart for every resource of this type in a
   * stack whose status is stable (…_COMPLETE, not deleted), after all services have started.
   * For runtimes that keep in-memory state outside their own persisted records.
   */
  resume?(physicalId: string, props: P, ctx: ResourceContext, attributes: Record<string, unknown>): Promise<void>;
  /**
   * IAM types: CreateStack requires CAPABILITY_IAM, or CAPABILITY_NAMED_IAM when `nameProperty`
   * (e.g. RoleName) is set, and ValidateTemplate reports it.
   */
  iam?: { nameProperty?: string };
}

/** Convenience for modules: a property that must be present. */
export function required<T>(props: Record<string, any>, name: string, type: string): T {
  const v = props[name];
  if (v === undefined || v === null || v === "") {
    throw new AwsError("InvalidRequest", `Properties validation failed for resource ${type}: #: required key [${name}] not found`);
  }
  return v as T;
}
