import type { Metadata } from "next";
import { CreateIntegrationForm } from "@/components/integrations/integration-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { listConnectorTypes } from "@/lib/integrations/list-connector-types";

export const metadata: Metadata = { title: "Add an integration" };

export default async function NewIntegrationPage() {
  const ctx = await requirePageCtx("integrations.manage");
  const { data: connectorTypes } = await listConnectorTypes({ ctx });
  return (
    <>
      <PageHeader title="Add an integration" description="Choose what it is, then configure where its webhook goes." />
      <CreateIntegrationForm connectorTypes={connectorTypes} />
    </>
  );
}
