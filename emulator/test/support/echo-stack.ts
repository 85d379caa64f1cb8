// A small ECS + ALB stack deployed through CloudFormation: cluster, the lab-fixture/echo task
// definition, a load balancer whose listener sits on the ListenerPort parameter, and a service
// of `count` tasks behind it. Used by the bind and crash-recovery tests.
import { type CloudFormationClient, CreateStackCommand } from "@aws-sdk/client-cloudformation";
import { events, settled } from "../cfn-wait.ts";

export const ECHO_CLUSTER = "echo-cluster";
export const ECHO_SERVICE = "echo";

export function echoStackTemplate(count: number) {
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Parameters: { ListenerPort: { Type: "Number" } },
    Resources: {
      Cluster: { Type: "AWS::ECS::Cluster", Properties: { ClusterName: ECHO_CLUSTER } },
      Td: {
        Type: "AWS::ECS::TaskDefinition",
        Properties: {
          Family: "echo",
          NetworkMode: "awsvpc",
          RequiresCompatibilities: ["FARGATE"],
          Cpu: "256",
          Memory: "512",
          ContainerDefinitions: [{ Name: "app", Image: "lab-fixture/echo:v1", Essential: true, PortMappings: [{ ContainerPort: 8080 }] }],
        },
      },
      Alb: { Type: "AWS::ElasticLoadBalancingV2::LoadBalancer", Properties: { Subnets: ["subnet-a", "subnet-b"] } },
      Tg: {
        Type: "AWS::ElasticLoadBalancingV2::TargetGroup",
        Properties: { Port: 8080, Protocol: "HTTP", TargetType: "ip", VpcId: "vpc-local", HealthCheckPath: "/health/live", HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2 },
      },
      Listener: {
        Type: "AWS::ElasticLoadBalancingV2::Listener",
        Properties: { LoadBalancerArn: { Ref: "Alb" }, Port: { Ref: "ListenerPort" }, Protocol: "HTTP", DefaultActions: [{ Type: "forward", TargetGroupArn: { Ref: "Tg" } }] },
      },
      Service: {
        Type: "AWS::ECS::Service",
        DependsOn: ["Listener"],
        Properties: {
          Cluster: { Ref: "Cluster" },
          ServiceName: ECHO_SERVICE,
          TaskDefinition: { Ref: "Td" },
          DesiredCount: count,
          LaunchType: "FARGATE",
          LoadBalancers: [{ TargetGroupArn: { Ref: "Tg" }, ContainerName: "app", ContainerPort: 8080 }],
        },
      },
    },
  };
}

/** Creates the stack and waits for CREATE_COMPLETE (failing with the resources' reasons otherwise). */
export async function deployEchoStack(cf: CloudFormationClient, name: string, listenerPort: number, count = 2) {
  await cf.send(new CreateStackCommand({ StackName: name, TemplateBody: JSON.stringify(echoStackTemplate(count)), Parameters: [{ ParameterKey: "ListenerPort", ParameterValue: String(listenerPort) }] }));
  const s = await settled(cf, name, 120_000);
  if (s.StackStatus !== "CREATE_COMPLETE") {
    const failed = (await events(cf, name)).filter((e) => e.ResourceStatus?.endsWith("FAILED")).map((e) => `${e.LogicalResourceId}: ${e.ResourceStatusReason}`);
    throw new Error(`${name} ${s.StackStatus}: ${failed.join(" | ")}`);
  }
  return s;
}
