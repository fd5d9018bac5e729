"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

const pretty = (body: string): string | null => {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return null;
  }
};

/** A request or response body: indented when it is JSON (with the raw text one click away), copyable. */
export function BodyView({ body, label }: { body: string; label: string }) {
  const formatted = body === "" ? null : pretty(body);
  const [raw, setRaw] = useState(false);
  if (body === "") return <p className="text-sm text-muted-foreground">Empty body.</p>;
  const shown = formatted && !raw ? formatted : body;
  return (
    <div className="grid gap-2">
      <div className="flex items-center justify-end gap-2">
        {formatted && (
          <Button type="button" variant="ghost" size="sm" aria-pressed={raw} onClick={() => setRaw(!raw)}>
            {raw ? "Show formatted" : "Show raw"}
          </Button>
        )}
        <CopyButton value={body} label={`Copy ${label}`} />
      </div>
      <pre
        aria-label={label}
        tabIndex={0}
        className="max-h-[32rem] overflow-auto whitespace-pre-wrap break-all rounded-md border bg-muted/40 p-3 font-mono text-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        {shown}
      </pre>
    </div>
  );
}
