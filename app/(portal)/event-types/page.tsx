import { BookOpen } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { CatalogSettingsCard } from "@/components/event-types/catalog-settings-card";
import { ValidationBadge } from "@/components/event-types/compatibility-badge";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { listEventTypes } from "@/lib/event-types/list-event-types";
import { getEventTypeSettings } from "@/lib/event-types/settings";
import { workspaceApiPath } from "@/lib/workspaces/request-names";

export const metadata: Metadata = { title: "Event types" };

/** The catalog: what each event type means and what its details contain, for the people who build receivers. */
export default async function EventTypesPage() {
  const ctx = await requirePageCtx("portal.read");
  const [{ data: types }, settings] = await Promise.all([listEventTypes({ ctx }), getEventTypeSettings({ ctx })]);
  const isAdmin = can(ctx.actor, "integrations.manage");
  const catalog = workspaceApiPath(ctx.workspace.slug, "/api/v1/event-types/catalog");
  return (
    <>
      <PageHeader
        title="Event types"
        description={
          <>
            Each type&apos;s description, the schema of its details and an example in every connector format. As JSON:{" "}
            <Link href={catalog} prefetch={false} className="font-mono text-primary underline-offset-4 hover:underline">
              {catalog}
            </Link>
            {settings.publicCatalog ? " (public)" : ""}; as OpenAPI <code className="font-mono">webhooks</code>:{" "}
            <a href="/api/v1/openapi.json" className="font-mono text-primary underline-offset-4 hover:underline">
              /api/v1/openapi.json
            </a>
            .
          </>
        }
      />
      <div className="grid gap-6">
        {types.length === 0 ? (
          <EmptyState icon={BookOpen} title="No event types yet">
            Types appear here when the first event of each is ingested, or when an admin declares one through the API.
          </EmptyState>
        ) : (
          <Card>
            <CardHeader>
              <CardTitle>Catalog</CardTitle>
              <CardDescription>
                {types.length} type{types.length === 1 ? "" : "s"}; {types.filter((t) => t.schemaVersion).length} with a schema.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <ul className="divide-y" aria-label="Event types">
                {types.map((t) => (
                  <li key={t.name} className="grid gap-1 py-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-center sm:gap-4">
                    <div className="min-w-0">
                      <WorkspaceLink
                        href={`/event-types/${t.name}`}
                        className="break-all font-mono text-sm font-medium text-primary underline-offset-4 hover:underline"
                      >
                        {t.name}
                      </WorkspaceLink>
                      <p className="break-words text-sm text-muted-foreground">{t.description || "No description yet."}</p>
                    </div>
                    <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                      {t.schemaVersion ? <Badge tone="info">Schema v{t.schemaVersion}</Badge> : <Badge>No schema</Badge>}
                      <ValidationBadge mode={t.validation} />
                      <span>
                        {t.seenCount} event{t.seenCount === 1 ? "" : "s"}
                      </span>
                    </div>
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
        )}
        {isAdmin && <CatalogSettingsCard settings={settings} />}
      </div>
    </>
  );
}
