"use client";
import { Command } from "cmdk";
import { Search } from "lucide-react";
import { PlatformBadge } from "@/components/integrations/platform-badge";
import type { TriggerTarget } from "@/lib/executions/list-trigger-targets";

/** A searchable list of the integrations that can be triggered; Enter or a click picks one. */
export function IntegrationPicker({ targets, onSelect }: { targets: TriggerTarget[]; onSelect: (target: TriggerTarget) => void }) {
  return (
    <Command label="Search integrations" className="rounded-md border">
      <div className="flex items-center gap-2 border-b px-3">
        <Search className="size-4 shrink-0 text-muted-foreground" aria-hidden />
        <Command.Input
          placeholder="Search integrations…"
          className="h-10 w-full bg-transparent text-sm outline-none placeholder:text-muted-foreground"
        />
      </div>
      <Command.List label="Integrations with an enabled webhook" className="max-h-72 overflow-y-auto p-1">
        <Command.Empty className="px-2 py-6 text-center text-sm text-muted-foreground">No integration matches.</Command.Empty>
        {targets.map((target) => (
          <Command.Item
            key={target.id}
            value={target.slug}
            keywords={[target.name]}
            onSelect={() => onSelect(target)}
            className="flex cursor-pointer items-center justify-between gap-3 rounded-sm px-2 py-2 text-sm data-[selected=true]:bg-muted"
          >
            <span className="grid">
              <span className="font-medium">{target.name}</span>
              <span className="font-mono text-xs text-muted-foreground">{target.slug}</span>
            </span>
            <PlatformBadge platform={target.platform} />
          </Command.Item>
        ))}
      </Command.List>
    </Command>
  );
}
