import { apiRoute, readJson } from "@/lib/api/route";
import { deleteSubscription } from "@/lib/subscriptions/delete-subscription";
import { getSubscription } from "@/lib/subscriptions/get-subscription";
import { updateSubscriptionInput } from "@/lib/subscriptions/schemas";
import { updateSubscription } from "@/lib/subscriptions/update-subscription";

export const GET = apiRoute<{ id: string }>("portal.read", async ({ ctx, params }) => getSubscription({ ctx, id: params.id }));

export const PATCH = apiRoute<{ id: string }>("integrations.manage", async ({ ctx, request, params }) =>
  updateSubscription({ ctx, id: params.id, input: await readJson(request, updateSubscriptionInput) }),
);

export const DELETE = apiRoute<{ id: string }>("integrations.manage", async ({ ctx, params }) => {
  await deleteSubscription({ ctx, id: params.id });
});
