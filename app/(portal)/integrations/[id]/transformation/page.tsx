import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { TransformationEditor } from "@/components/transformations/transformation-editor";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { listEventTypes } from "@/lib/event-types/list-event-types";
import { listEvents } from "@/lib/events/list-events";
import { getTransformation } from "@/lib/transformations/get-transformation";
import { loadIntegration } from "../../load";

export const metadata: Metadata = { title: "Transformation" };

export default async function TransformationPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageCtx("integrations.manage");
  const integration = await loadIntegration(ctx, (await params).id);
  const [transformation, recent, types] = await Promise.all([
    getTransformation({ ctx, integrationId: integration.id }),
    listEvents({ ctx, query: { limit: 30 } }),
    listEventTypes({ ctx }),
  ]);
  const examples = types.data.filter((t) => t.example !== null).map((t) => t.name);
  const events = recent.data.map((e) => ({ id: e.id, type: e.type, title: e.title, occurredAt: e.occurredAt.toISOString() }));
  return (
    <>
      <WorkspaceLink
        href={`/integrations/${integration.id}`}
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" aria-hidden /> {integration.name}
      </WorkspaceLink>
      <PageHeader
        title="Transformation"
        description={`JavaScript that reshapes what “${integration.name}” receives, run in a sandbox before each request is signed. Try it on a past event before saving.`}
      />
      {integration.webhook ? (
        <TransformationEditor integrationId={integration.id} initial={transformation} events={events} examples={examples} />
      ) : (
        <p className="text-sm text-muted-foreground">
          Configure the{" "}
          <WorkspaceLink className="text-primary underline-offset-4 hover:underline" href={`/integrations/${integration.id}/webhook`}>
            webhook
          </WorkspaceLink>{" "}
          first: the test bench shows the request it would send.
        </p>
      )}
    </>
  );
}
