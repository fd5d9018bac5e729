import type { TriggerPreview } from "@/lib/executions/preview-trigger";

const pretty = (body: string) => {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
};

/** The request a trigger is about to send: method and URL, every header, the body. */
export function RequestPreview({ preview }: { preview: TriggerPreview }) {
  return (
    <div className="grid min-w-0 gap-4" data-testid="request-preview">
      <section className="grid gap-1.5" aria-labelledby="preview-request">
        <h3 id="preview-request" className="text-sm font-medium">
          Request
        </h3>
        <p className="break-all rounded-md border bg-muted/40 p-3 font-mono text-xs">
          <span className="font-semibold">{preview.method}</span> {preview.url}
        </p>
      </section>
      <section className="grid gap-1.5" aria-labelledby="preview-headers">
        <h3 id="preview-headers" className="text-sm font-medium">
          Headers
        </h3>
        <dl className="grid gap-x-4 gap-y-1 rounded-md border bg-muted/40 p-3 font-mono text-xs sm:grid-cols-[max-content_1fr]">
          {preview.headers.map(({ name, value, note }) => (
            <div key={name} className="contents">
              <dt className="text-muted-foreground">{name}</dt>
              <dd className="break-all">{note ? <span className="font-sans italic text-muted-foreground">{note}</span> : value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="grid gap-1.5" aria-labelledby="preview-body">
        <h3 id="preview-body" className="text-sm font-medium">
          Body
        </h3>
        {preview.body === "" ? (
          <p className="rounded-md border border-dashed p-3 text-sm text-muted-foreground">Empty body: default mode sends no payload.</p>
        ) : (
          <pre
            tabIndex={0}
            aria-labelledby="preview-body"
            className="max-h-72 overflow-auto whitespace-pre-wrap break-all rounded-md border bg-muted/40 p-3 font-mono text-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            {pretty(preview.body)}
          </pre>
        )}
        {preview.bodyNote && <p className="text-xs text-muted-foreground">{preview.bodyNote}</p>}
        {preview.transformation && (
          <p role="alert" className="text-sm font-medium text-destructive">
            {preview.transformation.message}
          </p>
        )}
      </section>
    </div>
  );
}
