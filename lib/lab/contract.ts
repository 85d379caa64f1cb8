// The lab's fixed names. The console, the `npm run lab` CLI, the scripts, the
// services, the emulator's runtime and the tests all import them from here.
// See ARCHITECTURE.md, "The contract".

export const LAB_NAME = "cross-service-lab";
export const LAB_TAG = { Key: "lab", Value: LAB_NAME } as const;

export const MESH_VARIANTS = ["appmesh", "connect"] as const;
export type MeshVariant = (typeof MESH_VARIANTS)[number];

export const STACKS = {
  bootstrap: `${LAB_NAME}-bootstrap`,
  network: `${LAB_NAME}-network`,
  messaging: `${LAB_NAME}-messaging`,
  resilience: `${LAB_NAME}-resilience`,
  servicesAppMesh: `${LAB_NAME}-services-appmesh`,
  servicesConnect: `${LAB_NAME}-services-connect`,
  ttl: `${LAB_NAME}-ttl`,
  /** AWS only, created by `npm run aws:images` (not by Deploy): the CodeBuild project that builds the images. */
  images: `${LAB_NAME}-images`,
} as const;

/**
 * Stacks in deploy order for a mesh variant; cleanup walks it backwards. The TTL stack comes
 * right after the bootstrap stack (whose bucket holds its code), so a deploy that fails later
 * still removes itself when the time is up.
 */
export function stackOrder(variant: MeshVariant): string[] {
  return [
    STACKS.bootstrap,
    STACKS.ttl,
    STACKS.network,
    STACKS.messaging,
    STACKS.resilience,
    variant === "appmesh" ? STACKS.servicesAppMesh : STACKS.servicesConnect,
  ];
}

export const OUTPUT_KEYS = [
  "AlbDnsName",
  "OrderEventsTopicArn",
  "UserEventsTopicArn",
  "InventoryEventsTopicArn",
  "AlarmTopicArn",
  "OrderProcessingQueueUrl",
  "NotificationsQueueUrl",
  "AnalyticsQueueUrl",
  "OrderProcessingDlqUrl",
  "NotificationsDlqUrl",
  "AnalyticsDlqUrl",
] as const;
export type OutputKey = (typeof OUTPUT_KEYS)[number];

/** Outputs are exported as `<stack>-<key>`. */
export const exportName = (stack: string, key: OutputKey) => `${stack}-${key}`;

/**
 * The shell variable `npm run lab -- env` exports for a stack output, and the one the
 * console's commands use: `OrderEventsTopicArn` → `ORDER_EVENTS_TOPIC_ARN`,
 * `AlbDnsName` → `ALB_DNS_NAME`.
 */
export const outputVar = (key: string) => key.replace(/(?<=[a-z0-9])(?=[A-Z])/g, "_").toUpperCase();

/** The seed's own variable names, exported next to `outputVar`'s so its commands run as written. */
export const SEED_VARIABLES = {
  ALB_DNS: "AlbDnsName",
  ORDER_TOPIC_ARN: "OrderEventsTopicArn",
} as const satisfies Record<string, OutputKey>;

export const TOPICS = {
  orderEvents: "order-events",
  userEvents: "user-events",
  inventoryEvents: "inventory-events",
  labAlarms: "lab-alarms",
} as const;
export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

export const QUEUES = {
  orderProcessing: "order-processing",
  notifications: "notifications",
  analytics: "analytics",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const dlqName = (queue: QueueName) => `${queue}-dlq` as const;
export const MAX_RECEIVE_COUNT = 3;

export const EVENT_TYPES = [
  "order_created",
  "order_cancelled",
  "order_shipped",
  "user_registered",
  "stock_low",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface Subscription {
  topic: TopicName;
  queue: QueueName;
  rawMessageDelivery: boolean;
  filterPolicy?: Record<string, unknown>;
}

/** The event contract: which topic reaches which queue, through which filter. */
export const SUBSCRIPTIONS: readonly Subscription[] = [
  {
    topic: TOPICS.orderEvents,
    queue: QUEUES.orderProcessing,
    rawMessageDelivery: true,
    filterPolicy: { eventType: ["order_created", "order_cancelled"] },
  },
  {
    topic: TOPICS.orderEvents,
    queue: QUEUES.notifications,
    rawMessageDelivery: true,
    filterPolicy: { eventType: ["order_created", "order_shipped"] },
  },
  {
    topic: TOPICS.userEvents,
    queue: QUEUES.notifications,
    rawMessageDelivery: true,
    filterPolicy: { eventType: ["user_registered"] },
  },
  {
    topic: TOPICS.inventoryEvents,
    queue: QUEUES.notifications,
    rawMessageDelivery: true,
    filterPolicy: { eventType: ["stock_low"], quantity: [{ numeric: ["<", 10] }] },
  },
  { topic: TOPICS.orderEvents, queue: QUEUES.analytics, rawMessageDelivery: false },
  { topic: TOPICS.userEvents, queue: QUEUES.analytics, rawMessageDelivery: false },
  { topic: TOPICS.inventoryEvents, queue: QUEUES.analytics, rawMessageDelivery: false },
];

export const TRACE_HEADER = "X-Amzn-Trace-Id";

export const CLUSTER = "cross-service-cluster";
export const SERVICES = {
  user: "user-service",
  order: "order-service",
  inventory: "inventory-service",
  inventoryV2: "inventory-service-v2",
  notification: "notification-service",
} as const;
export type ServiceName = (typeof SERVICES)[keyof typeof SERVICES];
export const logGroupFor = (service: string) => `/ecs/${service}`;

export const LAMBDAS = {
  circuitBreakerManager: "circuit-breaker-manager",
  healthChecker: "health-checker",
  analyticsConsumer: "analytics-consumer",
} as const;
export const HEALTH_CHECK_SCHEDULE = "rate(1 minute)";

/**
 * Every stack the lab may have, in creation order: both variants of the services stack, and
 * the images stack, which uses the bootstrap stack's exports. Cleanup walks it backwards.
 */
export const ALL_STACK_NAMES: readonly string[] = [
  STACKS.bootstrap,
  STACKS.images,
  ...stackOrder("appmesh").slice(1),
  STACKS.servicesConnect,
];

/** The lab TTL: a scheduled cleanup in the account (cloudformation/ttl.yaml). */
export const TTL_FUNCTION = `${LAB_NAME}-ttl`;
export const DEFAULT_TTL_HOURS = 4;
export const MAX_TTL_HOURS = 72;
/** Every function bundled and uploaded to the artifacts bucket: the lab's and the TTL's. */
export const BUNDLED_LAMBDAS: readonly string[] = [...Object.values(LAMBDAS), TTL_FUNCTION];

export const TABLES = {
  circuitBreakerState: "circuit-breaker-state",
  labFaults: "lab-faults",
} as const;
export const TABLE_KEY = "service_name";

export const METRICS = {
  namespace: "CrossServiceLab",
  requests: "Requests",
  errors: "Errors",
  latency: "Latency",
  circuitBreakerState: "CircuitBreakerState",
  eventsProcessed: "EventsProcessed",
} as const;
/** CircuitBreakerState metric values. */
export const BREAKER_STATE_VALUE = { CLOSED: 0, HALF_OPEN: 1, OPEN: 2 } as const;
export const DASHBOARD = LAB_NAME;

export const DEFAULT_PORTS = { console: 3000, emulator: 4566, listener: 8080 } as const;
export const LOCAL_ACCOUNT_ID = "000000000000";
export const DEFAULT_REGION = "us-east-1";

// ── Services, faults and breakers (shared by the services, the Lambdas, the templates'
// tests, the scripts and the console). See services/README.md.

/** The port every service container listens on (the task definitions' containerPort). */
export const SERVICE_PORT = 8080;
/** ALB path prefixes per service; `/<first prefix>/health` is the service's readiness through the ALB. */
export const SERVICE_PATH_PREFIXES = {
  "user-service": ["users", "auth"],
  "order-service": ["orders"],
  "inventory-service": ["inventory"],
  "notification-service": ["notifications"],
} as const satisfies Record<Exclude<ServiceName, "inventory-service-v2">, readonly string[]>;
export type RoutedServiceName = keyof typeof SERVICE_PATH_PREFIXES;
export const ROUTED_SERVICES = Object.keys(SERVICE_PATH_PREFIXES) as RoutedServiceName[];
/** `/users/health`, `/orders/health`, ...: readiness (same answer as `/health/ready`) reachable through the ALB. */
export const healthPathFor = (service: RoutedServiceName) => `/${SERVICE_PATH_PREFIXES[service][0]}/health`;
export const HEALTH_PATHS = { live: "/health/live", ready: "/health/ready" } as const;
/** Services whose calls are guarded by a circuit breaker (order-service's downstreams). */
export const BREAKER_SERVICES = [SERVICES.user, SERVICES.inventory] as const;
/** Container image repository per service (`cross-service-lab/<service>`); the emulator maps it to `services/<service>/main.ts`. */
export const imageRepositoryFor = (service: ServiceName) => `${LAB_NAME}/${service}`;
/** The bootstrap stack's artifacts bucket (Lambda bundles), unique per account and region. */
export const artifactsBucketName = (accountId: string, region: string) => `${LAB_NAME}-artifacts-${accountId}-${region}`;
/** S3 key of a Lambda bundle in the artifacts bucket. */
export const lambdaBundleKey = (fn: string, sha256: string) => `lambdas/${fn}-${sha256.slice(0, 12)}.zip`;
export const MESH = { name: "cross-service-mesh", namespace: "cross-service.local" } as const;

export const BREAKER_STATES = ["CLOSED", "HALF_OPEN", "OPEN"] as const;
export type BreakerState = (typeof BREAKER_STATES)[number];
export const BREAKER_ACTIONS = ["check", "record_success", "record_failure", "reset", "force_open", "force_close"] as const;
export type BreakerAction = (typeof BREAKER_ACTIONS)[number];

export const FAULT_MODES = ["none", "fail", "latency", "error-rate"] as const;
export type FaultMode = (typeof FAULT_MODES)[number];
/**
 * One item per service in `lab-faults` (key `service_name`). Services read it about once a
 * second and ignore it once `expires_at` has passed (dynalite has no TTL).
 * `crash` is not a mode: writing `crash_requested_at` (epoch ms) makes every task of the
 * service that started before that instant exit once; ECS replaces it, and the replacement,
 * started later, ignores it. Other fields are left as they are.
 */
export interface FaultRecord {
  service_name: string;
  mode: FaultMode;
  /** `latency`: added delay per request, ms. */
  latency_ms?: number;
  /** `error-rate`: share of requests answered 503, in percent (0–100). */
  error_rate?: number;
  /** Epoch seconds; absent means until changed. */
  expires_at?: number;
  /** Epoch ms; the one-shot crash command. */
  crash_requested_at?: number;
}
