"use client";
import { X } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, type ChangeEvent } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { EVENT_SEVERITIES, listEventsQuery } from "@/lib/events/schemas";

const FILTERS = ["q", "type", "severity", "source", "from", "to"] as const;
type Name = (typeof FILTERS)[number];
type Values = Record<Name, string>;
const TYPED: Name[] = ["q", "type", "source"];
const DEBOUNCE_MS = 350;

const valuesOf = (params: URLSearchParams) => Object.fromEntries(FILTERS.map((n) => [n, params.get(n) ?? ""])) as Values;

/**
 * The filters of the events list, kept in the URL: every change is a history entry (shareable,
 * the back button works). Typed fields apply after a pause; the others at once. A value the list
 * would refuse stays here with its error and is not sent.
 */
export function EventFilters() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const query = params.toString();
  const [values, setValues] = useState(() => valuesOf(params));
  const [errors, setErrors] = useState<Partial<Record<Name, string>>>({});
  const [shownQuery, setShownQuery] = useState(query);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  // The URL changed (back, forward, a link, "clear"): show its filters, unless it is what was typed.
  if (query !== shownQuery) {
    setShownQuery(query);
    const shown = valuesOf(params);
    if (FILTERS.some((n) => shown[n] !== values[n].trim())) {
      setValues(shown);
      setErrors({});
    }
  }

  function apply(next: Values) {
    clearTimeout(timer.current);
    const parsed = listEventsQuery.safeParse(next);
    const fieldErrors: Partial<Record<string, string[]>> = parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;
    setErrors(Object.fromEntries(FILTERS.flatMap((n) => (fieldErrors[n] ? [[n, fieldErrors[n][0]]] : []))));
    if (!parsed.success) return;
    const search = new URLSearchParams(window.location.search);
    for (const name of FILTERS) {
      const value = next[name].trim();
      if (value) search.set(name, value);
      else search.delete(name);
    }
    search.delete("cursor");
    if (search.toString() !== new URLSearchParams(window.location.search).toString())
      router.push(search.size ? `${pathname}?${search}` : pathname);
  }

  const change = (name: Name) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    const next = { ...values, [name]: e.target.value };
    setValues(next);
    clearTimeout(timer.current);
    if (TYPED.includes(name)) timer.current = setTimeout(() => apply(next), DEBOUNCE_MS);
    else apply(next);
  };
  const input = (name: Name) => ({ ...fieldAria(`events-${name}`, errors[name]), name, value: values[name], onChange: change(name) });
  const active = FILTERS.some((n) => params.get(n));

  return (
    <form
      role="search"
      aria-label="Filter events"
      className="mb-4 grid gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        apply(values);
      }}
    >
      <div className="grid grid-cols-2 items-start gap-3 md:grid-cols-4 xl:grid-cols-[2fr_1.2fr_1fr_1.2fr_1fr_1fr]">
        <div className="col-span-2 xl:col-span-1">
          <Field id="events-q" label="Search titles" error={errors.q}>
            <Input type="search" placeholder="e.g. payment declined" autoComplete="off" {...input("q")} />
          </Field>
        </div>
        <div className="col-span-2 md:col-span-1">
          <Field id="events-type" label="Type" error={errors.type}>
            <Input placeholder="e.g. order.failed" autoComplete="off" spellCheck={false} {...input("type")} />
          </Field>
        </div>
        <Field id="events-severity" label="Severity" error={errors.severity}>
          <select
            {...input("severity")}
            className="h-9 w-full rounded-md border border-input bg-background px-2 text-sm shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            <option value="">Any</option>
            {EVENT_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </Field>
        <Field id="events-source" label="Source" error={errors.source}>
          <Input placeholder="e.g. demo-shop" autoComplete="off" spellCheck={false} {...input("source")} />
        </Field>
        <Field id="events-from" label="From" error={errors.from}>
          <Input type="date" {...input("from")} />
        </Field>
        <Field id="events-to" label="To" error={errors.to}>
          <Input type="date" {...input("to")} />
        </Field>
      </div>
      {active && (
        <div className="flex justify-end">
          <Button
            type="button"
            variant="ghost"
            size="sm"
            onClick={() => {
              clearTimeout(timer.current);
              router.push(pathname);
            }}
          >
            <X aria-hidden /> Clear filters
          </Button>
        </div>
      )}
    </form>
  );
}
