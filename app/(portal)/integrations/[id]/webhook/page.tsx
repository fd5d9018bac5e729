import { ArrowLeft, History } from "lucide-react";
import type { Metadata } from "next";
import { DeleteWebhookButton } from "@/components/integrations/delete-webhook-button";
import { ReceiverSnippetsCard } from "@/components/integrations/receiver-snippets";
import { SigningSecretCard } from "@/components/integrations/signing-secret-card";
import { TestWebhookCard } from "@/components/integrations/test-webhook-card";
import { SetupSteps } from "@/components/integrations/setup-steps";
import { WebhookConfigForm } from "@/components/integrations/webhook-config-form";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { connectorTypeInfo } from "@/lib/webhooks/connector-types";
import { loadIntegration } from "../../load";

export const metadata: Metadata = { title: "Webhook configuration" };

export default async function WebhookConfigPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageCtx("integrations.manage");
  const integration = await loadIntegration(ctx, (await params).id);
  const { webhook } = integration;
  const connector = connectorTypeInfo(integration.connectorType);
  // Receivers verify Standard Webhooks signatures; chat apps and Zapier do not check them.
  const verifies = integration.connectorType === "standard";
  return (
    <>
      <WorkspaceLink
        href={`/integrations/${integration.id}`}
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" aria-hidden /> {integration.name}
      </WorkspaceLink>
      <PageHeader
        title="Webhook configuration"
        description={`Where and how the portal sends “${integration.name}” its messages.`}
        actions={
          <>
            <WorkspaceLink
              href={`/audit-log?target=${integration.id}`}
              className="inline-flex h-9 items-center gap-2 rounded-md border border-input bg-background px-4 text-sm font-medium hover:bg-muted"
            >
              <History className="size-4" aria-hidden /> History
            </WorkspaceLink>
            {webhook && <DeleteWebhookButton integrationId={integration.id} />}
          </>
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-[3fr_2fr]">
        <WebhookConfigForm integrationId={integration.id} platform={integration.platform} initial={webhook} connector={connector} />
        <div className="grid gap-6">
          {connector.type !== "standard" && <SetupSteps info={connector} />}
          {webhook && verifies && (
            <SigningSecretCard integrationId={integration.id} previousSecretExpiresAt={webhook.previousSecretExpiresAt} />
          )}
          {webhook && <TestWebhookCard integrationId={integration.id} />}
        </div>
      </div>
      {webhook && verifies && webhook.signatureStyle === "standard-webhooks" && (
        <div className="mt-6">
          <ReceiverSnippetsCard bearerToken={webhook.bearerTokenSet} />
        </div>
      )}
    </>
  );
}
