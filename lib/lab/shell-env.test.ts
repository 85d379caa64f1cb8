import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cliEnvOf, targetFrom } from "../aws/target.ts";
import { OUTPUT_KEYS, outputVar } from "./contract.ts";
import { envScript, envVariables, shellQuote } from "./shell-env.ts";

const outputs = {
  AlbDnsName: "localhost",
  OrderEventsTopicArn: "arn:aws:sns:us-east-1:000000000000:order-events",
  OrderProcessingQueueUrl: "http://127.0.0.1:4566/000000000000/order-processing",
  OrderProcessingDlqUrl: "http://127.0.0.1:4566/000000000000/order-processing-dlq",
  ListenerPort: "8080",
};

describe("outputVar", () => {
  it("names each output in SCREAMING_SNAKE, as the console's commands use it", () => {
    assert.equal(outputVar("AlbDnsName"), "ALB_DNS_NAME");
    assert.equal(outputVar("OrderEventsTopicArn"), "ORDER_EVENTS_TOPIC_ARN");
    assert.equal(outputVar("OrderProcessingDlqUrl"), "ORDER_PROCESSING_DLQ_URL");
    assert.equal(outputVar("PublicSubnet1Id"), "PUBLIC_SUBNET1_ID");
    for (const key of OUTPUT_KEYS) assert.match(outputVar(key), /^[A-Z][A-Z0-9_]*$/);
  });
});

describe("env", () => {
  const local = targetFrom({ kind: "local", region: "us-east-1" }, { emulatorPort: 4566 });
  const aws = targetFrom({ kind: "aws", region: "eu-west-1", profile: "lab" }, { emulatorPort: 4566 });

  it("exports every output, plus the seed's ORDER_TOPIC_ARN and ALB_DNS", () => {
    const vars = Object.fromEntries(envVariables({}, outputs));
    assert.equal(vars.ORDER_EVENTS_TOPIC_ARN, outputs.OrderEventsTopicArn);
    assert.equal(vars.ORDER_TOPIC_ARN, outputs.OrderEventsTopicArn);
    assert.equal(vars.ALB_DNS_NAME, "localhost");
    assert.equal(vars.ALB_DNS, "localhost");
    assert.equal(vars.ORDER_PROCESSING_QUEUE_URL, outputs.OrderProcessingQueueUrl);
    assert.equal(vars.LISTENER_PORT, "8080");
  });

  it("points the CLIs at the emulator locally, with test keys and an alias for CLIs that ignore AWS_ENDPOINT_URL", () => {
    const script = envScript("Local emulator", cliEnvOf(local), outputs);
    assert.match(script, /^export AWS_ENDPOINT_URL=http:\/\/127\.0\.0\.1:4566$/m);
    assert.match(script, /^export AWS_ACCESS_KEY_ID=test$/m);
    assert.match(script, /^export AWS_SECRET_ACCESS_KEY=test$/m);
    assert.match(script, /^export AWS_DEFAULT_REGION=us-east-1$/m);
    assert.match(script, /^alias aws='aws --endpoint-url http:\/\/127\.0\.0\.1:4566'$/m);
    assert.match(script, /^export ORDER_TOPIC_ARN=arn:aws:sns:us-east-1:000000000000:order-events$/m);
  });

  it("prints no endpoint and no credentials on AWS, and undoes a local env", () => {
    const script = envScript("AWS", cliEnvOf(aws), outputs);
    assert.doesNotMatch(script, /export AWS_ENDPOINT_URL|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|alias aws=/);
    assert.match(script, /^export AWS_PROFILE=lab$/m);
    assert.match(script, /^export AWS_DEFAULT_REGION=eu-west-1$/m);
    assert.match(script, /^unset AWS_ENDPOINT_URL$/m);
  });

  it("says when there are no outputs yet", () => {
    assert.match(envScript("x", cliEnvOf(local), {}), /not deployed/);
  });

  it("quotes only what the shell would split", () => {
    assert.equal(shellQuote("arn:aws:sns:us-east-1:1:t"), "arn:aws:sns:us-east-1:1:t");
    assert.equal(shellQuote("a b"), "'a b'");
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
  });
});
