// The user-service's domain: deterministic demo users, registrations, and HMAC-signed tokens.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export interface User {
  id: number;
  name: string;
  email: string;
  tier: "standard" | "gold" | "platinum";
  created_at: string;
}

const FIRST = ["Ada", "Grace", "Alan", "Barbara", "Edsger", "Frances", "Ken", "Margaret", "Linus", "Radia"];
const LAST = ["Lovelace", "Hopper", "Turing", "Liskov", "Dijkstra", "Allen", "Thompson", "Hamilton", "Torvalds", "Perlman"];
const TIERS: User["tier"][] = ["standard", "standard", "gold", "standard", "platinum"];

/** Demo users exist for ids 1..9999; the same id always gives the same user (123 is the seed's). */
export const DEMO_USER_IDS = { min: 1, max: 9_999 } as const;

export function demoUser(id: number): User | undefined {
  if (!Number.isInteger(id) || id < DEMO_USER_IDS.min || id > DEMO_USER_IDS.max) return undefined;
  const first = FIRST[id % FIRST.length];
  const last = LAST[Math.floor(id / FIRST.length) % LAST.length];
  const day = (id % 28) + 1;
  return {
    id,
    name: `${first} ${last}`,
    email: `${first}.${last}.${id}@example.com`.toLowerCase(),
    tier: TIERS[id % TIERS.length],
    created_at: `2024-01-${String(day).padStart(2, "0")}T00:00:00.000Z`,
  };
}

export class UserDirectory {
  private readonly registered = new Map<number, User>();
  private nextId = DEMO_USER_IDS.max + 1;

  get(id: number): User | undefined {
    return this.registered.get(id) ?? demoUser(id);
  }

  findByEmail(email: string): User | undefined {
    const wanted = email.toLowerCase();
    for (const u of this.registered.values()) if (u.email === wanted) return u;
    const m = /\.(\d+)@example\.com$/.exec(wanted);
    const demo = m ? demoUser(Number(m[1])) : undefined;
    return demo?.email === wanted ? demo : undefined;
  }

  register(name: string, email: string, now = new Date()): User {
    const user: User = { id: this.nextId++, name, email: email.toLowerCase(), tier: "standard", created_at: now.toISOString() };
    this.registered.set(user.id, user);
    return user;
  }
}

// ── tokens: base64url(payload).base64url(HMAC-SHA256(payload)) ───────────

export interface TokenClaims {
  sub: number;
  email: string;
  iat: number;
  exp: number;
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString("base64url");

export class TokenSigner {
  private readonly key: Buffer;
  constructor(secret?: string) {
    // Without AUTH_SECRET each task signs with its own random key: tokens are valid for the
    // task that issued them, which is enough for a lab with one task per service.
    this.key = secret ? Buffer.from(secret) : randomBytes(32);
  }

  sign(user: User, nowSec: number, ttlSec = 3_600): string {
    const claims: TokenClaims = { sub: user.id, email: user.email, iat: nowSec, exp: nowSec + ttlSec };
    const payload = b64(JSON.stringify(claims));
    return `${payload}.${b64(createHmac("sha256", this.key).update(payload).digest())}`;
  }

  verify(token: string, nowSec: number): { valid: true; claims: TokenClaims } | { valid: false; reason: string } {
    const [payload, signature, extra] = token.split(".");
    if (!payload || !signature || extra !== undefined) return { valid: false, reason: "malformed token" };
    const expected = createHmac("sha256", this.key).update(payload).digest();
    const given = Buffer.from(signature, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: "bad signature" };
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    } catch {
      return { valid: false, reason: "malformed token" };
    }
    if (typeof claims.exp !== "number" || claims.exp <= nowSec) return { valid: false, reason: "token expired" };
    return { valid: true, claims };
  }
}
