import type { Metadata } from "next";
import { ApiOperationEntry } from "@/components/api-docs/api-operation";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { PageHeader } from "@/components/ui/page-header";
import type { HttpMethod } from "@/lib/api/operations";
import { API_BASE, buildOpenApiDocument } from "@/lib/api/openapi";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { env, portalOrigin } from "@/lib/env";
import { loadWebhooksSection } from "@/lib/event-types/openapi-webhooks";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiDocsPage() {
  const ctx = await requirePageCtx("portal.read");
  const doc = buildOpenApiDocument(`${env().PORTAL_NAME} API`, { serverUrl: portalOrigin(), webhooks: await loadWebhooksSection({ ctx }) });
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path: `${API_BASE}${path}`, method: method as HttpMethod, operation })),
  );
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            {doc.info.description} The machine-readable document is at{" "}
            <a href="/api/v1/openapi.json" className="font-mono text-primary underline-offset-4 hover:underline">
              /api/v1/openapi.json
            </a>{" "}
            (OpenAPI 3.1).
          </>
        }
      />
      <div className="grid gap-8">
        {doc.tags.map(({ name }) => (
          <section key={name} className="grid grid-cols-[minmax(0,1fr)] gap-3" aria-labelledby={tagId(name)}>
            <h2 id={tagId(name)} className="text-lg font-semibold">
              {name}
            </h2>
            {name === "Event types" && (
              <p className="text-sm text-muted-foreground">
                The document&apos;s <code className="font-mono">webhooks</code> section describes the request the portal sends for each of
                the {Object.keys(doc.webhooks ?? {}).length} event types, with its schema and the signature headers; a receiver generates
                its types from it. The same with examples in every connector format is in the{" "}
                <WorkspaceLink href="/event-types" className="text-primary underline-offset-4 hover:underline">
                  event type catalog
                </WorkspaceLink>
                .
              </p>
            )}
            {operations
              .filter((o) => o.operation.tags[0] === name)
              .map((o) => (
                <ApiOperationEntry key={`${o.method} ${o.path}`} {...o} />
              ))}
          </section>
        ))}
      </div>
      <p className="mt-8 break-words text-sm text-muted-foreground">
        Errors answer <code className="font-mono">{`{"error":{"code","message","fieldErrors?"}}`}</code>; lists answer{" "}
        <code className="font-mono">{`{"data":[…],"nextCursor"}`}</code>.
      </p>
    </>
  );
}

const tagId = (tag: string) => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
