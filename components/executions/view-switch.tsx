import { WorkspaceLink } from "@/components/shell/workspace-context";
import { cn } from "@/components/ui/cn";

/** Deliveries (one row per message, the default) or every attempt on its own row: the same filters, one click apart. */
export function ViewSwitch({ byAttempt, query }: { byAttempt: boolean; query: Record<string, string | undefined> }) {
  const params = (view: string | null) => {
    const p = new URLSearchParams(
      Object.entries(query).filter((e): e is [string, string] => Boolean(e[1]) && e[0] !== "cursor" && e[0] !== "view"),
    );
    if (view) p.set("view", view);
    return p.size ? `/executions?${p}` : "/executions";
  };
  const item = "rounded-sm px-3 py-1 text-sm font-medium";
  return (
    <nav aria-label="Group executions" className="mb-3 inline-flex gap-1 rounded-md border bg-muted/40 p-1">
      <WorkspaceLink
        href={params(null)}
        aria-current={byAttempt ? undefined : "page"}
        className={cn(item, byAttempt ? "text-muted-foreground hover:text-foreground" : "bg-background shadow-xs")}
      >
        By delivery
      </WorkspaceLink>
      <WorkspaceLink
        href={params("attempts")}
        aria-current={byAttempt ? "page" : undefined}
        className={cn(item, byAttempt ? "bg-background shadow-xs" : "text-muted-foreground hover:text-foreground")}
      >
        Every attempt
      </WorkspaceLink>
    </nav>
  );
}
