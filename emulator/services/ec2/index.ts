// EC2 networking as records so CloudFormation's VPC resources act through operations. No SDK
// schemas are installed for EC2 (@aws-sdk/client-ec2), so these are reachable in-process via
// env.api.call("ec2", ...) and the tag index; HTTP callers get InvalidAction.
import type { RequestContext, ServiceEnv, ServiceModule } from "../../core/service.ts";
import { attachInternetGateway, createInternetGateway, deleteInternetGateway, describeInternetGateways, detachInternetGateway } from "./actions/internetGateways.ts";
import { associateRouteTable, createRoute, createRouteTable, deleteRoute, deleteRouteTable, describeRouteTables, disassociateRouteTable } from "./actions/routeTables.ts";
import { authorizeSecurityGroupEgress, authorizeSecurityGroupIngress, createSecurityGroup, deleteSecurityGroup, describeSecurityGroups, revokeSecurityGroupEgress, revokeSecurityGroupIngress } from "./actions/securityGroups.ts";
import { createSubnet, deleteSubnet, describeSubnets, modifySubnetAttribute } from "./actions/subnets.ts";
import { createTags, createVpc, deleteVpc, describeVpcs } from "./actions/vpcs.ts";
import { createEc2Store, type Ec2Store } from "./store.ts";

export function ec2(env: ServiceEnv): ServiceModule {
  const store = createEc2Store(env.state);
  const bind = (fn: (input: any, ctx: RequestContext, store: Ec2Store) => unknown) => (input: any, ctx: RequestContext) => fn(input ?? {}, ctx, store);
  return {
    name: "ec2",
    signingNames: ["ec2"],
    protocols: ["query"],
    xmlNamespace: "http://ec2.amazonaws.com/doc/2016-11-15/",
    operations: {
      CreateVpc: bind(createVpc),
      DeleteVpc: bind(deleteVpc),
      DescribeVpcs: bind(describeVpcs),
      CreateTags: bind(createTags),
      CreateSubnet: bind(createSubnet),
      DeleteSubnet: bind(deleteSubnet),
      DescribeSubnets: bind(describeSubnets),
      ModifySubnetAttribute: bind(modifySubnetAttribute),
      CreateInternetGateway: bind(createInternetGateway),
      AttachInternetGateway: bind(attachInternetGateway),
      DetachInternetGateway: bind(detachInternetGateway),
      DeleteInternetGateway: bind(deleteInternetGateway),
      DescribeInternetGateways: bind(describeInternetGateways),
      CreateRouteTable: bind(createRouteTable),
      DeleteRouteTable: bind(deleteRouteTable),
      DescribeRouteTables: bind(describeRouteTables),
      CreateRoute: bind(createRoute),
      DeleteRoute: bind(deleteRoute),
      AssociateRouteTable: bind(associateRouteTable),
      DisassociateRouteTable: bind(disassociateRouteTable),
      CreateSecurityGroup: bind(createSecurityGroup),
      DeleteSecurityGroup: bind(deleteSecurityGroup),
      DescribeSecurityGroups: bind(describeSecurityGroups),
      AuthorizeSecurityGroupIngress: bind(authorizeSecurityGroupIngress),
      RevokeSecurityGroupIngress: bind(revokeSecurityGroupIngress),
      AuthorizeSecurityGroupEgress: bind(authorizeSecurityGroupEgress),
      RevokeSecurityGroupEgress: bind(revokeSecurityGroupEgress),
    },
    reset: () => env.state.clear("ec2.resources"),
  };
}
