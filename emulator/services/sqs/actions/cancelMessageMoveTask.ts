import type { CancelMessageMoveTaskRequest, CancelMessageMoveTaskResult } from "@aws-sdk/client-sqs";
import type { MessageMoveTasks } from "../store.ts";

export const cancelMessageMoveTask = (tasks: MessageMoveTasks) => (input: CancelMessageMoveTaskRequest) =>
  ({ ApproximateNumberOfMessagesMoved: tasks.cancel(input.TaskHandle).ApproximateNumberOfMessagesMoved }) satisfies CancelMessageMoveTaskResult;
