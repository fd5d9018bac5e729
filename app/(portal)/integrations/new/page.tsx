import type { Metadata } from "next";
import { CreateIntegrationForm } from "@/components/integrations/integration-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";

export const metadata: Metadata = { title: "Add an integration" };

export default async function NewIntegrationPage() {
  await requirePageCtx("integrations.manage");
  return (
    <>
      <PageHeader title="Add an integration" description="After this, you configure where its webhook goes." />
      <CreateIntegrationForm />
    </>
  );
}
