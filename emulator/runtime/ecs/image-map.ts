// THE table from container images to what runs locally. An ECS container's image decides
// which entry point the ECS runtime starts with the project's Node (process.execPath):
//
//   image (registry and tag ignored)                     runs
//   ---------------------------------------------------  ---------------------------------------------
//   cross-service-lab/<name>                              services/<name>/main.ts
//     e.g. 000000000000.dkr.ecr.us-east-1.amazonaws.com/cross-service-lab/user-service:latest
//   lab-fixture/<name>                                    emulator/test/fixtures/<name>-service.ts
//   public.ecr.aws/appmesh/aws-appmesh-envoy, …envoy…     nothing: the mesh data plane plays Envoy
//   amazon/aws-xray-daemon, aws-otel-collector,           nothing: a sidecar the emulator stands in for
//   aws-for-fluent-bit
//
// Any other image fails the task with CannotPullContainerError, naming this file.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

export const REPO_ROOT = resolve(import.meta.dirname, "..", "..", "..");

export type ImageTarget = { kind: "process"; entry: string; tag: string } | { kind: "sidecar"; role: string };

interface Row {
  pattern: RegExp;
  target: (m: RegExpMatchArray) => { kind: "process"; entry: string } | { kind: "sidecar"; role: string };
}

const TABLE: Row[] = [
  { pattern: /^cross-service-lab\/([a-z0-9][a-z0-9-]*)$/, target: (m) => ({ kind: "process", entry: join("services", m[1], "main.ts") }) },
  { pattern: /^lab-fixture\/([a-z0-9][a-z0-9-]*)$/, target: (m) => ({ kind: "process", entry: join("emulator", "test", "fixtures", `${m[1]}-service.ts`) }) },
  { pattern: /(^|\/)aws-appmesh-envoy$|(^|\/)envoy$/, target: () => ({ kind: "sidecar", role: "envoy" }) },
  { pattern: /(^|\/)aws-xray-daemon$/, target: () => ({ kind: "sidecar", role: "xray-daemon" }) },
  { pattern: /(^|\/)aws-otel-collector$/, target: () => ({ kind: "sidecar", role: "otel-collector" }) },
  { pattern: /(^|\/)aws-for-fluent-bit$/, target: () => ({ kind: "sidecar", role: "fluent-bit" }) },
];

/** "registry/repo/name:tag" or "…@sha256:…" → { repository: "repo/name", tag }. */
export function parseImage(image: string): { repository: string; tag: string } {
  let rest = image.trim();
  let tag = "latest";
  const at = rest.indexOf("@");
  if (at >= 0) {
    tag = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split("/");
  // A first segment with a dot, a colon or "localhost" is a registry host (ECR, public.ecr.aws, …).
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === "localhost")) parts.shift();
  return { repository: parts.join("/"), tag };
}

export function resolveImage(image: string): ImageTarget | { kind: "unknown"; reason: string } {
  const { repository, tag } = parseImage(image);
  for (const row of TABLE) {
    const m = repository.match(row.pattern);
    if (!m) continue;
    const t = row.target(m);
    if (t.kind === "sidecar") return t;
    const entry = join(REPO_ROOT, t.entry);
    if (!existsSync(entry)) {
      return { kind: "unknown", reason: `CannotPullContainerError: image ${image} maps to ${t.entry}, which does not exist` };
    }
    return { kind: "process", entry, tag };
  }
  return {
    kind: "unknown",
    reason: `CannotPullContainerError: image ${image} has no local entry point (see emulator/runtime/ecs/image-map.ts)`,
  };
}
