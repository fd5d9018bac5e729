import type { Transformation } from "@/lib/generated/prisma/client";

export interface TransformationVersionView {
  id: string;
  version: number;
  code: string;
  createdAt: string;
  createdByEmail: string | null;
}

export interface TransformationState {
  integrationId: string;
  /** Set for a subscription's own transformation (which wins over the integration's). */
  subscriptionId: string | null;
  /** The version in use; null when the integration has no transformation. */
  current: TransformationVersionView | null;
  /** Saved versions, newest first (at most 50): any can be restored. */
  versions: TransformationVersionView[];
}

export const toVersionView = (t: Transformation): TransformationVersionView => ({
  id: t.id,
  version: t.version,
  code: t.code,
  createdAt: t.createdAt.toISOString(),
  createdByEmail: t.createdByEmail,
});
