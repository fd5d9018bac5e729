import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CompatibilityBadge, ValidationBadge } from "@/components/event-types/compatibility-badge";
import { ContractForm } from "@/components/event-types/contract-form";
import { ExampleTabs } from "@/components/event-types/example-tabs";
import { SchemaTree } from "@/components/event-types/schema-tree";
import { SendExampleCard } from "@/components/event-types/send-example-card";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { AppError } from "@/lib/errors";
import { getCatalogEntry } from "@/lib/event-types/get-catalog";
import { getEventType } from "@/lib/event-types/get-event-type";
import { listExampleTargets } from "@/lib/executions/list-example-targets";

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).name) };
}

/** One catalog entry: the schema as a tree, its versions, an example per connector format; the contract editor for admins. */
export default async function EventTypePage({ params }: Props) {
  const ctx = await requirePageCtx("portal.read");
  const name = decodeURIComponent((await params).name);
  const found = await Promise.all([getEventType({ ctx, name }), getCatalogEntry({ ctx, name })]).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  if (!found) notFound();
  const [type, entry] = found;
  const isAdmin = can(ctx.actor, "integrations.manage");
  const targets = isAdmin ? await listExampleTargets({ ctx }) : [];
  return (
    <>
      <PageHeader
        title={type.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="break-words">{type.description || "No description yet."}</span>
            {type.schemaVersion ? <Badge tone="info">Schema v{type.schemaVersion}</Badge> : <Badge>No schema</Badge>}
            <ValidationBadge mode={type.validation} />
          </span>
        }
        actions={
          <WorkspaceLink href="/event-types" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            All event types
          </WorkspaceLink>
        }
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle>Details</CardTitle>
            <CardDescription>
              {entry.schema
                ? `What data.event.details contains, from version ${type.schemaVersion} of the schema.`
                : "No schema yet: the details may be any JSON object."}
            </CardDescription>
          </CardHeader>
          <CardContent>{entry.schema && <SchemaTree schema={entry.schema} />}</CardContent>
        </Card>
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle>Example</CardTitle>
            <CardDescription>
              The request body each connector format receives for this type, with{" "}
              {type.example ? "the latest details seen" : "details made from the schema"}.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <ExampleTabs examples={entry.examples} />
            {isAdmin && <SendExampleCard name={type.name} targets={targets} />}
          </CardContent>
        </Card>
        {type.versions.length > 0 && (
          <Card className="min-w-0">
            <CardHeader>
              <CardTitle>Versions</CardTitle>
              <CardDescription>
                Each schema change, compared with the version before it. Events record the version they were checked against.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <ol className="grid gap-3" aria-label="Schema versions">
                {type.versions.map((v) => (
                  <li key={v.version} className="grid gap-1 border-l pl-3 text-sm">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-medium">Version {v.version}</span>
                      <CompatibilityBadge compatibility={v.compatibility} />
                      <LocalTime value={v.createdAt} className="text-xs text-muted-foreground" />
                    </div>
                    {v.changes.length > 0 && (
                      <ul className="list-disc pl-5 text-xs text-muted-foreground">
                        {v.changes.map((c) => (
                          <li key={c} className="break-words">
                            {c}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ol>
            </CardContent>
          </Card>
        )}
        {isAdmin && (
          <Card className="min-w-0">
            <CardHeader>
              <CardTitle>Contract</CardTitle>
              <CardDescription>What ingestion checks for this type. Recorded in the audit log.</CardDescription>
            </CardHeader>
            <CardContent>
              <ContractForm
                name={type.name}
                description={type.description}
                validation={type.validation}
                schema={type.versions[0]?.schema ?? null}
              />
            </CardContent>
          </Card>
        )}
      </div>
    </>
  );
}
