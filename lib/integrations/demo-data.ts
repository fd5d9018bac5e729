import { encryptSecret } from "@/lib/crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { generateSigningSecret } from "@/lib/webhooks/signing";
import type { ConnectorType } from "@/lib/webhooks/connector-types";
import { DEFAULT_WORKSPACE_ID, inWorkspace } from "@/lib/workspaces/scope";
import type { Platform } from "./schemas";
import { urlColumns } from "./internal/webhook-secrets";

interface DemoIntegration {
  name: string;
  slug: string;
  platform: Platform;
  connectorType: ConnectorType;
  description: string;
  webhook?: { url: string; enabled: boolean };
}

const DEMO: DemoIntegration[] = [
  {
    name: "Incident alerts to on-call",
    slug: "demo-incident-alerts",
    platform: "n8n",
    connectorType: "standard",
    description: "Demo: an n8n workflow that pages the on-call engineer. Safe to delete.",
    webhook: { url: "https://n8n.example.com/webhook/incident-alerts", enabled: true },
  },
  {
    name: "New customers to CRM",
    slug: "demo-crm-sync",
    platform: "zapier",
    connectorType: "zapier",
    description: "Demo: a Zap that adds new customers to the CRM; its webhook is disabled. Safe to delete.",
    webhook: { url: "https://hooks.zapier.example.com/hooks/catch/123456/abcdef/", enabled: false },
  },
  {
    name: "Weekly report",
    slug: "demo-weekly-report",
    platform: "make",
    connectorType: "standard",
    description: "Demo: a Make scenario with no webhook configured yet. Safe to delete.",
  },
  {
    name: "Ops channel",
    slug: "demo-ops-channel",
    platform: "slack",
    connectorType: "slack",
    description: "Demo: a Slack channel's incoming webhook; events arrive as Block Kit messages. Safe to delete.",
    webhook: { url: "https://hooks.slack.example.com/services/T0000DEMO/B0000DEMO/demo0secret0part", enabled: true },
  },
];

/**
 * A small, clearly labelled demo dataset in the default workspace, created only when it has no integration at all.
 * The rows are written directly with Prisma, not through saveWebhookConfig: that verb resolves
 * the URL's host to check its addresses, and a portal without DNS (or offline) could not seed.
 * The example.com hosts are reserved names that never receive anything.
 */
export async function seedDemoIntegrations(db: PrismaClient): Promise<number> {
  return inWorkspace(DEFAULT_WORKSPACE_ID, () => seedInDefaultWorkspace(db));
}

async function seedInDefaultWorkspace(db: PrismaClient): Promise<number> {
  return await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(727211097)`;
    if ((await tx.integration.count()) > 0) return 0;
    for (const { webhook, ...integration } of DEMO) {
      await tx.integration.create({
        data: {
          ...integration,
          ...(webhook && {
            webhook: {
              create: {
                ...webhook,
                ...urlColumns(integration.connectorType, webhook.url),
                signingSecretEnc: encryptSecret(generateSigningSecret()),
              },
            },
          }),
        },
      });
    }
    return DEMO.length;
  });
}
