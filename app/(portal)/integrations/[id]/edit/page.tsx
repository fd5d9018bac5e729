import type { Metadata } from "next";
import { EditIntegrationForm } from "@/components/integrations/integration-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { listConnectorTypes } from "@/lib/integrations/list-connector-types";
import { loadIntegration } from "../../load";

export const metadata: Metadata = { title: "Edit integration" };

export default async function EditIntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageCtx("integrations.manage");
  const integration = await loadIntegration(ctx, (await params).id);
  const { id, name, platform, connectorType, description, slug } = integration;
  const { data: connectorTypes } = await listConnectorTypes({ ctx });
  return (
    <>
      <PageHeader title={`Edit ${name}`} />
      <EditIntegrationForm id={id} values={{ name, platform, connectorType, description, slug }} connectorTypes={connectorTypes} />
    </>
  );
}
