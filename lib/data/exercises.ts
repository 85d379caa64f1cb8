// The seed's four exercises, step by step, with the CLI command that does the
// same thing as the console. Step titles are the seed's own words.
import {
  DASHBOARD,
  LAMBDAS,
  logGroupFor,
  MESH,
  METRICS,
  type OutputKey,
  outputVar,
  SERVICES,
  STACKS,
} from "../lab/contract.ts";

export type InstrumentKind = "chart" | "breaker" | "map" | "timeline" | "tree";

/** What the learner does in the page for a step; each is a small form in components/exercises. */
export type StepAction =
  | "deploy"
  | "list-mesh"
  | "send-order"
  | "send-orders"
  | "canary"
  | "publish-created"
  | "publish-shipped"
  | "publish-poison"
  | "health-check"
  | "fault-user"
  | "trip-breaker"
  | "fallback-order"
  | "force-breaker"
  | "create-alarm";

/** The live instrument in the right column while a step is the one in focus. */
export type StepInstrument = "map" | "traces" | "routes" | "queues" | "breaker" | "timeline" | "metrics" | "alarms";

export interface ExerciseStep {
  title: string;
  /** What the step does, then why it matters; `backticks` mark code. */
  explanation: string;
  command: string;
  action: StepAction;
  instrument: StepInstrument;
}

export interface Exercise {
  number: 1 | 2 | 3 | 4;
  title: string;
  shortTitle: string;
  purpose: string;
  instrument: { title: string; description: string; kind: InstrumentKind };
  steps: ExerciseStep[];
}

/** Kept for existing importers; the naming lives in the contract. */
export { outputVar };

const $ = (key: OutputKey) => `$${outputVar(key)}`;
const ALB = `http://${$("AlbDnsName")}:8080`;
const invokeBreaker = (action: string) =>
  `aws lambda invoke --function-name ${LAMBDAS.circuitBreakerManager} \\\n  --cli-binary-format raw-in-base64-out \\\n  --payload '{"service_name": "${SERVICES.user}", "action": "${action}"}' \\\n  /tmp/response.json && cat /tmp/response.json`;
const publish = (topic: OutputKey, eventType: string, message: string) =>
  `aws sns publish --topic-arn ${$(topic)} \\\n  --message '${message}' \\\n  --message-attributes '{"eventType":{"DataType":"String","StringValue":"${eventType}"}}'`;
const queueDepth = (queue: OutputKey) =>
  `aws sqs get-queue-attributes --queue-url ${$(queue)} \\\n  --attribute-names ApproximateNumberOfMessages ApproximateNumberOfMessagesNotVisible`;
/** The services stack's other parameters, kept as they are by a weights-only update. */
const KEEP_PARAMETERS = ["NetworkStackName", "MessagingStackName", "ResilienceStackName", "UserServiceImage", "OrderServiceImage", "InventoryServiceImage", "InventoryServiceV2Image", "NotificationServiceImage", "EnvoyImage", "ListenerPort", "DesiredCount"];
const lastTenMinutes = `--start-time $(date -d '-10 min' +%s) --end-time $(date +%s)`;

export const EXERCISES: readonly Exercise[] = [
  {
    number: 1,
    title: "Service mesh communication",
    shortTitle: "Service mesh",
    purpose:
      "Send requests through the mesh and watch each hop, so you see what the sidecar does that your code no longer has to.",
    instrument: {
      title: "Service map",
      description: "The ALB, the four services and their edges; thickness is requests per second, colour is error %.",
      kind: "map",
    },
    steps: [
      {
        title: "Deploy the infrastructure using the provisioning script",
        explanation:
          "Create the five stacks in order: bootstrap, network, messaging, resilience, then the services with App Mesh. Each stack builds on the exports of the one before.",
        command: "npm run lab -- deploy --variant appmesh",
        action: "deploy",
        instrument: "map",
      },
      {
        title: "Verify App Mesh resources in the AWS Console",
        explanation:
          "List the mesh's virtual services and nodes. Services address each other by these virtual names, never by a task's IP, which is what lets the mesh move traffic.",
        command: "aws appmesh list-meshes\naws appmesh list-virtual-services --mesh-name $(aws appmesh list-meshes --query 'meshes[0].meshName' --output text)",
        action: "list-mesh",
        instrument: "map",
      },
      {
        title: "Test service-to-service communication through the mesh",
        explanation:
          "Place an order. The order service calls the user and inventory services through the mesh, so one request becomes three hops you can see on the map.",
        command: `curl -X GET ${ALB}/users/123\ncurl -X POST ${ALB}/orders \\\n  -H 'Content-Type: application/json' \\\n  -d '{"user_id": 123, "items": [{"product_id": "prod-123", "quantity": 2}]}'`,
        action: "send-order",
        instrument: "map",
      },
      {
        title: "Review Envoy proxy logs and X-Ray traces",
        explanation:
          "Read the order service's log and the trace of your request. The trace shows where the time went on each hop, which logs alone cannot.",
        command: `aws logs tail ${logGroupFor(SERVICES.order)} --since 10m\naws xray get-trace-summaries ${lastTenMinutes}`,
        action: "send-order",
        instrument: "traces",
      },
      {
        title: "Change the weighted route",
        explanation:
          "Move more of the inventory traffic to the canary, v2. The mesh splits calls by the route's weights, so you shift traffic without touching a line of code or a DNS record. Service Connect has no weighted routes: there this step explains what was lost.",
        command: `aws cloudformation update-stack --stack-name ${STACKS.servicesAppMesh} \\\n  --use-previous-template --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM --parameters \\\n  ParameterKey=InventoryV1Weight,ParameterValue=50 ParameterKey=InventoryV2Weight,ParameterValue=50 \\\n  ${KEEP_PARAMETERS.map((p) => `ParameterKey=${p},UsePreviousValue=true`).join(" ")}\naws appmesh describe-route --mesh-name ${MESH.name} \\\n  --virtual-router-name inventory-service-router --route-name inventory-canary`,
        action: "canary",
        instrument: "routes",
      },
    ],
  },
  {
    number: 2,
    title: "Asynchronous messaging",
    shortTitle: "Messaging",
    purpose:
      "Publish events and follow them through SNS filters into SQS queues, so you see who receives what, and why.",
    instrument: {
      title: "Queue depth",
      description: "Visible and in-flight messages per queue, the dead-letter queues as red lines, and the publish rate.",
      kind: "chart",
    },
    steps: [
      {
        title: "Publish events to SNS topics",
        explanation:
          "Publish an `order_created` event. SNS copies it to every subscription whose filter policy matches, and the publisher never learns who the consumers are.",
        command: publish("OrderEventsTopicArn", "order_created", '{"orderId": "12345", "userId": "123", "status": "created"}'),
        action: "publish-created",
        instrument: "queues",
      },
      {
        title: "Monitor SQS queue processing",
        explanation:
          "Watch the `order-processing` queue. A message is in flight while a consumer works on it and disappears when it is deleted, so a growing queue means consumers are falling behind.",
        command: queueDepth("OrderProcessingQueueUrl"),
        action: "publish-created",
        instrument: "queues",
      },
      {
        title: "Test message filtering with different event types",
        explanation:
          "Publish `order_shipped`. Only the `notifications` queue accepts it: the filter on `order-processing` lists `order_created` and `order_cancelled` only, so the event never reaches it.",
        command: publish("OrderEventsTopicArn", "order_shipped", '{"orderId": "12345", "status": "shipped"}'),
        action: "publish-shipped",
        instrument: "queues",
      },
      {
        title: "Simulate message processing failures",
        explanation:
          'Publish a poison message, one whose body has `"poison": true`. It fails every time, and after 3 receives SQS moves it to the dead-letter queue instead of retrying forever.',
        command: `${publish("OrderEventsTopicArn", "order_created", '{"orderId": "666", "poison": true}')}\n${queueDepth("OrderProcessingDlqUrl")}`,
        action: "publish-poison",
        instrument: "queues",
      },
    ],
  },
  {
    number: 3,
    title: "Circuit breaker patterns",
    shortTitle: "Circuit breaker",
    purpose:
      "Break the user service on purpose and watch the breaker open, fall back and heal, so you see how one failure stays contained.",
    instrument: {
      title: "Breaker: user-service",
      description: "State, rolling error %, requests per second and latency, with the time left until HALF_OPEN.",
      kind: "breaker",
    },
    steps: [
      {
        title: "Monitor service health with the health checker",
        explanation:
          "Run the health checker once. It probes each service's `/health/ready` and feeds the result to the breaker, which is how an OPEN breaker learns that a service is back.",
        command: `aws lambda invoke --function-name ${LAMBDAS.healthChecker} /tmp/health.json && cat /tmp/health.json`,
        action: "health-check",
        instrument: "breaker",
      },
      {
        title: "Simulate service failures",
        explanation:
          "Make the user service fail. Its business routes return 503 while `/health/live` stays up, so ECS keeps the task and only the breaker reacts.",
        command: `./scripts/simulate-service-failure.sh ${SERVICES.user} fail`,
        action: "fault-user",
        instrument: "breaker",
      },
      {
        title: "Observe circuit breaker state changes",
        explanation:
          "Check the breaker. After 5 failures within 10 s it opens and stops calling the user service for 15 s, which gives the service room to recover.",
        command: invokeBreaker("check"),
        action: "trip-breaker",
        instrument: "breaker",
      },
      {
        title: "Test fallback behavior during failures",
        explanation:
          "Place an order while the breaker is open. The order service answers 202 with verification deferred instead of an error, then recover the service and watch the breaker close.",
        command: `curl -i -X POST ${ALB}/orders \\\n  -H 'Content-Type: application/json' \\\n  -d '{"user_id": 123, "items": [{"product_id": "prod-123", "quantity": 2}]}'\n./scripts/simulate-service-failure.sh ${SERVICES.user} recover`,
        action: "fallback-order",
        instrument: "timeline",
      },
    ],
  },
  {
    number: 4,
    title: "Observability and monitoring",
    shortTitle: "Observability",
    purpose:
      "Read the lab's metrics, traces and alarms, so you can tell from the outside what the system is doing and when it needs you.",
    instrument: {
      title: "Breaker timeline",
      description: "Fault injections as bands, breaker transitions as markers, alarm states as a strip and the error rate as a line.",
      kind: "timeline",
    },
    steps: [
      {
        title: "Review CloudWatch metrics and dashboards",
        explanation:
          "List the lab's metrics and open its dashboard. Requests, errors and latency per service are the first numbers to read when something feels slow.",
        command: `aws cloudwatch list-metrics --namespace ${METRICS.namespace}\naws cloudwatch get-dashboard --dashboard-name ${DASHBOARD}`,
        action: "send-orders",
        instrument: "metrics",
      },
      {
        title: "Analyze X-Ray service maps and traces",
        explanation:
          "Fetch the service graph. It is drawn from the traces themselves, so it shows the calls that really happen rather than the ones on the diagram.",
        command: `aws xray get-service-graph ${lastTenMinutes}`,
        action: "send-order",
        instrument: "traces",
      },
      {
        title: "Monitor circuit breaker state changes",
        explanation:
          "Read the `CircuitBreakerState` metric: 0 is closed, 1 half-open, 2 open. Graphed over time it shows how long users were on the fallback.",
        command: `aws cloudwatch get-metric-statistics --namespace ${METRICS.namespace} \\\n  --metric-name ${METRICS.circuitBreakerState} --dimensions Name=ServiceName,Value=${SERVICES.user} \\\n  ${lastTenMinutes} --period 60 --statistics Maximum`,
        action: "force-breaker",
        instrument: "timeline",
      },
      {
        title: "Set up custom alarms and notifications",
        explanation:
          "Create an alarm on the order service's errors that notifies the `lab-alarms` topic. An alarm turns a number you would have to watch into a message that finds you.",
        command: `aws cloudwatch put-metric-alarm --alarm-name order-service-errors \\\n  --namespace ${METRICS.namespace} --metric-name ${METRICS.errors} \\\n  --dimensions Name=Service,Value=${SERVICES.order} --statistic Sum \\\n  --period 10 --evaluation-periods 1 --threshold 5 \\\n  --comparison-operator GreaterThanOrEqualToThreshold \\\n  --alarm-actions ${$("AlarmTopicArn")}`,
        action: "create-alarm",
        instrument: "alarms",
      },
    ],
  },
];

export const exerciseHref = (number: number) => `/exercises/${number}`;

export function findExercise(number: string | number): Exercise | undefined {
  return EXERCISES.find((exercise) => String(exercise.number) === String(number));
}

/** `2.3`: exercise 2, step 3; the key progress and checks use. */
export const stepId = (exercise: number, index: number) => `${exercise}.${index + 1}`;
