// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecr-repository.html
import { allTags, bool, ignoreNotFound } from "./helpers.ts";
import type { ResourceModule } from "./types.ts";

export const ecrRepository: ResourceModule = {
  type: "AWS::ECR::Repository",
  replaceOn: ["RepositoryName", "EncryptionConfiguration"],
  nameProperty: "RepositoryName",
  properties: ["RepositoryName", "ImageTagMutability", "ImageScanningConfiguration", "EncryptionConfiguration", "EmptyOnDelete", "Tags"],
  async create(props, ctx) {
    const { repository } = await ctx.api.call("ecr", "CreateRepository", {
      repositoryName: props.RepositoryName ?? ctx.physicalName({ maxLength: 256, lowercase: true }),
      imageTagMutability: props.ImageTagMutability,
      imageScanningConfiguration: props.ImageScanningConfiguration && { scanOnPush: bool(props.ImageScanningConfiguration.ScanOnPush) },
      encryptionConfiguration: props.EncryptionConfiguration && { encryptionType: props.EncryptionConfiguration.EncryptionType, kmsKey: props.EncryptionConfiguration.KmsKey },
      tags: allTags(props, ctx),
    });
    return { physicalId: repository.repositoryName, arn: repository.repositoryArn, attributes: { Arn: repository.repositoryArn, RepositoryUri: repository.repositoryUri } };
  },
  // A repository with images fails with RepositoryNotEmptyException unless EmptyOnDelete, as on AWS.
  async delete(name, props, ctx) {
    await ctx.api.call("ecr", "DeleteRepository", { repositoryName: name, force: bool(props.EmptyOnDelete) }).catch(ignoreNotFound);
  },
};
