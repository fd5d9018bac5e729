"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState, type ReactNode } from "react";
import { Controller, useFieldArray, useForm } from "react-hook-form";
import { toast } from "sonner";
import { saveWebhookConfigAction } from "@/components/integrations/actions";
import { optionalNumber } from "@/components/forms/number-field";
import { showServerErrors } from "@/components/forms/server-errors";
import { useUnsavedChangesWarning } from "@/components/forms/use-unsaved-changes-warning";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { SwitchRow } from "@/components/ui/switch";
import { SUGGESTED_LIMITS } from "@/lib/integrations/delivery-limits";
import {
  DEFAULT_TIMEOUT_SECONDS,
  MAX_IN_FLIGHT,
  MAX_TIMEOUT_SECONDS,
  MIN_TIMEOUT_SECONDS,
  webhookConfigInput,
  type Platform,
} from "@/lib/integrations/schemas";
import type { WebhookConfigView } from "@/lib/integrations/views";
import type { ConnectorField, ConnectorTypeInfo, DefaultModeBody, HttpMethod, SignatureStyle } from "@/lib/webhooks/connector-types";

interface Values {
  /** "" keeps a stored secret URL. */
  url: string;
  /** "" keeps the stored token, null removes it. */
  bearerToken: string | null;
  signatureStyle: SignatureStyle;
  defaultModeBody: DefaultModeBody;
  method: HttpMethod;
  /** A header with an empty value keeps its stored value. */
  headers: { name: string; value: string }[];
  /** Absent keeps the stored certificate and key, null removes them, an object replaces both. */
  clientCertificate?: { cert: string; key: string } | null;
  /** PEM CA certificates for this receiver; "" for none. */
  receiverCa: string;
  sendTraceparent: boolean;
  enabled: boolean;
  timeoutSeconds: number;
  /** Empty (NaN from the number input): no limit. */
  maxPerSecond: number | null;
  /** Empty: no limit of its own. */
  maxInFlight: number | null;
  description: string;
}

const defaultOf = (connector: ConnectorTypeInfo, key: ConnectorField["key"]) => connector.fields.find((f) => f.key === key)?.default;

const toValues = (config: WebhookConfigView | null, connector: ConnectorTypeInfo): Values => ({
  url: config && !config.urlIsSecret ? config.url : "",
  bearerToken: "",
  signatureStyle: config?.signatureStyle ?? "standard-webhooks",
  method: config?.method ?? "POST",
  defaultModeBody: config?.defaultModeBody ?? "empty",
  headers: (config?.headers ?? []).map((h) => ({ name: h.name, value: "" })),
  receiverCa: config?.receiverCa ?? "",
  sendTraceparent: config?.sendTraceparent ?? false,
  enabled: config?.enabled ?? true,
  timeoutSeconds: config?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
  maxPerSecond: config ? config.maxPerSecond : ((defaultOf(connector, "maxPerSecond") as number | null | undefined) ?? null),
  maxInFlight: config?.maxInFlight ?? null,
  description: config?.description ?? "",
});

/** Only the fields the connector type has are sent: the others would be refused. */
const toInput = (values: Values, connector: ConnectorTypeInfo) => {
  const has = (key: ConnectorField["key"]) => connector.fields.some((f) => f.key === key);
  return {
    url: values.url,
    enabled: values.enabled,
    timeoutSeconds: values.timeoutSeconds,
    maxPerSecond: values.maxPerSecond,
    maxInFlight: values.maxInFlight,
    description: values.description,
    ...(has("bearerToken") && { bearerToken: values.bearerToken }),
    ...(has("signatureStyle") && { signatureStyle: values.signatureStyle }),
    ...(has("method") && { method: values.method }),
    ...(has("defaultModeBody") && { defaultModeBody: values.defaultModeBody }),
    ...(has("headers") && {
      headers: values.headers.filter((h) => h.name.trim() !== "").map((h) => ({ name: h.name.trim(), value: h.value })),
    }),
    ...(has("clientCertificate") && values.clientCertificate !== undefined && { clientCertificate: values.clientCertificate }),
    ...(has("receiverCa") && { receiverCa: values.receiverCa }),
    ...(has("sendTraceparent") && { sendTraceparent: values.sendTraceparent }),
  };
};

/**
 * The webhook of an integration, with the fields its connector type declares
 * (lib/webhooks/connector-types.ts): the same declaration the API and its validation use.
 */
export function WebhookConfigForm({
  integrationId,
  platform,
  initial,
  connector,
}: {
  integrationId: string;
  platform: Platform;
  initial: WebhookConfigView | null;
  connector: ConnectorTypeInfo;
}) {
  const [config, setConfig] = useState(initial);
  const form = useForm<Values>({ resolver: zodResolver(webhookConfigInput) as never, defaultValues: toValues(initial, connector) });
  const { errors, isSubmitting, isDirty } = form.formState;
  useUnsavedChangesWarning(isDirty && !isSubmitting);
  const field = (key: ConnectorField["key"]) => connector.fields.find((f) => f.key === key);

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await saveWebhookConfigAction({ integrationId, config: toInput(values, connector) });
    if (!result.ok) return showServerErrors(form, result);
    toast.success(
      config
        ? "Webhook configuration saved."
        : connector.type === "standard"
          ? "Webhook configured. A signing secret has been generated."
          : "Webhook configured.",
    );
    setConfig(result.config);
    form.reset(toValues(result.config, connector));
  });

  const urlField = field("url")!;
  const rate = field("maxPerSecond");
  return (
    <Card>
      <CardHeader>
        <CardTitle>Delivery</CardTitle>
        <CardDescription>{connector.description}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="grid gap-5" noValidate>
          {urlField.sensitive && config?.urlIsSecret ? (
            <SecretUrlField
              form={form}
              masked={config.url}
              label={urlField.label}
              placeholder={urlField.placeholder}
              error={errors.url?.message}
            />
          ) : (
            <Field id="webhook-url" label={urlField.label} hint={urlField.help} error={errors.url?.message}>
              <Input
                type="url"
                inputMode="url"
                autoComplete="off"
                placeholder={urlField.placeholder}
                className="font-mono"
                {...fieldAria("webhook-url", errors.url?.message, true)}
                {...form.register("url")}
              />
            </Field>
          )}
          {field("bearerToken") && (
            <BearerTokenField
              form={form}
              last4={config?.bearerTokenSet ? config.bearerTokenLast4 : null}
              error={errors.bearerToken?.message}
            />
          )}
          {field("signatureStyle") && (
            <Field
              id="webhook-signature-style"
              label="Signature style"
              hint={field("signatureStyle")!.help}
              error={errors.signatureStyle?.message}
            >
              <NativeSelect
                {...fieldAria("webhook-signature-style", errors.signatureStyle?.message, true)}
                {...form.register("signatureStyle")}
              >
                {field("signatureStyle")!.options!.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </NativeSelect>
            </Field>
          )}
          {field("method") && (
            <Field id="webhook-method" label="HTTP method" error={errors.method?.message}>
              <NativeSelect className="w-28" {...fieldAria("webhook-method", errors.method?.message)} {...form.register("method")}>
                {field("method")!.options!.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </NativeSelect>
            </Field>
          )}
          {field("defaultModeBody") && (
            <Field
              id="webhook-default-mode-body"
              label={field("defaultModeBody")!.label}
              hint={field("defaultModeBody")!.help}
              error={errors.defaultModeBody?.message}
            >
              <NativeSelect
                {...fieldAria("webhook-default-mode-body", errors.defaultModeBody?.message, true)}
                {...form.register("defaultModeBody")}
              >
                {field("defaultModeBody")!.options!.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </NativeSelect>
            </Field>
          )}
          {field("headers") && <HeadersField form={form} stored={config?.headers ?? []} help={field("headers")!.help} />}
          {field("clientCertificate") && (
            <ClientCertificateField form={form} stored={config?.clientCertificate ?? null} help={field("clientCertificate")!.help} />
          )}
          {field("receiverCa") && (
            <Field
              id="webhook-receiver-ca"
              label="CA certificates for this receiver (optional)"
              hint={field("receiverCa")!.help}
              error={errors.receiverCa?.message}
            >
              <Textarea
                rows={3}
                spellCheck={false}
                placeholder="-----BEGIN CERTIFICATE-----"
                className="font-mono text-xs"
                {...fieldAria("webhook-receiver-ca", errors.receiverCa?.message, true)}
                {...form.register("receiverCa")}
              />
            </Field>
          )}
          {field("sendTraceparent") && (
            <Controller
              control={form.control}
              name="sendTraceparent"
              render={({ field: control }) => (
                <SwitchRow
                  id="webhook-send-traceparent"
                  label={field("sendTraceparent")!.label}
                  hint={field("sendTraceparent")!.help!}
                  checked={control.value}
                  onCheckedChange={control.onChange}
                />
              )}
            />
          )}
          <Field
            id="webhook-timeout"
            label="Timeout (seconds)"
            hint={`From ${MIN_TIMEOUT_SECONDS} to ${MAX_TIMEOUT_SECONDS}. A slower answer counts as a failure.`}
            error={errors.timeoutSeconds?.message}
          >
            <Input
              type="number"
              min={MIN_TIMEOUT_SECONDS}
              max={MAX_TIMEOUT_SECONDS}
              step={1}
              className="w-28"
              {...fieldAria("webhook-timeout", errors.timeoutSeconds?.message, true)}
              {...form.register("timeoutSeconds", { valueAsNumber: true })}
            />
          </Field>
          <Field
            id="webhook-rate"
            label="Automatic deliveries per second, at most (optional)"
            hint={rate?.help}
            error={errors.maxPerSecond?.message}
          >
            <Input
              type="number"
              min={0.01}
              max={1000}
              step="any"
              className="w-28"
              {...fieldAria("webhook-rate", errors.maxPerSecond?.message, true)}
              {...form.register("maxPerSecond", { setValueAs: optionalNumber })}
            />
          </Field>
          <Field
            id="webhook-in-flight"
            label="Deliveries in flight at once, at most (optional)"
            hint="Empty: no limit of its own (one webhook never takes more than three quarters of a worker). Deliveries above it wait in the queue instead of failing."
            error={errors.maxInFlight?.message}
          >
            <Input
              type="number"
              min={1}
              max={MAX_IN_FLIGHT}
              step={1}
              className="w-28"
              {...fieldAria("webhook-in-flight", errors.maxInFlight?.message, true)}
              {...form.register("maxInFlight", { setValueAs: optionalNumber })}
            />
          </Field>
          <SuggestedLimits
            platform={platform}
            onUse={(s) => {
              form.setValue("maxPerSecond", s.maxPerSecond, { shouldDirty: true });
              form.setValue("maxInFlight", s.maxInFlight, { shouldDirty: true });
            }}
          />
          <Field
            id="webhook-description"
            label="Description (optional)"
            hint="E.g. which workflow or channel receives it, and who owns it."
            error={errors.description?.message}
          >
            <Textarea rows={2} {...fieldAria("webhook-description", errors.description?.message, true)} {...form.register("description")} />
          </Field>
          <Controller
            control={form.control}
            name="enabled"
            render={({ field }) => (
              <SwitchRow
                id="webhook-enabled"
                label="Enabled"
                hint="A disabled webhook keeps its configuration but cannot be triggered."
                checked={field.value}
                onCheckedChange={field.onChange}
              />
            )}
          />
          <div>
            <Button type="submit" pending={isSubmitting}>
              {config ? "Save configuration" : "Create configuration"}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

/** Write-only: a stored secret URL is shown masked; it can be replaced. */
function SecretUrlField({
  form,
  masked,
  label,
  placeholder,
  error,
}: {
  form: ReturnType<typeof useForm<Values>>;
  masked: string;
  label: string;
  placeholder?: string;
  error?: string;
}) {
  const [replacing, setReplacing] = useState(false);
  if (!replacing && !error) {
    return (
      <TokenStatus
        label={label}
        testId="secret-url-state"
        text={
          <>
            Set: <span className="break-all font-mono">{masked}</span>. Stored encrypted.
          </>
        }
      >
        <Button type="button" variant="outline" size="sm" onClick={() => setReplacing(true)}>
          Replace
        </Button>
      </TokenStatus>
    );
  }
  return (
    <Field
      id="webhook-url"
      label={`New ${label.toLowerCase()}`}
      hint="The URL is the webhook's secret: stored encrypted, shown masked after saving."
      error={error}
    >
      <div className="flex gap-2">
        <Input
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          className="font-mono"
          {...fieldAria("webhook-url", error, true)}
          {...form.register("url")}
        />
        <Button
          type="button"
          variant="ghost"
          onClick={() => {
            form.setValue("url", "", { shouldDirty: false });
            form.clearErrors("url");
            setReplacing(false);
          }}
        >
          Cancel
        </Button>
      </div>
    </Field>
  );
}

/** Custom headers: names in clear, values write-only (an empty value keeps the stored one). */
function HeadersField({
  form,
  stored,
  help,
}: {
  form: ReturnType<typeof useForm<Values>>;
  stored: { name: string; valueLast4: string }[];
  help?: string;
}) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "headers" });
  const errors = form.formState.errors.headers;
  const last4 = new Map(stored.map((h) => [h.name.toLowerCase(), h.valueLast4]));
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1.5 text-sm font-medium">Custom headers (optional)</legend>
      {fields.map((f, i) => {
        const name = form.watch(`headers.${i}.name`);
        const kept = last4.get((name ?? "").toLowerCase());
        const nameError = errors?.[i]?.name?.message;
        const valueError = errors?.[i]?.value?.message;
        const error = nameError ?? valueError;
        return (
          <div key={f.id} className="grid gap-1">
            <div className="flex flex-wrap gap-2 sm:flex-nowrap">
              <Input
                aria-label={`Header ${i + 1} name`}
                placeholder="X-Api-Key"
                autoComplete="off"
                className="font-mono sm:w-56"
                aria-invalid={nameError ? true : undefined}
                {...form.register(`headers.${i}.name`)}
              />
              <Input
                aria-label={`Header ${i + 1} value`}
                type="password"
                autoComplete="new-password"
                placeholder={kept ? `•••• ${kept} (unchanged)` : "Value"}
                className="font-mono"
                aria-invalid={valueError ? true : undefined}
                {...form.register(`headers.${i}.value`)}
              />
              <Button type="button" variant="ghost" size="sm" onClick={() => remove(i)} aria-label={`Remove header ${i + 1}`}>
                Remove
              </Button>
            </div>
            {error && <p className="text-xs font-medium text-destructive">{error}</p>}
          </div>
        );
      })}
      <div>
        <Button type="button" variant="outline" size="sm" onClick={() => append({ name: "", value: "" })}>
          Add header
        </Button>
      </div>
      {help && (
        <p className="text-xs text-muted-foreground">
          {help} Not allowed: Host, Content-Length, Expect, hop-by-hop and webhook-* headers; values in Latin-1 only (no €, emoji or line
          separators).
        </p>
      )}
    </fieldset>
  );
}

/**
 * Mutual TLS: a stored certificate is shown by its subject and expiry (warned about 30 days ahead);
 * its key is write-only. Replacing takes a certificate and its key together.
 */
function ClientCertificateField({
  form,
  stored,
  help,
}: {
  form: ReturnType<typeof useForm<Values>>;
  stored: NonNullable<WebhookConfigView["clientCertificate"]> | null;
  help?: string;
}) {
  const value = form.watch("clientCertificate");
  const errors = form.formState.errors.clientCertificate;
  const set = (next: Values["clientCertificate"]) => {
    form.setValue("clientCertificate", next, { shouldDirty: next !== undefined });
    form.clearErrors("clientCertificate");
  };
  const label = "Client certificate (mutual TLS)";
  if (stored && value === null) {
    return (
      <TokenStatus label={label} testId="client-certificate-removed" text="The certificate and its key will be removed when you save.">
        <Button type="button" variant="outline" size="sm" onClick={() => set(undefined)}>
          Keep it
        </Button>
      </TokenStatus>
    );
  }
  if (value === undefined || value === null) {
    if (!stored) {
      return (
        <div className="grid gap-1.5">
          <span className="text-sm font-medium leading-none">{label}</span>
          <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
            <Button type="button" variant="outline" size="sm" onClick={() => set({ cert: "", key: "" })}>
              Add a client certificate
            </Button>
            <span>Only for receivers that ask for one.</span>
          </div>
        </div>
      );
    }
    const expiry = new Date(stored.notAfter);
    const expired = expiry <= new Date();
    return (
      <TokenStatus
        label={label}
        testId="client-certificate-state"
        text={
          <>
            <span className="break-all font-mono text-xs">{stored.subject}</span>
            <br />
            <span className={stored.expiresSoon ? "font-medium text-destructive" : undefined}>
              {expired ? "Expired" : "Expires"} on {expiry.toISOString().slice(0, 10)}
              {stored.expiresSoon && !expired ? ": replace it before then." : "."}
            </span>{" "}
            The key is stored encrypted and never shown.
          </>
        }
      >
        <Button type="button" variant="outline" size="sm" onClick={() => set({ cert: "", key: "" })}>
          Replace
        </Button>
        <Button type="button" variant="outline" size="sm" onClick={() => set(null)}>
          Remove
        </Button>
      </TokenStatus>
    );
  }
  return (
    <fieldset className="grid gap-3">
      <legend className="mb-1.5 text-sm font-medium">{stored ? `New ${label.toLowerCase()}` : label}</legend>
      <Field id="webhook-client-cert" label="Certificate (PEM, chain allowed)" error={errors?.cert?.message}>
        <Textarea
          rows={4}
          spellCheck={false}
          placeholder="-----BEGIN CERTIFICATE-----"
          className="font-mono text-xs"
          {...fieldAria("webhook-client-cert", errors?.cert?.message, true)}
          {...form.register("clientCertificate.cert")}
        />
      </Field>
      <Field id="webhook-client-key" label="Private key (PEM, without a passphrase)" error={errors?.key?.message}>
        <Textarea
          rows={4}
          spellCheck={false}
          autoComplete="off"
          placeholder="-----BEGIN PRIVATE KEY-----"
          className="font-mono text-xs [-webkit-text-security:disc]"
          {...fieldAria("webhook-client-key", errors?.key?.message, true)}
          {...form.register("clientCertificate.key")}
        />
      </Field>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" variant="ghost" size="sm" onClick={() => set(undefined)}>
          Cancel
        </Button>
        {help && <p className="text-xs text-muted-foreground">{help}</p>}
      </div>
    </fieldset>
  );
}

/** Write-only: a stored token is shown as its last 4 characters; it can be replaced or removed. */
function BearerTokenField({ form, last4, error }: { form: ReturnType<typeof useForm<Values>>; last4: string | null; error?: string }) {
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
        <Button type="button" variant="outline" size="sm" onClick={() => set("", false)}>
          Keep it
        </Button>
      </TokenStatus>
    );
  }
  if (last4 !== null && !replacing) {
    return (
      <TokenStatus
        label="Bearer token"
        testId="bearer-token-state"
        text={
          <>
            Set, ending in <span className="font-mono">{last4}</span>. Sent as Authorization: Bearer ….
          </>
        }
      >
        <Button type="button" variant="outline" size="sm" onClick={() => set("", true)}>
          Replace
        </Button>
        <Button type="button" variant="outline" size="sm" onClick={() => set(null, false)}>
          Remove
        </Button>
      </TokenStatus>
    );
  }
  return (
    <Field
      id="webhook-token"
      label={last4 ? "New bearer token" : "Bearer token (optional)"}
      hint="Sent as Authorization: Bearer …. Stored encrypted; after saving, only its last 4 characters are shown."
      error={error}
    >
      <div className="flex gap-2">
        <Input
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          className="font-mono"
          {...fieldAria("webhook-token", error, true)}
          {...form.register("bearerToken")}
        />
        {replacing && (
          <Button type="button" variant="ghost" onClick={() => set("", false)}>
            Cancel
          </Button>
        )}
      </div>
    </Field>
  );
}

function TokenStatus({ label, text, testId, children }: { label: string; text: ReactNode; testId: string; children: ReactNode }) {
  return (
    <div className="grid gap-1.5">
      <span className="text-sm font-medium leading-none">{label}</span>
      <div className="flex flex-wrap items-center justify-between gap-2 rounded-md border bg-muted/40 px-3 py-2">
        <p className="text-sm" data-testid={testId} role="status">
          {text}
        </p>
        <div className="flex gap-2">{children}</div>
      </div>
    </div>
  );
}

/** The platform's suggested pace and concurrency, applied to the two fields on request. */
function SuggestedLimits({ platform, onUse }: { platform: Platform; onUse: (s: (typeof SUGGESTED_LIMITS)[Platform]) => void }) {
  const s = SUGGESTED_LIMITS[platform];
  const limits =
    [s.maxPerSecond && `${s.maxPerSecond} per second`, s.maxInFlight && `${s.maxInFlight} in flight`].filter(Boolean).join(", ") ||
    "no limits";
  return (
    <div className="-mt-2 flex flex-wrap items-center gap-2 text-xs text-muted-foreground" data-testid="suggested-limits">
      <span>
        Suggested for this platform: {limits}. {s.reason}
      </span>
      <Button type="button" size="sm" variant="outline" onClick={() => onUse(s)}>
        Use suggested limits
      </Button>
    </div>
  );
}
