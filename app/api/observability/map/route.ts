import type { NextRequest } from "next/server";
import { windowOf } from "@/lib/data/observability";
import { readServiceMap } from "@/lib/data/observability-sdk";
import { liveRead } from "@/app/api/respond";

/** The service map: the lab's topology with traffic from the mesh (where inspectable) and X-Ray. */
export function GET(request: NextRequest) {
  const window = windowOf(request.nextUrl.searchParams.get("window"));
  return liveRead((target) => readServiceMap(target, window), "GetServiceGraph");
}
