import { schemaPaths } from "@/lib/event-types/contract/schema-paths";
import type { JsonSchemaObject } from "@/lib/event-types/contract/validator";

/** A schema as a readable tree: each declared place of the details with its type, whether it is required, its values and description. */
export function SchemaTree({ schema }: { schema: JsonSchemaObject }) {
  const paths = schemaPaths(schema);
  if (paths.length === 0) return <p className="text-sm text-muted-foreground">The schema declares no properties: any JSON object.</p>;
  return (
    <ul className="grid gap-1 text-sm" aria-label="Schema of the details">
      {paths.map((p) => (
        <li key={p.path} className="min-w-0 break-words border-l pl-3" style={{ marginLeft: `${(p.depth - 1) * 1}rem` }}>
          <span className="font-mono font-medium">{p.path.split(/\.(?![^[]*\])/).at(-1)}</span>{" "}
          <span className="font-mono text-xs text-muted-foreground">
            {p.types.length > 0 ? p.types.join(" | ") : "any"}
            {p.format ? ` (${p.format})` : ""}
          </span>
          {p.required && <span className="ml-2 text-xs font-medium text-amber-700 dark:text-amber-400">required</span>}
          {p.enum && (
            <span className="ml-2 font-mono text-xs text-muted-foreground">one of {p.enum.map((v) => JSON.stringify(v)).join(", ")}</span>
          )}
          {p.description && <span className="block text-xs text-muted-foreground">{p.description}</span>}
        </li>
      ))}
    </ul>
  );
}
