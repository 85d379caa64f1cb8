// Calls a service that speaks HTTP itself (fauxqs, dynalite) through its real SDK client,
// against the gateway's own loopback URL. Other services use this when they need SQS, SNS,
// S3 or DynamoDB (CloudFormation, Lambda event sources, alarm actions).
const CLIENT_MODULES: Record<string, () => Promise<Record<string, any>>> = {
  sqs: () => import("@aws-sdk/client-sqs"),
  sns: () => import("@aws-sdk/client-sns"),
  s3: () => import("@aws-sdk/client-s3"),
  dynamodb: () => import("@aws-sdk/client-dynamodb"),
};

const clients = new Map<string, { mod: Record<string, any>; client: { send(c: unknown): Promise<any> } }>();

export async function selfClientCall(url: string, service: string, operation: string, input: unknown, region: string) {
  const key = `${service}/${region}/${url}`;
  let entry = clients.get(key);
  if (!entry) {
    const load = CLIENT_MODULES[service];
    if (!load) throw new Error(`No operation table or client for service ${service}`);
    const mod = await load();
    const ClientClass = Object.entries(mod).find(([k]) => k.endsWith("Client") && !k.startsWith("__"))?.[1];
    const client = new ClientClass({
      endpoint: url,
      region,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      forcePathStyle: true,
      maxAttempts: 2,
    });
    entry = { mod, client };
    clients.set(key, entry);
  }
  const Command = entry.mod[`${operation}Command`];
  if (!Command) throw new Error(`${service} has no operation ${operation}`);
  const out = await entry.client.send(new Command(input));
  delete out?.$metadata;
  return out;
}
