// user-service: demo users, registration (publishes user_registered to user-events) and a
// small HMAC token login. The seed's calls need no token.
import { SNSClient } from "@aws-sdk/client-sns";
import { z } from "zod";
import { SERVICE_PATH_PREFIXES, SERVICES } from "../../lib/lab/contract.ts";
import { publishEvent } from "../shared/events.ts";
import { HttpError, type ServiceDefinition } from "../shared/http.ts";
import { TokenSigner, UserDirectory } from "./users.ts";

const RegisterBody = z.object({ name: z.string().trim().min(1).max(100), email: z.email() });
const LoginBody = z.union([
  z.object({ user_id: z.coerce.number().int(), password: z.string().min(1) }),
  z.object({ email: z.email(), password: z.string().min(1) }),
]);

export function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new HttpError(400, "ValidationError", `${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  return r.data;
}

export const userService: ServiceDefinition = {
  name: SERVICES.user,
  prefixes: SERVICE_PATH_PREFIXES["user-service"],
  build({ env, log, awsConfig, version }) {
    const sns = new SNSClient(awsConfig);
    const users = new UserDirectory();
    const tokens = new TokenSigner(env.AUTH_SECRET);
    const nowSec = () => Math.floor(Date.now() / 1000);
    return {
      routes: [
        {
          method: "GET",
          path: "/users/:id",
          handler: ({ params }) => {
            const user = users.get(Number(params.id));
            if (!user) throw new HttpError(404, "UserNotFound", `no user ${params.id}`);
            return { status: 200, body: { ...user, served_by: version } };
          },
        },
        {
          method: "POST",
          path: "/users",
          handler: async (ctx) => {
            const { name, email } = parse(RegisterBody, await ctx.body());
            if (users.findByEmail(email)) throw new HttpError(409, "UserExists", `${email} is already registered`);
            const user = users.register(name, email);
            const event = { eventType: "user_registered" as const, userId: user.id, name: user.name, email: user.email, timestamp: user.created_at };
            const published = await publishEvent({ sns, topicArn: env.USER_EVENTS_TOPIC_ARN, event, segment: ctx.segment, log });
            return { status: 201, body: { ...user, event: { type: event.eventType, ...published } } };
          },
        },
        {
          method: "POST",
          path: "/auth/login",
          handler: async (ctx) => {
            const body = parse(LoginBody, await ctx.body());
            const user = "email" in body ? users.findByEmail(body.email) : users.get(body.user_id);
            // A lab: any non-empty password is accepted for an existing user.
            if (!user) throw new HttpError(401, "InvalidCredentials", "unknown user");
            return { status: 200, body: { token: tokens.sign(user, nowSec()), token_type: "Bearer", expires_in: 3_600, user_id: user.id } };
          },
        },
        {
          method: "GET",
          path: "/auth/verify",
          handler: ({ headers }) => {
            const auth = headers.authorization ?? "";
            const token = auth.startsWith("Bearer ") ? auth.slice(7).trim() : "";
            if (!token) throw new HttpError(401, "MissingToken", "send Authorization: Bearer <token>");
            const result = tokens.verify(token, nowSec());
            if (!result.valid) throw new HttpError(401, "InvalidToken", result.reason);
            return { status: 200, body: { valid: true, user_id: result.claims.sub, email: result.claims.email, expires_at: result.claims.exp } };
          },
        },
      ],
    };
  },
};
