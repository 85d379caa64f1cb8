// The tag index: ARN -> tags, scoped by account and region. CloudFormation writes every
// resource it creates (with the stack tags and aws:cloudformation:*); other services may too.
import type { StateDb } from "../../core/state.ts";

export interface TaggedResource {
  arn: string;
  tags: Record<string, string>;
}

export const createTagStore = (state: StateDb) => state.map<TaggedResource>("tagging.resources");
