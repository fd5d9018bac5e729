import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The one place that says which transformation versions belong to an integration's own
 * transformation (not one of its subscriptions'). A workspace scope, when it comes, joins here.
 */
export const versionsWhere = (integrationId: string): Prisma.TransformationWhereInput => ({ integrationId, subscriptionId: null });
