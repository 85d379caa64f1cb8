import { invalidRequest } from "./errors.ts";

/** StartTime/EndTime as epoch seconds, checked as X-Ray checks them. */
export function timeWindow(start: Date | undefined, end: Date | undefined): { start: number; end: number } {
  if (!(start instanceof Date) || !(end instanceof Date)) throw invalidRequest("StartTime and EndTime are required.");
  if (end.getTime() < start.getTime()) throw invalidRequest("EndTime must be after StartTime.");
  return { start: start.getTime() / 1000, end: end.getTime() / 1000 };
}
