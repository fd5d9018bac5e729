"use client";
import * as Popover from "@radix-ui/react-popover";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Command } from "cmdk";
import { Check, ChevronsUpDown, Loader2, Search } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { searchFilterOptionsAction } from "@/components/filters/actions";
import { cn } from "@/components/ui/cn";
import type { FilterOption } from "@/lib/executions/search-filter-options";
import type { FilterOptionField } from "@/lib/executions/schemas";

const DEBOUNCE_MS = 150;

async function search(field: FilterOptionField, q: string): Promise<FilterOption[]> {
  const result = await searchFilterOptionsAction({ field, q });
  if (!result.ok) throw new Error(result.message);
  return result.options;
}

/**
 * A pick-list searched on the server as one types (integrations, users): a button showing the
 * choice, opening a search box over the first matches. "Any" clears the choice; it is offered
 * while nothing is typed, so that Enter after typing a name takes the first match. Only matches
 * of what is typed now are listed: ↓, ↑ and Enter pressed before they have arrived are kept and
 * applied to them, so fast typing never picks an entry of an earlier search.
 */
export function SearchSelect({
  id,
  field,
  value,
  label,
  onChange,
  invalid,
}: {
  id: string;
  field: FilterOptionField;
  value: string;
  /** What the button shows for `value` (its name), when known. */
  label?: string;
  onChange: (value: string, label: string) => void;
  invalid?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const t = setTimeout(() => setQ(typed.trim()), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [typed]);
  const { data, isFetching, error, isPlaceholderData } = useQuery({
    queryKey: ["filter-options", field, q],
    queryFn: () => search(field, q),
    enabled: open,
    placeholderData: keepPreviousData,
  });
  const current = data !== undefined && !isPlaceholderData && q === typed.trim();
  const options = current ? data : [];
  const [selected, setSelected] = useState("");
  // Keys pressed while the matches of what is typed are still on their way.
  const pending = useRef({ moves: 0, enter: false });
  const pick = (v: string, l: string) => {
    onChange(v, l);
    setOpen(false);
    setTyped("");
    pending.current = { moves: 0, enter: false };
  };
  useEffect(() => {
    if (!current) return;
    const { moves, enter } = pending.current;
    pending.current = { moves: 0, enter: false };
    const target = options[Math.min(moves, options.length - 1)];
    if (!target) return;
    if (enter) pick(target.value, target.label);
    else setSelected(target.value);
    // Runs when a search's matches arrive; pick and options are that render's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current, data]);
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (current || typed.trim() === "") return;
    if (event.key === "ArrowDown") pending.current.moves++;
    else if (event.key === "ArrowUp") pending.current.moves = Math.max(0, pending.current.moves - 1);
    else if (event.key === "Enter") pending.current.enter = true;
    else return;
    event.preventDefault();
  };
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-invalid={invalid || undefined}
        className="flex h-9 w-full items-center justify-between gap-2 rounded-md border border-input bg-background px-2 text-left text-sm shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-[invalid=true]:border-destructive"
      >
        <span className={cn("truncate", !value && "text-muted-foreground")}>{value ? (label ?? value) : "Any"}</span>
        <ChevronsUpDown className="size-4 shrink-0 opacity-50" aria-hidden />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="start"
          sideOffset={4}
          className="z-50 w-72 max-w-[calc(100vw-1rem)] rounded-md border bg-background shadow-md"
        >
          <Command
            shouldFilter={false}
            value={selected}
            onValueChange={setSelected}
            onKeyDown={onKeyDown}
            label={field === "integration" ? "Search integrations" : "Search users"}
          >
            <div className="flex items-center gap-2 border-b px-2">
              <Search className="size-4 shrink-0 text-muted-foreground" aria-hidden />
              <Command.Input
                value={typed}
                onValueChange={(text) => {
                  setTyped(text);
                  pending.current = { moves: 0, enter: false };
                }}
                placeholder={field === "integration" ? "Name or slug…" : "Email or name…"}
                className="h-9 w-full bg-transparent text-sm outline-none placeholder:text-muted-foreground"
              />
              {isFetching && <Loader2 className="size-4 shrink-0 animate-spin text-muted-foreground" aria-label="Searching" />}
            </div>
            <Command.List className="max-h-64 overflow-y-auto p-1">
              {error ? (
                <p className="px-2 py-4 text-center text-sm text-destructive">{error.message}</p>
              ) : (
                <>
                  {!current && typed.trim() !== "" && <p className="px-2 py-4 text-center text-sm text-muted-foreground">Searching…</p>}
                  {current && options.length === 0 && (
                    <p className="px-2 py-4 text-center text-sm text-muted-foreground">Nothing matches “{q}”.</p>
                  )}
                  {typed.trim() === "" && (
                    <Command.Item value="__any" onSelect={() => pick("", "")} className={ITEM}>
                      <Check className={cn("size-4", value ? "invisible" : "")} aria-hidden /> Any
                    </Command.Item>
                  )}
                  {options.map((o) => (
                    <Command.Item key={o.value} value={o.value} onSelect={() => pick(o.value, o.label)} className={ITEM}>
                      <Check className={cn("size-4 shrink-0", o.value === value ? "" : "invisible")} aria-hidden />
                      <span className="grid min-w-0">
                        <span className="truncate">{o.label}</span>
                        {o.detail && <span className="truncate text-xs text-muted-foreground">{o.detail}</span>}
                      </span>
                    </Command.Item>
                  ))}
                </>
              )}
            </Command.List>
          </Command>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

const ITEM = "flex cursor-pointer items-center gap-2 rounded-sm px-2 py-1.5 text-sm data-[selected=true]:bg-muted";
