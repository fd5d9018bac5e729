"use client";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { createSubscriptionAction, updateSubscriptionAction } from "./actions";
import { FilterPaths, type DetailPathsByType } from "./filter-paths";
import { showServerErrors } from "@/components/forms/server-errors";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, fieldAria } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { EVENT_SEVERITIES } from "@/lib/events/schemas";
import { parseFilterText, parsePinsText, type CreateSubscriptionInput } from "@/lib/subscriptions/schemas";
import { DEFAULT_RETRY_PRESET, RETRY_PRESETS } from "@/lib/webhooks/retry-policy";
import type { SubscriptionView } from "@/lib/subscriptions/views";

/** The form's fields, as typed: lists as comma-separated text, the filter as JSON text. */
interface Values {
  eventTypes: string;
  minSeverity: string;
  sources: string;
  filter: string;
  schemaPins: string;
  mode: "event" | "default";
  enabled: boolean;
  description: string;
  retryPolicy: "none" | keyof typeof RETRY_PRESETS | "custom";
  customSchedule: string;
  disableAfterFailures: string;
}

const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

function toValues(s: SubscriptionView | null): Values {
  return {
    eventTypes: s ? s.eventTypes.join(", ") : "",
    minSeverity: s?.minSeverity ?? "",
    sources: s ? s.sources.join(", ") : "",
    filter: s?.filter ? JSON.stringify(s.filter, null, 2) : "",
    schemaPins: s && Object.keys(s.schemaPins).length > 0 ? JSON.stringify(s.schemaPins) : "",
    mode: s?.mode ?? "event",
    enabled: s?.enabled ?? true,
    description: s?.description ?? "",
    retryPolicy: policyOf(s),
    customSchedule: s?.retrySchedule ? s.retrySchedule.join(", ") : "",
    disableAfterFailures: String(s?.disableAfterFailures ?? 3),
  };
}

function policyOf(s: SubscriptionView | null): Values["retryPolicy"] {
  if (!s) return DEFAULT_RETRY_PRESET;
  if (!s.retrySchedule) return "none";
  for (const [key, preset] of Object.entries(RETRY_PRESETS)) {
    if (preset.jitter === s.retryJitter && preset.schedule.join() === s.retrySchedule.join()) return key as keyof typeof RETRY_PRESETS;
  }
  return "custom";
}

function scheduleOf(values: Values): { retrySchedule: number[]; retryJitter: boolean } {
  if (values.retryPolicy === "none") return { retrySchedule: [], retryJitter: false };
  if (values.retryPolicy === "custom") return { retrySchedule: list(values.customSchedule).map(Number), retryJitter: false };
  const preset = RETRY_PRESETS[values.retryPolicy];
  return { retrySchedule: [...preset.schedule], retryJitter: preset.jitter };
}

/**
 * Adds or edits a subscription. Validation is the server's (the same zod schema as the API):
 * its field errors come back beside the fields.
 */
export function SubscriptionDialog({
  integrationId,
  subscription,
  eventTypes,
  detailPaths = {},
  trigger,
}: {
  integrationId: string;
  subscription: SubscriptionView | null;
  eventTypes: { name: string; description: string }[];
  /** The detail paths each type's schema declares, offered for the filter. */
  detailPaths?: DetailPathsByType;
  trigger: ReactNode;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<Values>({ defaultValues: toValues(subscription) });
  const { errors, isSubmitting } = form.formState;
  const retryPolicy = useWatch({ control: form.control, name: "retryPolicy" });
  const chosenTypes = useWatch({ control: form.control, name: "eventTypes" });
  const filterText = useWatch({ control: form.control, name: "filter" });
  const id = subscription?.id ?? "new";

  const onSubmit = form.handleSubmit(async (values) => {
    const filter = parseFilterText(values.filter);
    if (!filter.ok) return form.setError("filter", { type: "client", message: filter.message }, { shouldFocus: true });
    const pins = parsePinsText(values.schemaPins);
    if (!pins.ok) return form.setError("schemaPins", { type: "client", message: pins.message }, { shouldFocus: true });
    const input: CreateSubscriptionInput = {
      eventTypes: list(values.eventTypes),
      minSeverity: (values.minSeverity || null) as CreateSubscriptionInput["minSeverity"],
      sources: list(values.sources),
      filter: filter.value,
      schemaPins: pins.value,
      mode: values.mode,
      enabled: values.enabled,
      description: values.description,
      ...scheduleOf(values),
      disableAfterFailures: Number(values.disableAfterFailures),
    };
    const result = subscription
      ? await updateSubscriptionAction({ id: subscription.id, changes: input })
      : await createSubscriptionAction({ integrationId, subscription: input });
    if (!result.ok) {
      // The server names the API's fields; the custom delays are typed in their own box.
      const { retrySchedule, ...others } = result.fieldErrors ?? {};
      const fieldErrors = retrySchedule
        ? { ...others, [values.retryPolicy === "custom" ? "customSchedule" : "retryPolicy"]: retrySchedule }
        : result.fieldErrors;
      return showServerErrors(form, { ...result, fieldErrors });
    }
    toast.success(subscription ? "Subscription saved." : "Subscribed: matching events are now delivered automatically.");
    setOpen(false);
    if (!subscription) form.reset(toValues(null));
    router.refresh();
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) form.reset(toValues(subscription));
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>{subscription ? "Edit subscription" : "Add a subscription"}</DialogTitle>
          <DialogDescription>
            Every event ingested from now on that matches is sent to this integration automatically, signed like a manual trigger.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          <Field
            id={`sub-${id}-types`}
            label="Event types"
            hint="Comma-separated: exact names (incident.opened), prefixes (incident.*) or * for every type."
            error={errors.eventTypes?.message}
          >
            <Input
              list={`sub-${id}-catalog`}
              autoComplete="off"
              placeholder="incident.*"
              className="font-mono"
              {...fieldAria(`sub-${id}-types`, errors.eventTypes?.message, true)}
              {...form.register("eventTypes")}
            />
          </Field>
          <datalist id={`sub-${id}-catalog`}>
            {eventTypes.map((t) => (
              <option key={t.name} value={t.name}>
                {t.description}
              </option>
            ))}
          </datalist>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id={`sub-${id}-severity`} label="Minimum severity" error={errors.minSeverity?.message}>
              <NativeSelect {...fieldAria(`sub-${id}-severity`, errors.minSeverity?.message)} {...form.register("minSeverity")}>
                <option value="">Any severity</option>
                {EVENT_SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {s} or higher
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field id={`sub-${id}-mode`} label="Payload" error={errors.mode?.message}>
              <NativeSelect {...fieldAria(`sub-${id}-mode`, errors.mode?.message)} {...form.register("mode")}>
                <option value="event">The event (event mode)</option>
                <option value="default">Empty body (default mode)</option>
              </NativeSelect>
            </Field>
          </div>
          <Field
            id={`sub-${id}-sources`}
            label="Sources (optional)"
            hint="Comma-separated; empty: events from any source."
            error={errors.sources?.message}
          >
            <Input
              autoComplete="off"
              placeholder="pagerduty, grafana"
              {...fieldAria(`sub-${id}-sources`, errors.sources?.message, true)}
              {...form.register("sources")}
            />
          </Field>
          <Field
            id={`sub-${id}-filter`}
            label="Filter on the event (optional, JSON)"
            hint={<>For example {'{"details.region": {"$in": ["eu", "us"]}}'}. Operators: $eq $ne $in $nin $gt $gte $lt $lte $exists.</>}
            error={errors.filter?.message}
          >
            <Textarea
              rows={3}
              className="font-mono text-xs"
              spellCheck={false}
              {...fieldAria(`sub-${id}-filter`, errors.filter?.message, true)}
              {...form.register("filter")}
            />
          </Field>
          <FilterPaths
            eventTypes={list(chosenTypes ?? "")}
            filterText={filterText ?? ""}
            knownTypes={eventTypes.map((t) => t.name)}
            detailPaths={detailPaths}
            onChange={(text) => form.setValue("filter", text, { shouldDirty: true })}
          />
          <Field
            id={`sub-${id}-pins`}
            label="Pinned schema versions (optional, JSON)"
            hint={
              <>
                The versions the receiver is built for, e.g. {'{"order.paid": 2}'}: deliveries of events checked against a newer version are
                flagged in the history.
              </>
            }
            error={errors.schemaPins?.message}
          >
            <Input
              autoComplete="off"
              className="font-mono text-xs"
              spellCheck={false}
              {...fieldAria(`sub-${id}-pins`, errors.schemaPins?.message, true)}
              {...form.register("schemaPins")}
            />
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              id={`sub-${id}-retry`}
              label="Automatic retries"
              hint={`New subscriptions retry after ${RETRY_PRESETS[DEFAULT_RETRY_PRESET].label} (the default); manual sends are never retried automatically.`}
              error={errors.retryPolicy?.message}
            >
              <NativeSelect {...fieldAria(`sub-${id}-retry`, errors.retryPolicy?.message, true)} {...form.register("retryPolicy")}>
                <option value="none">None: a failure waits for a person</option>
                {Object.entries(RETRY_PRESETS).map(([key, p]) => (
                  <option key={key} value={key}>
                    {p.label}
                    {key === DEFAULT_RETRY_PRESET ? " (default)" : ""}
                  </option>
                ))}
                <option value="custom">Custom delays…</option>
              </NativeSelect>
            </Field>
            <Field
              id={`sub-${id}-threshold`}
              label="Disable after failures in a row"
              hint="A retry chain counts once; 410 Gone disables at once."
              error={errors.disableAfterFailures?.message}
            >
              <Input
                type="number"
                min={1}
                max={1000}
                inputMode="numeric"
                {...fieldAria(`sub-${id}-threshold`, errors.disableAfterFailures?.message, true)}
                {...form.register("disableAfterFailures")}
              />
            </Field>
          </div>
          {retryPolicy === "custom" && (
            <Field
              id={`sub-${id}-custom`}
              label="Retry delays in seconds"
              hint="Comma-separated, each 1 to 86400, at most 10: e.g. 60, 300, 1800."
              error={errors.customSchedule?.message}
            >
              <Input
                autoComplete="off"
                inputMode="numeric"
                placeholder="60, 300, 1800"
                {...fieldAria(`sub-${id}-custom`, errors.customSchedule?.message, true)}
                {...form.register("customSchedule")}
              />
            </Field>
          )}
          <Field id={`sub-${id}-description`} label="Description (optional)" error={errors.description?.message}>
            <Input
              autoComplete="off"
              {...fieldAria(`sub-${id}-description`, errors.description?.message)}
              {...form.register("description")}
            />
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-4" {...form.register("enabled")} />
            Enabled
          </label>
          <DialogFooter>
            <Button type="submit" pending={isSubmitting}>
              {subscription ? "Save subscription" : "Add subscription"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
