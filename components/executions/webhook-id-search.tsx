"use client";
import { Search, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useWorkspaceHref, WorkspaceLink } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { listExecutionsQuery } from "@/lib/executions/schemas";

/** Finds every attempt of one message by its webhook-id (what a receiver logs), on its own, beside the filters. */
export function WebhookIdSearch({ current }: { current: string | undefined }) {
  const router = useRouter();
  const toHref = useWorkspaceHref();
  const [value, setValue] = useState(current ?? "");
  const [error, setError] = useState<string | null>(null);
  const find = () => {
    const parsed = listExecutionsQuery.shape.messageId.safeParse(value);
    if (!parsed.success || !parsed.data) return setError(parsed.success ? "Enter a webhook id" : parsed.error.issues[0].message);
    setError(null);
    router.push(toHref(`/executions?messageId=${encodeURIComponent(parsed.data)}`));
  };
  return (
    <form
      role="search"
      aria-label="Find by webhook id"
      className="mb-3 grid gap-1.5"
      onSubmit={(e) => {
        e.preventDefault();
        find();
      }}
    >
      <Label htmlFor="executions-message-id">Webhook id</Label>
      <div className="flex flex-wrap items-center gap-2">
        <Input
          id="executions-message-id"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="msg_01…"
          autoComplete="off"
          spellCheck={false}
          className="max-w-sm font-mono"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "executions-message-id-error" : undefined}
        />
        <Button type="submit" variant="outline">
          <Search aria-hidden /> Find
        </Button>
        {current && (
          <WorkspaceLink
            href="/executions"
            className="inline-flex items-center gap-1 text-sm text-primary underline-offset-4 hover:underline"
          >
            <X className="size-4" aria-hidden /> Show all executions
          </WorkspaceLink>
        )}
      </div>
      {error && (
        <p id="executions-message-id-error" className="text-xs font-medium text-destructive">
          {error}
        </p>
      )}
    </form>
  );
}
