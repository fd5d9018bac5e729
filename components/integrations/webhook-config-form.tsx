"use client";
import { useState, type ReactNode } from "react";
import { Controller } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { saveWebhookConfigAction } from "@/components/integrations/actions";
import { showServerErrors } from "@/components/forms/server-errors";
import { useUnsavedChangesWarning } from "@/components/forms/use-unsaved-changes-warning";
import { useZodForm, type ZodForm } from "@/components/forms/use-zod-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS, MIN_TIMEOUT_SECONDS, webhookConfigInput } from "@/lib/integrations/schemas";
import type { WebhookConfigView } from "@/lib/integrations/views";

/** The fields: "" in bearerToken keeps the stored token, null removes it; an empty maxPerSecond (NaN) means no limit. */
type Values = z.input<typeof webhookConfigInput>;

const toValues = (config: WebhookConfigView | null): Values => ({
  url: config?.url ?? "",
  bearerToken: "",
  enabled: config?.enabled ?? true,
  timeoutSeconds: config?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
  maxPerSecond: config?.maxPerSecond ?? null,
  description: config?.description ?? "",
});

export function WebhookConfigForm({ integrationId, initial }: { integrationId: string; initial: WebhookConfigView | null }) {
  const [config, setConfig] = useState(initial);
  const form = useZodForm(webhookConfigInput, { defaultValues: toValues(initial) });
  const { errors, isSubmitting, isDirty } = form.formState;
  useUnsavedChangesWarning(isDirty && !isSubmitting);

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await saveWebhookConfigAction({ integrationId, config: values });
    if (!result.ok) return showServerErrors(form, result);
    toast.success(config ? "Webhook configuration saved." : "Webhook configured. A signing secret has been generated.");
    setConfig(result.config);
    form.reset(toValues(result.config));
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>Delivery</CardTitle>
        <CardDescription>Messages are sent as an HTTP POST with Standard Webhooks signature headers.</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="grid gap-5" noValidate>
          <Field id="webhook-url" label="URL" hint="https:// on a public address. Internal addresses and plain http need PORTAL_WEBHOOK_ALLOWED_HOSTS." error={errors.url?.message}>
            <Input type="url" inputMode="url" autoComplete="off" placeholder="https://automation.example.com/webhook/…" className="font-mono" {...fieldAria("webhook-url", errors.url?.message, true)} {...form.register("url")} />
          </Field>
          <BearerTokenField form={form} last4={config?.bearerTokenSet ? config.bearerTokenLast4 : null} error={errors.bearerToken?.message} />
          <Field id="webhook-timeout" label="Timeout (seconds)" hint={`From ${MIN_TIMEOUT_SECONDS} to ${MAX_TIMEOUT_SECONDS}. A slower answer counts as a failure.`} error={errors.timeoutSeconds?.message}>
            <Input type="number" min={MIN_TIMEOUT_SECONDS} max={MAX_TIMEOUT_SECONDS} step={1} className="w-28" {...fieldAria("webhook-timeout", errors.timeoutSeconds?.message, true)} {...form.register("timeoutSeconds", { valueAsNumber: true })} />
          </Field>
          <Field
            id="webhook-rate"
            label="Automatic deliveries per second, at most (optional)"
            hint="Empty: no limit. Deliveries above it wait in the queue instead of failing. Chat webhooks (Slack, Discord, Teams) accept about 1 per second."
            error={errors.maxPerSecond?.message}
          >
            <Input type="number" min={0.01} max={1000} step="any" className="w-28" {...fieldAria("webhook-rate", errors.maxPerSecond?.message, true)}
              {...form.register("maxPerSecond", { setValueAs: (v: string | number | null) => (v === "" || v === null || Number.isNaN(Number(v)) ? null : Number(v)) })} />
          </Field>
          <Field id="webhook-description" label="Description (optional)" hint="E.g. which workflow receives it, and who owns it." error={errors.description?.message}>
            <Textarea rows={2} {...fieldAria("webhook-description", errors.description?.message, true)} {...form.register("description")} />
          </Field>
          <div className="flex items-start justify-between gap-4 rounded-md border p-3">
            <div className="grid gap-1">
              <Label htmlFor="webhook-enabled">Enabled</Label>
              <p className="text-xs text-muted-foreground">A disabled webhook keeps its configuration but cannot be triggered.</p>
            </div>
            <Controller control={form.control} name="enabled" render={({ field }) => <Switch id="webhook-enabled" checked={field.value} onCheckedChange={field.onChange} />} />
          </div>
          <div>
            <Button type="submit" pending={isSubmitting}>{config ? "Save configuration" : "Create configuration"}</Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

/** Write-only: a stored token is shown as its last 4 characters; it can be replaced or removed. */
function BearerTokenField({ form, last4, error }: { form: ZodForm<typeof webhookConfigInput>; last4: string | null; error?: string }) {
  const [replacing, setReplacing] = useState(false);
  const token = form.watch("bearerToken");
  const set = (value: string | null, replace: boolean) => {
    form.setValue("bearerToken", value, { shouldDirty: true });
    form.clearErrors("bearerToken");
    setReplacing(replace);
  };
  if (last4 !== null && token === null) {
    return (
      <TokenStatus label="Bearer token" testId="bearer-token-removed" text="The token will be removed when you save.">
        <Button type="button" variant="outline" size="sm" onClick={() => set("", false)}>Keep it</Button>
      </TokenStatus>
    );
  }
  if (last4 !== null && !replacing) {
    return (
      <TokenStatus label="Bearer token" testId="bearer-token-state" text={<>Set, ending in <span className="font-mono">{last4}</span>. Sent as Authorization: Bearer ….</>}>
        <Button type="button" variant="outline" size="sm" onClick={() => set("", true)}>Replace</Button>
        <Button type="button" variant="outline" size="sm" onClick={() => set(null, false)}>Remove</Button>
      </TokenStatus>
    );
  }
  return (
    <Field id="webhook-token" label={last4 ? "New bearer token" : "Bearer token (optional)"} hint="Sent as Authorization: Bearer …. Stored encrypted; after saving, only its last 4 characters are shown." error={error}>
      <div className="flex gap-2">
        <Input type="password" autoComplete="new-password" spellCheck={false} className="font-mono" {...fieldAria("webhook-token", error, true)} {...form.register("bearerToken")} />
        {replacing && <Button type="button" variant="ghost" onClick={() => set("", false)}>Cancel</Button>}
      </div>
    </Field>
  );
}

function TokenStatus({ label, text, testId, children }: { label: string; text: ReactNode; testId: string; children: ReactNode }) {
  return (
    <div className="grid gap-1.5">
      <span className="text-sm font-medium leading-none">{label}</span>
      <div className="flex flex-wrap items-center justify-between gap-2 rounded-md border bg-muted/40 px-3 py-2">
        <p className="text-sm" data-testid={testId} role="status">{text}</p>
        <div className="flex gap-2">{children}</div>
      </div>
    </div>
  );
}
