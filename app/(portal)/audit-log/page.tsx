import { History } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage() {
  await requirePageCtx("audit.read");
  return (
    <>
      <PageHeader title="Audit log" description="Every change made in the portal: who, when, from where, and what changed." />
      <EmptyState icon={History} title="The audit log view is not built yet">Audit entries are being recorded; this page will list them.</EmptyState>
    </>
  );
}
