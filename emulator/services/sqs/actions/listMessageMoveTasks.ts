import type { ListMessageMoveTasksRequest, ListMessageMoveTasksResult } from "@aws-sdk/client-sqs";
import type { MessageMoveTasks } from "../store.ts";

export const listMessageMoveTasks = (tasks: MessageMoveTasks) => (input: ListMessageMoveTasksRequest) =>
  ({ Results: tasks.list(input.SourceArn, input.MaxResults ?? 1) }) satisfies ListMessageMoveTasksResult;
