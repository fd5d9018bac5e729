"use client";
import { ChevronRight } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { JsonObject, JsonValue } from "@/lib/events/schemas";

/** Levels open at first: the top object and its direct children. */
const OPEN_DEPTH = 2;

/**
 * A JSON value as an indented tree whose objects and arrays open and close one by one (buttons
 * with aria-expanded: Tab to reach them, Enter or Space to toggle), or all at once.
 */
export function JsonTree({ value, label }: { value: JsonObject; label: string }) {
  // Expanding or collapsing everything remounts the nodes with a new default.
  const [all, setAll] = useState<{ open: boolean | null; generation: number }>({ open: null, generation: 0 });
  const setEverything = (open: boolean) => setAll((a) => ({ open, generation: a.generation + 1 }));
  return (
    <div className="grid gap-2">
      <div className="flex gap-2">
        <Button type="button" variant="outline" size="sm" onClick={() => setEverything(true)}>
          Expand all
        </Button>
        <Button type="button" variant="outline" size="sm" onClick={() => setEverything(false)}>
          Collapse all
        </Button>
      </div>
      <div
        role="group"
        aria-label={label}
        className="overflow-x-auto rounded-md border bg-muted/40 py-3 pr-3 pl-6 font-mono text-xs leading-6"
      >
        <JsonNode key={all.generation} value={value} depth={0} last openAll={all.open} />
      </div>
    </div>
  );
}

interface NodeProps {
  name?: string;
  value: JsonValue;
  depth: number;
  last: boolean;
  openAll: boolean | null;
}

function JsonNode({ name, value, depth, last, openAll }: NodeProps) {
  const [open, setOpen] = useState(openAll ?? depth < OPEN_DEPTH);
  const childrenId = useId();
  const key = name !== undefined && <span className="text-sky-800">{JSON.stringify(name)}: </span>;
  const comma = last ? "" : ",";
  if (value === null || typeof value !== "object") {
    return (
      <div className="break-all">
        {key}
        <Primitive value={value} />
        {comma}
      </div>
    );
  }

  // Stored JSON has no undefined members; the type of JsonObject allows them.
  const entries: [string | undefined, JsonValue][] = Array.isArray(value)
    ? value.map((v) => [undefined, v])
    : Object.entries(value).map(([k, v]) => [k, v ?? null]);
  const [start, end] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0)
    return (
      <div>
        {key}
        {start}
        {end}
        {comma}
      </div>
    );
  const count = Array.isArray(value)
    ? `${entries.length} item${entries.length === 1 ? "" : "s"}`
    : `${entries.length} key${entries.length === 1 ? "" : "s"}`;

  return (
    <div>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={open ? childrenId : undefined}
        aria-label={`${name ?? "root"}: ${count}, ${Array.isArray(value) ? "array" : "object"}`}
        onClick={() => setOpen(!open)}
        className="-ml-4 inline-flex items-center rounded-sm pr-1 text-left hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        <ChevronRight aria-hidden className={cn("size-3.5 shrink-0 text-muted-foreground transition-transform", open && "rotate-90")} />
        <span>
          {key}
          {start}
        </span>
        {!open && (
          <span className="text-muted-foreground">
            … {count} {end}
            {comma}
          </span>
        )}
      </button>
      {open && (
        <>
          <div id={childrenId} className="ml-2 border-l pl-5">
            {entries.map(([childName, child], i) => (
              <JsonNode
                key={childName ?? i}
                name={childName}
                value={child}
                depth={depth + 1}
                last={i === entries.length - 1}
                openAll={openAll}
              />
            ))}
          </div>
          <div>
            {end}
            {comma}
          </div>
        </>
      )}
    </div>
  );
}

function Primitive({ value }: { value: string | number | boolean | null }) {
  if (typeof value === "string") return <span className="text-emerald-800">{JSON.stringify(value)}</span>;
  if (typeof value === "number") return <span className="text-blue-800">{value}</span>;
  return <span className="text-purple-800">{String(value)}</span>;
}
