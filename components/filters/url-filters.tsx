"use client";
import { X } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, type ChangeEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import type { FilterOptionField } from "@/lib/executions/schemas";
import { SearchSelect } from "./search-select";

export type FilterField =
  | { name: string; label: string; type: "select"; options: { value: string; label: string }[] }
  /** `wide`: the field takes a row of its own (a search), and the others are laid out without it. */
  | { name: string; label: string; type: "date" | "text"; placeholder?: string; wide?: boolean }
  /** A pick-list searched on the server as one types; `selectedLabel` names the value in the URL. */
  | { name: string; label: string; type: "search"; field: FilterOptionField; selectedLabel?: string };

type Values = Record<string, string>;
/** The first message per field name of the values the list would refuse (empty when all are fine). Blank fields are left out. */
export type Validate = (values: Values) => Record<string, string>;

/** Columns on wide screens by number of fields, so that no row holds a lone field (two rows of four for eight). */
const WIDE_COLUMNS: Record<number, string> = {
  3: "xl:grid-cols-3",
  5: "xl:grid-cols-5",
  6: "xl:grid-cols-6",
  7: "xl:grid-cols-4",
  8: "xl:grid-cols-4",
};

const valuesOf = (fields: FilterField[], params: URLSearchParams) =>
  Object.fromEntries(fields.map((f) => [f.name, params.get(f.name) ?? ""]));

/**
 * A list's filters kept in the URL: each change is a history entry, so a filtered view can be
 * shared and the back button works. Choices and dates apply at once, typed values on Enter or
 * when leaving the field. A value the list would refuse stays here with its error, unsent.
 * Give it a `key` made of the URL's filters, so that it starts afresh when they change otherwise
 * (back, a link, "clear").
 */
export function UrlFilters({
  label,
  idPrefix,
  fields,
  validate,
  keep = [],
}: {
  label: string;
  idPrefix: string;
  fields: FilterField[];
  validate: Validate;
  /** Parameters of the URL that are not filters but survive a change of filters (the executions list's `view`). */
  keep?: string[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [values, setValues] = useState(() => valuesOf(fields, params));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [labels, setLabels] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.flatMap((f) => (f.type === "search" && f.selectedLabel ? [[f.name, f.selectedLabel]] : []))),
  );

  function apply(next: Values) {
    const found = validate(Object.fromEntries(Object.entries(next).flatMap(([k, v]) => (v.trim() ? [[k, v.trim()]] : []))));
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const search = new URLSearchParams();
    for (const f of fields) if (next[f.name].trim()) search.set(f.name, next[f.name].trim());
    for (const k of keep) if (params.get(k)) search.set(k, params.get(k)!);
    const current = new URLSearchParams(valuesOf(fields, params));
    for (const k of keep) if (params.get(k)) current.set(k, params.get(k)!);
    if (search.toString() !== current.toString() || params.has("cursor")) {
      router.push(search.size ? `${pathname}?${search}` : pathname);
    }
  }
  const change = (field: FilterField) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    const next = { ...values, [field.name]: e.target.value };
    setValues(next);
    if (!typed(field)) apply(next);
  };
  /**
   * Typed, applied on Enter or leaving the field: a text field, and a date field set to an exact time
   * (a chart's bar links to its hour), which a date input could not show.
   */
  const typed = (f: FilterField) => f.type === "text" || (f.type === "date" && values[f.name].includes("T"));
  const active = fields.some((f) => params.get(f.name));

  return (
    <form
      role="search"
      aria-label={label}
      className="mb-4 grid gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        apply(values);
      }}
    >
      <div
        className={`grid grid-cols-2 items-start gap-3 md:grid-cols-4 ${WIDE_COLUMNS[fields.filter((f) => !("wide" in f && f.wide)).length] ?? ""}`}
      >
        {fields.map((f) => {
          const id = `${idPrefix}-${f.name}`;
          const common = { ...fieldAria(id, errors[f.name]), name: f.name, value: values[f.name], onChange: change(f) };
          return (
            <div key={f.name} className={"wide" in f && f.wide ? "col-span-full" : undefined}>
              <Field id={id} label={f.label} error={errors[f.name]}>
                {f.type === "search" ? (
                  <SearchSelect
                    id={id}
                    field={f.field}
                    value={values[f.name]}
                    label={labels[f.name]}
                    invalid={Boolean(errors[f.name])}
                    onChange={(value, label) => {
                      const next = { ...values, [f.name]: value };
                      setValues(next);
                      setLabels({ ...labels, [f.name]: label });
                      apply(next);
                    }}
                  />
                ) : f.type === "select" ? (
                  <NativeSelect {...common}>
                    <option value="">Any</option>
                    {f.options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </NativeSelect>
                ) : (
                  <Input
                    type={typed(f) ? "text" : "date"}
                    placeholder={f.type === "text" ? f.placeholder : undefined}
                    autoComplete="off"
                    spellCheck={false}
                    onBlur={() => typed(f) && apply(values)}
                    {...common}
                  />
                )}
              </Field>
            </div>
          );
        })}
      </div>
      {/* With more than one text field, Enter submits a form only through a submit button. */}
      <button type="submit" className="sr-only" tabIndex={-1} aria-hidden>
        Apply filters
      </button>
      {active && (
        <div className="flex justify-end">
          <Button type="button" variant="ghost" size="sm" onClick={() => router.push(pathname)}>
            <X aria-hidden /> Clear filters
          </Button>
        </div>
      )}
    </form>
  );
}

/** Adapts a zod safeParse to `Validate`. */
export function firstErrors(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) errors[String(issue.path[0])] ??= issue.message;
  return errors;
}
