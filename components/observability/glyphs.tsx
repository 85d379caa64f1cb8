import type { ComponentProps } from "react";
import { Icon, type IconName } from "@/components/ui/icons";

// The observability pages' icons: the shared set (components/ui/icons), a little smaller and
// bolder to sit next to dense text. Decorative: the word next to each carries the meaning.
export type GlyphName = IconName;

export function Glyph({ size = 16, ...rest }: ComponentProps<typeof Icon>) {
  return <Icon size={size} strokeWidth={1.9} {...rest} />;
}
