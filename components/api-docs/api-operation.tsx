import { Badge } from "@/components/ui/badge";
import type { HttpMethod } from "@/lib/api/operations";
import type { OpenApiOperation } from "@/lib/api/openapi";

const METHOD_TONE = { get: "info", post: "success", put: "warning", patch: "warning", delete: "danger" } as const;

/** One operation of the OpenAPI document: method, path, permission, and its schemas to unfold. */
export function ApiOperationEntry({ method, path, operation }: { method: HttpMethod; path: string; operation: OpenApiOperation }) {
  const body = operation.requestBody?.content["application/json"].schema;
  return (
    <article
      className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-3 rounded-lg border bg-card p-4"
      aria-label={`${method.toUpperCase()} ${path}`}
    >
      <header className="flex flex-wrap items-center gap-2">
        <Badge tone={METHOD_TONE[method]} className="w-16 justify-center font-mono uppercase">
          {method}
        </Badge>
        <code className="break-all font-mono text-sm font-medium">{path}</code>
        <Badge className="ml-auto font-mono">{operation["x-permission"]}</Badge>
      </header>
      <div className="grid gap-1">
        <h3 className="text-sm font-semibold">{operation.summary}</h3>
        <p className="whitespace-pre-line text-sm text-muted-foreground">{operation.description}</p>
      </div>
      {operation.parameters && <Schema title="Parameters" value={operation.parameters} />}
      {body && <Schema title="Request body" value={body} />}
      <Schema
        title="Responses"
        value={operation.responses}
        summary={Object.entries(operation.responses)
          .map(([status, r]) => `${status} ${r.description}`)
          .join(" · ")}
      />
    </article>
  );
}

function Schema({ title, value, summary }: { title: string; value: unknown; summary?: string }) {
  return (
    <details className="group min-w-0 rounded-md border">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
        {title}
        {summary && <span className="ml-2 font-normal text-muted-foreground">{summary}</span>}
      </summary>
      <pre
        tabIndex={0}
        aria-label={title}
        className="max-h-[28rem] overflow-auto border-t bg-muted/50 p-3 font-mono text-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        {JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}
