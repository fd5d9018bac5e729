import { Activity } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";

export const metadata: Metadata = { title: "Executions" };

export default async function Page() {
  await requirePageCtx("portal.read");
  return (
    <>
      <PageHeader title="Executions" />
      <EmptyState icon={Activity} title="No executions yet">Every webhook sent by the portal will be listed here with what was sent and what came back.</EmptyState>
    </>
  );
}
