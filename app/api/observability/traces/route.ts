import type { NextRequest } from "next/server";
import { windowOf } from "@/lib/data/observability";
import { readTraces } from "@/lib/data/observability-sdk";
import { badRequest, liveRead } from "@/app/api/respond";

// `edge("a", "b")` or `service("a")` with lab names only: the page builds these, nothing else.
const FILTER = /^(edge\("[\w.-]+", "[\w.-]+"\)|service\("[\w.-]+"\))$/;

/** The newest traces in the window, optionally only those crossing one edge of the map. */
export function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const window = windowOf(params.get("window"));
  const filter = params.get("filter") ?? undefined;
  if (filter && !FILTER.test(filter)) return badRequest("The trace filter must be edge(\"a\", \"b\") or service(\"a\").");
  return liveRead((target) => readTraces(target, { window, filter }), "GetTraceSummaries");
}
