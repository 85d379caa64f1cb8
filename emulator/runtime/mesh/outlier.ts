// Outlier detection (passive health checking) as Envoy does it for App Mesh virtual nodes and
// Service Connect: `maxServerErrors` consecutive 5xx from one endpoint eject it for
// baseEjectionDuration × (times ejected), while at most maxEjectionPercent of the endpoints
// (but always at least one) are out.
// https://docs.aws.amazon.com/app-mesh/latest/userguide/virtual_nodes.html#outlier-detection
export interface OutlierSettings {
  maxServerErrors: number;
  intervalMs: number;
  baseEjectionMs: number;
  maxEjectionPercent: number;
}

interface EndpointState {
  consecutive: number;
  ejections: number;
  ejectedUntil: number;
}

export class OutlierDetector {
  private states = new Map<string, EndpointState>();

  private state(key: string) {
    let s = this.states.get(key);
    if (!s) {
      s = { consecutive: 0, ejections: 0, ejectedUntil: 0 };
      this.states.set(key, s);
    }
    return s;
  }

  isEjected(key: string, now = Date.now()) {
    const s = this.states.get(key);
    return Boolean(s && s.ejectedUntil > now);
  }

  /** Records one response; returns true when this response ejected the endpoint. */
  record(cluster: string[], key: string, serverError: boolean, cfg: OutlierSettings | undefined): boolean {
    if (!cfg) return false;
    const s = this.state(key);
    if (!serverError) {
      s.consecutive = 0;
      return false;
    }
    s.consecutive += 1;
    if (s.consecutive < cfg.maxServerErrors || this.isEjected(key)) return false;
    const now = Date.now();
    const ejected = cluster.filter((k) => this.isEjected(k, now)).length;
    const allowed = Math.max(1, Math.floor((cluster.length * cfg.maxEjectionPercent) / 100));
    if (ejected >= allowed) return false;
    s.ejections += 1;
    s.consecutive = 0;
    s.ejectedUntil = now + cfg.baseEjectionMs * s.ejections;
    return true;
  }

  view(key: string) {
    const s = this.states.get(key);
    return s ? { consecutiveServerErrors: s.consecutive, ejections: s.ejections, ejectedUntil: s.ejectedUntil > Date.now() ? new Date(s.ejectedUntil).toISOString() : undefined } : undefined;
  }

  clear() {
    this.states.clear();
  }
}

export const durationMs = (d: { value?: number; unit?: string } | undefined, fallbackMs: number) =>
  d?.value === undefined ? fallbackMs : d.unit === "ms" ? Number(d.value) : Number(d.value) * 1000;
