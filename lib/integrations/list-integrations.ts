import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { decodeCursor, olderThan, toPage, type Page } from "@/lib/pagination";
import { lastExecutionsOf } from "./last-executions";
import { listIntegrationsQuery, type ListIntegrationsQuery } from "./schemas";
import { integrationFields, toIntegrationView, toWebhookState, type IntegrationListItem } from "./views";

/** Integrations, newest first, optionally those whose name contains `q`, with their webhook state. */
export async function listIntegrations({ ctx, query }: { ctx: Ctx; query: ListIntegrationsQuery }): Promise<Page<IntegrationListItem>> {
  authorize(ctx, "portal.read");
  const { q, limit, cursor } = listIntegrationsQuery.parse(query);
  const rows = await db.integration.findMany({
    where: { ...(q && { name: { contains: q, mode: "insensitive" } }), ...olderThan("createdAt", decodeCursor(cursor)) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      ...integrationFields,
      webhook: { select: { enabled: true } },
      subscriptions: { select: { enabled: true, disabledReason: true }, orderBy: { createdAt: "asc" } },
    },
  });
  const page = toPage(rows, limit, (i) => i.createdAt);
  const lastExecutions = await lastExecutionsOf(
    db,
    page.data.map((i) => i.id),
  );
  return {
    nextCursor: page.nextCursor,
    data: page.data.map(({ webhook, subscriptions, ...integration }) => ({
      ...toIntegrationView(integration),
      webhookState: toWebhookState(webhook),
      subscriptions: {
        total: subscriptions.length,
        disabled: subscriptions.filter((s) => !s.enabled).length,
        disabledReason: subscriptions.find((s) => s.disabledReason)?.disabledReason ?? null,
      },
      lastExecution: lastExecutions.get(integration.id) ?? null,
    })),
  };
}
