// The explicit registry of CloudFormation resource types: one import and one entry per module.
// How to add one: README.md in this folder.
import { appmeshMesh } from "./appmesh-mesh.ts";
import { appmeshRoute } from "./appmesh-route.ts";
import { appmeshVirtualNode } from "./appmesh-virtual-node.ts";
import { appmeshVirtualRouter } from "./appmesh-virtual-router.ts";
import { appmeshVirtualService } from "./appmesh-virtual-service.ts";
import { cloudwatchAlarm } from "./cloudwatch-alarm.ts";
import { cloudwatchDashboard } from "./cloudwatch-dashboard.ts";
import { dynamodbTable } from "./dynamodb-table.ts";
import { ec2InternetGateway } from "./ec2-internet-gateway.ts";
import { ec2Route } from "./ec2-route.ts";
import { ec2RouteTable } from "./ec2-route-table.ts";
import { ec2SecurityGroup } from "./ec2-security-group.ts";
import { ec2SecurityGroupEgress, ec2SecurityGroupIngress } from "./ec2-security-group-rule.ts";
import { ec2Subnet } from "./ec2-subnet.ts";
import { ec2SubnetRouteTableAssociation } from "./ec2-subnet-route-table-association.ts";
import { ec2Vpc } from "./ec2-vpc.ts";
import { ec2VpcGatewayAttachment } from "./ec2-vpc-gateway-attachment.ts";
import { ecrRepository } from "./ecr-repository.ts";
import { ecsCluster } from "./ecs-cluster.ts";
import { ecsService } from "./ecs-service.ts";
import { ecsTaskDefinition } from "./ecs-task-definition.ts";
import { elbv2Listener } from "./elbv2-listener.ts";
import { elbv2ListenerRule } from "./elbv2-listener-rule.ts";
import { elbv2LoadBalancer } from "./elbv2-load-balancer.ts";
import { elbv2TargetGroup } from "./elbv2-target-group.ts";
import { eventsRule } from "./events-rule.ts";
import { iamManagedPolicy } from "./iam-managed-policy.ts";
import { iamPolicy } from "./iam-policy.ts";
import { iamRole } from "./iam-role.ts";
import { lambdaEventSourceMapping } from "./lambda-event-source-mapping.ts";
import { lambdaFunction } from "./lambda-function.ts";
import { lambdaPermission } from "./lambda-permission.ts";
import { logsLogGroup } from "./logs-log-group.ts";
import { s3Bucket } from "./s3-bucket.ts";
import { s3BucketPolicy } from "./s3-bucket-policy.ts";
import { servicediscoveryHttpNamespace, servicediscoveryPrivateDnsNamespace } from "./servicediscovery-namespace.ts";
import { servicediscoveryService } from "./servicediscovery-service.ts";
import { snsSubscription } from "./sns-subscription.ts";
import { snsTopic } from "./sns-topic.ts";
import { snsTopicPolicy } from "./sns-topic-policy.ts";
import { sqsQueue } from "./sqs-queue.ts";
import { sqsQueuePolicy } from "./sqs-queue-policy.ts";
import type { ResourceModule } from "./types.ts";

const MODULES: ResourceModule[] = [
  appmeshMesh,
  appmeshRoute,
  appmeshVirtualNode,
  appmeshVirtualRouter,
  appmeshVirtualService,
  cloudwatchAlarm,
  cloudwatchDashboard,
  dynamodbTable,
  ec2InternetGateway,
  ec2Route,
  ec2RouteTable,
  ec2SecurityGroup,
  ec2SecurityGroupEgress,
  ec2SecurityGroupIngress,
  ec2Subnet,
  ec2SubnetRouteTableAssociation,
  ec2Vpc,
  ec2VpcGatewayAttachment,
  ecrRepository,
  ecsCluster,
  ecsService,
  ecsTaskDefinition,
  elbv2Listener,
  elbv2ListenerRule,
  elbv2LoadBalancer,
  elbv2TargetGroup,
  eventsRule,
  iamManagedPolicy,
  iamPolicy,
  iamRole,
  lambdaEventSourceMapping,
  lambdaFunction,
  lambdaPermission,
  logsLogGroup,
  s3Bucket,
  s3BucketPolicy,
  servicediscoveryHttpNamespace,
  servicediscoveryPrivateDnsNamespace,
  servicediscoveryService,
  snsSubscription,
  snsTopic,
  snsTopicPolicy,
  sqsQueue,
  sqsQueuePolicy,
];

export const RESOURCE_MODULES: ReadonlyMap<string, ResourceModule> = new Map(MODULES.map((m) => [m.type, m]));
