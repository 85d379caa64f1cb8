// ECR repositories as records. No registry protocol (docker push) is served, so images only
// exist if a future runtime records them; the lab maps images to services/<name> entry points.
import type { ImageIdentifier, Repository, Tag } from "@aws-sdk/client-ecr";
import type { StateDb } from "../../core/state.ts";

export interface RepositoryRecord extends Omit<Repository, "createdAt"> {
  repositoryName: string;
  repositoryArn: string;
  createdAt: string;
  tags: Tag[];
  images: (ImageIdentifier & { imagePushedAt: string })[];
}

export const createEcrStore = (state: StateDb) => state.map<RepositoryRecord>("ecr.repositories");
export type EcrStore = ReturnType<typeof createEcrStore>;
