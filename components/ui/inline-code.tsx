import { Fragment } from "react";

/** Renders `backticked` spans of plain copy as code. */
export function InlineCode({ text }: { text: string }) {
  return text.split("`").map((part, index) =>
    // Odd parts sat between backticks.
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string never reorder.
    index % 2 === 1 ? <code key={index}>{part}</code> : <Fragment key={index}>{part}</Fragment>,
  );
}
