import type { SVGProps } from "react";

// Icons this page needs beyond components/ui/icons (same 24 × 24 stroke style). Decorative: the
// word next to each carries the meaning.
const PATHS = {
  check: "M5 12.5l4.5 4.5L19 7.5",
  alert: "M12 3l10 18H2zM12 10v5M12 18v.5",
  question: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6M12 17v.5",
  ok: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM8 12.5l3 3 5-6",
  fault: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9 9l6 6M15 9l-6 6",
  pause: "M8 5v14M16 5v14",
  play: "M7 4.5v15l12-7.5z",
  trash: "M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3",
  inbox: "M3 13l3-8h12l3 8v6H3zM3 13h5l1 3h6l1-3h5",
  bell: "M6 16V11a6 6 0 1 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0",
  close: "M6 6l12 12M18 6L6 18",
  filter: "M4 5h16l-6 8v6l-4-1v-5z",
  breaker: "M4 12h5M15 12h5M9 12l5-5",
  lambda: "M6 20l6-11M8 4h3l7 16",
  half: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 3v18",
} as const;

export type GlyphName = keyof typeof PATHS;

export function Glyph({ name, size = 16, ...rest }: { name: GlyphName; size?: number } & SVGProps<SVGSVGElement>) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.9}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
