// Listener rule conditions. Values may use `*` (any run of characters) and `?` (exactly one);
// path patterns are case-sensitive, host names and header values are not.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html
import type { IncomingMessage } from "node:http";
import type { RuleCondition } from "@aws-sdk/client-elastic-load-balancing-v2";

const cache = new Map<string, RegExp>();

export function wildcard(pattern: string, caseInsensitive = false): RegExp {
  const key = `${caseInsensitive ? "i" : "s"}${pattern}`;
  let re = cache.get(key);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    re = new RegExp(`^${body}$`, caseInsensitive ? "i" : "");
    if (cache.size > 1000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

function ipv4InCidr(ip: string, cidr: string): boolean {
  const [base, bits = "32"] = cidr.split("/");
  const toInt = (s: string) => s.split(".").reduce((n, o) => (n << 8) + Number(o), 0) >>> 0;
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip) || !/^\d+\.\d+\.\d+\.\d+$/.test(base)) return ip === base;
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return (toInt(ip) & mask) === (toInt(base) & mask);
}

/** Whether one rule condition holds for a request. Conditions of a rule are ANDed, values ORed. */
export function conditionMatches(c: RuleCondition, req: IncomingMessage, url: URL, clientIp: string): boolean {
  switch (c.Field) {
    case "path-pattern": {
      const values = c.PathPatternConfig?.Values ?? c.Values ?? [];
      return values.some((v) => wildcard(v).test(url.pathname));
    }
    case "host-header": {
      const host = (req.headers.host ?? "").replace(/:\d+$/, "");
      const values = c.HostHeaderConfig?.Values ?? c.Values ?? [];
      return values.some((v) => wildcard(v, true).test(host));
    }
    case "http-request-method":
      return (c.HttpRequestMethodConfig?.Values ?? []).includes(req.method ?? "GET");
    case "http-header": {
      const raw = req.headers[(c.HttpHeaderConfig?.HttpHeaderName ?? "").toLowerCase()];
      const value = Array.isArray(raw) ? raw.join(",") : raw;
      return value !== undefined && (c.HttpHeaderConfig?.Values ?? []).some((v) => wildcard(v, true).test(value));
    }
    case "query-string":
      return (c.QueryStringConfig?.Values ?? []).some((kv) =>
        kv.Key === undefined
          ? [...url.searchParams.values()].some((v) => wildcard(kv.Value ?? "", true).test(v))
          : url.searchParams.getAll(kv.Key).some((v) => wildcard(kv.Value ?? "", true).test(v)),
      );
    case "source-ip":
      return (c.SourceIpConfig?.Values ?? []).some((cidr) => ipv4InCidr(clientIp.replace(/^::ffff:/, ""), cidr));
    default:
      return false;
  }
}

/** ELB health-check matcher: "200", "200,202" or "200-299". */
export function codeMatches(matcher: string, status: number): boolean {
  return matcher.split(",").some((part) => {
    const [lo, hi] = part.trim().split("-").map(Number);
    return hi === undefined ? status === lo : status >= lo && status <= hi;
  });
}
