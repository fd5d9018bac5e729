import type { Metadata } from "next";
import { EditIntegrationForm } from "@/components/integrations/integration-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { loadIntegration } from "../../load";

export const metadata: Metadata = { title: "Edit integration" };

export default async function EditIntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageCtx("integrations.manage");
  const integration = await loadIntegration(ctx, (await params).id);
  const { id, name, platform, description, slug } = integration;
  return (
    <>
      <PageHeader title={`Edit ${name}`} />
      <EditIntegrationForm id={id} values={{ name, platform, description, slug }} />
    </>
  );
}
