import { validation } from "../errors.ts";

const NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

/** Rule names and target ids share AWS's pattern `[\.\-_A-Za-z0-9]+`, 1-64 characters. */
export function validateName(value: string | undefined, member: string): asserts value is string {
  if (!value) throw validation(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  if (!NAME.test(value)) {
    throw validation(`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+ and have length between 1 and 64`);
  }
}
