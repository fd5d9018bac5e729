import { Plug } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";

export const metadata: Metadata = { title: "Integrations" };

export default async function Page() {
  await requirePageCtx("portal.read");
  return (
    <>
      <PageHeader title="Integrations" />
      <EmptyState icon={Plug} title="No integrations yet">An admin adds integrations here: n8n, Zapier, Make, Power Automate, Tines or any custom endpoint.</EmptyState>
    </>
  );
}
