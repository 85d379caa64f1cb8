// Circuit-breaker presets: the lab's own, and the defaults of three well-known libraries, so
// the what-if can show how each would react to the same traffic. Used by
// services/shared/breaker.ts and the console.

export interface BreakerConfig {
  /** Failures within the window that open the breaker (count mode), or the minimum failures (percent mode). */
  failureThreshold: number;
  /** Length of the counting window, ms. It starts at the first counted call. */
  windowMs: number;
  /** How long the breaker stays OPEN before probes may pass (HALF_OPEN), ms. */
  openMs: number;
  /** Successful probes in HALF_OPEN that close the breaker. */
  successThreshold: number;
  /** Percent mode: calls the window must hold before the error percentage counts. */
  volumeThreshold?: number;
  /** Percent mode: error percentage (0–100) that opens the breaker. */
  errorPercentThreshold?: number;
}

export interface BreakerPreset {
  config: BreakerConfig;
  label: string;
  /** How the library's defaults map onto this model, and what is approximated. */
  description: string;
  source: string;
}

export const BREAKER_PRESETS = {
  lab: {
    label: "Lab (default)",
    config: { failureThreshold: 5, windowMs: 10_000, openMs: 15_000, successThreshold: 3 },
    description: "Opens after 5 failures within 10 s, stays OPEN 15 s, closes after 3 successful probes.",
    source: "ARCHITECTURE.md, Circuit breaker",
  },
  hystrix: {
    label: "Hystrix",
    config: { failureThreshold: 1, windowMs: 10_000, openMs: 5_000, successThreshold: 1, volumeThreshold: 20, errorPercentThreshold: 50 },
    description:
      "requestVolumeThreshold 20 and errorThresholdPercentage 50 over a 10 s rolling window; sleepWindow 5 s; one successful trial request closes it.",
    source: "https://github.com/Netflix/Hystrix/wiki/Configuration#circuitbreaker",
  },
  resilience4j: {
    label: "resilience4j",
    config: { failureThreshold: 1, windowMs: 60_000, openMs: 60_000, successThreshold: 10, volumeThreshold: 100, errorPercentThreshold: 50 },
    description:
      "Sliding window of 100 calls (minimumNumberOfCalls 100), failureRateThreshold 50%, waitDurationInOpenState 60 s, 10 permitted calls in HALF_OPEN. The count-based window is approximated by a 60 s window that must hold 100 calls.",
    source: "https://resilience4j.readme.io/docs/circuitbreaker#create-and-configure-a-circuitbreaker",
  },
  opossum: {
    label: "opossum",
    config: { failureThreshold: 1, windowMs: 10_000, openMs: 30_000, successThreshold: 1, volumeThreshold: 0, errorPercentThreshold: 50 },
    description:
      "errorThresholdPercentage 50 over rollingCountTimeout 10 s, resetTimeout 30 s, volumeThreshold 0 (so a first failure can open it); one successful trial closes it.",
    source: "https://nodeshift.dev/opossum/",
  },
} as const satisfies Record<string, BreakerPreset>;

export type BreakerPresetName = keyof typeof BREAKER_PRESETS;
export const BREAKER_PRESET_NAMES = Object.keys(BREAKER_PRESETS) as BreakerPresetName[];
export const LAB_BREAKER_CONFIG: BreakerConfig = BREAKER_PRESETS.lab.config;
