import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { THEME_SCRIPT } from "@/components/shell/theme";
import { currentTarget } from "@/lib/aws/clients";
import { publicTarget } from "@/lib/aws/target";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Cross-Service Lab", template: "%s · Cross-Service Lab" },
  description: "Deploy, break and watch a cross-service communication lab, locally or on AWS.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The target comes from the saved settings and the environment of this process.
  await connection();
  const target = publicTarget(await currentTarget());
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script that applies the saved theme before first paint. */}
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <AppShell target={target}>{children}</AppShell>
      </body>
    </html>
  );
}
