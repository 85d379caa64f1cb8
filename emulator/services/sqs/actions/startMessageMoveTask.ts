import type { StartMessageMoveTaskRequest, StartMessageMoveTaskResult } from "@aws-sdk/client-sqs";
import type { MessageMoveTasks } from "../store.ts";

export const startMessageMoveTask = (tasks: MessageMoveTasks) => (input: StartMessageMoveTaskRequest) =>
  ({ TaskHandle: tasks.start(input).TaskHandle }) satisfies StartMessageMoveTaskResult;
