import { apiRoute, created, readJson } from "@/lib/api/route";
import { createSubscription } from "@/lib/subscriptions/create-subscription";
import { listSubscriptions } from "@/lib/subscriptions/list-subscriptions";
import { createSubscriptionInput } from "@/lib/subscriptions/schemas";

export const GET = apiRoute<{ id: string }>("portal.read", async ({ ctx, params }) => listSubscriptions({ ctx, integrationId: params.id }));

export const POST = apiRoute<{ id: string }>("integrations.manage", async ({ ctx, request, params }) =>
  created(await createSubscription({ ctx, integrationId: params.id, input: await readJson(request, createSubscriptionInput) })),
);
