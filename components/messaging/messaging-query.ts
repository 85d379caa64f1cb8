import type { MessageFlow, MessagingTopology, PeekView, QueuesSnapshot } from "@/lib/data/messaging";

// Query keys and fetchers for the Messaging page's live reads (app/api/messaging/*).
export const MESSAGING_KEYS = {
  topology: ["messaging", "topology"] as const,
  queues: ["messaging", "queues"] as const,
  flow: (messageId: string) => ["messaging", "flow", messageId] as const,
  peek: (queue: string) => ["messaging", "peek", queue] as const,
};

/** What the page needs to know about the target; never credentials. */
export interface MessagingTarget {
  label: string;
  region: string;
  inspectionApi: boolean;
  safePeek: boolean;
  pollMs: number;
  confirmation: "single" | "type-account-id";
}

async function read<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store" });
  const json = await response.json().catch(() => undefined);
  if (!response.ok) throw new Error((json as { error?: string } | undefined)?.error ?? `The console answered ${response.status} for ${url}`);
  return json as T;
}

export const fetchTopology = () => read<MessagingTopology>("/api/messaging/topology");
export const fetchQueues = () => read<QueuesSnapshot>("/api/messaging/queues");
export const fetchFlow = (messageId: string, topic: string) =>
  read<MessageFlow | { pending: true }>(`/api/messaging/flow?messageId=${encodeURIComponent(messageId)}&topic=${encodeURIComponent(topic)}`);
export const fetchPeek = (queue: string) => read<PeekView>(`/api/messaging/peek?queue=${encodeURIComponent(queue)}`);
