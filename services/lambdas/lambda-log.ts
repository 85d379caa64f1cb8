// The Lambdas log JSON lines to stdout/stderr, which Lambda ships to /aws/lambda/<function>.
import { createLogger } from "../shared/log.ts";

export const lambdaLogger = (fn: string) =>
  createLogger({ function: fn, ...(process.env.AWS_LAMBDA_FUNCTION_VERSION ? { function_version: process.env.AWS_LAMBDA_FUNCTION_VERSION } : {}) });
