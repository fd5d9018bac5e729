import { CalendarClock } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";

export const metadata: Metadata = { title: "Events" };

export default async function Page() {
  await requirePageCtx("portal.read");
  return (
    <>
      <PageHeader title="Events" />
      <EmptyState icon={CalendarClock} title="No events yet">Events arrive through POST /api/v1/events and appear here.</EmptyState>
    </>
  );
}
