// Repository operations. https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_Operations.html
import type {
  CreateRepositoryRequest,
  CreateRepositoryResponse,
  DeleteRepositoryRequest,
  DeleteRepositoryResponse,
  DescribeRepositoriesRequest,
  DescribeRepositoriesResponse,
  Repository,
} from "@aws-sdk/client-ecr";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import type { EcrStore, RepositoryRecord } from "../store.ts";

const NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

export function repositoryNotFound(name: string, ctx: RequestContext) {
  return new AwsError("RepositoryNotFoundException", `The repository with name '${name}' does not exist in the registry with id '${ctx.accountId}'`);
}

export function getRepository(store: EcrStore, ctx: RequestContext, name: string | undefined): RepositoryRecord {
  const r = name ? store.get(scopedKey(ctx, name)) : undefined;
  if (!r) throw repositoryNotFound(String(name), ctx);
  return r;
}

export const view = ({ tags: _t, images: _i, createdAt, ...r }: RepositoryRecord): Repository => ({ ...r, createdAt: new Date(createdAt) });

export function createRepository(input: CreateRepositoryRequest, ctx: RequestContext, store: EcrStore) {
  const name = input.repositoryName ?? "";
  if (name.length < 2 || name.length > 256 || !NAME.test(name)) {
    throw new AwsError("InvalidParameterException", `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '${NAME.source}''`);
  }
  if (store.has(scopedKey(ctx, name))) {
    throw new AwsError("RepositoryAlreadyExistsException", `The repository with name '${name}' already exists in the registry with id '${ctx.accountId}'`);
  }
  const r: RepositoryRecord = {
    repositoryName: name,
    repositoryArn: `arn:aws:ecr:${ctx.region}:${ctx.accountId}:repository/${name}`,
    registryId: ctx.accountId,
    repositoryUri: `${ctx.accountId}.dkr.ecr.${ctx.region}.amazonaws.com/${name}`,
    createdAt: new Date().toISOString(),
    imageTagMutability: input.imageTagMutability ?? "MUTABLE",
    imageScanningConfiguration: input.imageScanningConfiguration ?? { scanOnPush: false },
    encryptionConfiguration: input.encryptionConfiguration ?? { encryptionType: "AES256" },
    tags: input.tags ?? [],
    images: [],
  };
  store.set(scopedKey(ctx, name), r);
  return { repository: view(r) } satisfies CreateRepositoryResponse;
}

export function describeRepositories(input: DescribeRepositoriesRequest, ctx: RequestContext, store: EcrStore) {
  const prefix = scopedKey(ctx, "");
  const all = [...store.entries()].filter(([k]) => k.startsWith(prefix)).map(([, r]) => r);
  const repos = input.repositoryNames?.length ? input.repositoryNames.map((n) => getRepository(store, ctx, n)) : all;
  return { repositories: repos.map(view) } satisfies DescribeRepositoriesResponse;
}

export function deleteRepository(input: DeleteRepositoryRequest, ctx: RequestContext, store: EcrStore) {
  const r = getRepository(store, ctx, input.repositoryName);
  if (r.images.length && !input.force) {
    throw new AwsError("RepositoryNotEmptyException", `The repository with name '${r.repositoryName}' in registry with id '${ctx.accountId}' cannot be deleted because it still contains images`);
  }
  store.delete(scopedKey(ctx, r.repositoryName));
  return { repository: view(r) } satisfies DeleteRepositoryResponse;
}
