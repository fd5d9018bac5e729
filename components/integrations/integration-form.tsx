"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useForm, type Resolver, type UseFormReturn } from "react-hook-form";
import { toast } from "sonner";
import { createIntegrationAction, updateIntegrationAction } from "@/components/integrations/actions";
import { showServerErrors } from "@/components/forms/server-errors";
import { useWorkspaceHref } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import type { ConnectorTypeView } from "@/lib/integrations/list-connector-types";
import { createIntegrationInput, updateIntegrationInput, type Platform } from "@/lib/integrations/schemas";
import { slugFromName } from "@/lib/integrations/slug";
import type { ConnectorType } from "@/lib/webhooks/connector-types";
import { PLATFORM_DISPLAY } from "./platform-badge";
import { SetupSteps } from "./setup-steps";

interface Values {
  name: string;
  connectorType: ConnectorType;
  platform: Platform | undefined;
  description: string;
  slug: string;
}

/** The platforms a standard webhook can belong to: the workflow tools, not the chat apps (they have their own type). */
const STANDARD_PLATFORMS: Platform[] = ["n8n", "zapier", "make", "power-automate", "tines", "custom"];

/** A chat or Zapier connector is its own platform: the form sends none for it. */
const withPlatform = (values: Values): Values => ({
  ...values,
  platform: values.connectorType === "standard" ? values.platform : undefined,
});

/** The schema's checks on what is sent (withPlatform), not on the hidden platform choice. */
function validatedWithPlatform(schema: typeof createIntegrationInput | typeof updateIntegrationInput): Resolver<Values> {
  const validate = zodResolver(schema as never) as unknown as Resolver<Values>;
  return (values, context, options) => validate(withPlatform(values), context, options);
}

export function CreateIntegrationForm({ connectorTypes }: { connectorTypes: ConnectorTypeView[] }) {
  const router = useRouter();
  const toHref = useWorkspaceHref();
  const firstOpen = connectorTypes.find((t) => !t.usage.full)?.type ?? "standard";
  const form = useForm<Values>({
    resolver: validatedWithPlatform(createIntegrationInput),
    defaultValues: { name: "", connectorType: firstOpen, platform: "n8n", description: "", slug: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await createIntegrationAction(withPlatform(values));
    if (!result.ok) return showServerErrors(form, result);
    toast.success(`“${result.integration.name}” added. Now configure its webhook.`);
    router.push(toHref(`/integrations/${result.integration.id}/webhook`));
  });
  return (
    <IntegrationFields
      form={form}
      onSubmit={onSubmit}
      connectorTypes={connectorTypes}
      submitLabel="Add integration"
      slugHint="Leave empty to derive it from the name."
    />
  );
}

export function EditIntegrationForm({ id, values, connectorTypes }: { id: string; values: Values; connectorTypes: ConnectorTypeView[] }) {
  const router = useRouter();
  const toHref = useWorkspaceHref();
  const form = useForm<Values>({
    resolver: validatedWithPlatform(updateIntegrationInput),
    defaultValues: values,
  });
  const onSubmit = form.handleSubmit(async (changes) => {
    const result = await updateIntegrationAction({ id, changes: withPlatform(changes) });
    if (!result.ok) return showServerErrors(form, result);
    toast.success(`“${result.integration.name}” saved.`);
    router.push(toHref(`/integrations/${id}`));
  });
  return (
    <IntegrationFields
      form={form}
      onSubmit={onSubmit}
      connectorTypes={connectorTypes}
      current={values.connectorType}
      submitLabel="Save changes"
      slugHint="Changing it changes how the API and scripts refer to this integration."
    />
  );
}

function IntegrationFields({
  form,
  onSubmit,
  connectorTypes,
  current,
  submitLabel,
  slugHint,
}: {
  form: UseFormReturn<Values>;
  onSubmit: () => void;
  connectorTypes: ConnectorTypeView[];
  /** The type an edited integration has now: never refused for its limit. */
  current?: ConnectorType;
  submitLabel: string;
  slugHint: string;
}) {
  const { errors, isSubmitting } = form.formState;
  const name = form.watch("name");
  const type = form.watch("connectorType");
  const chosen = connectorTypes.find((t) => t.type === type);
  /** Why a type cannot be chosen: for a new integration, any limit of the plan; for one changed to it, that type's (or not in the plan). */
  const full = (t: ConnectorTypeView) => {
    if (t.type === current) return null;
    if (!current || t.usage.limit === 0) return t.usage.full;
    return t.usage.limit !== null && t.usage.used >= t.usage.limit
      ? `The workspace's plan allows at most ${t.usage.limit} ${t.label} integration${t.usage.limit === 1 ? "" : "s"}.`
      : null;
  };
  const platform = form.watch("platform");
  useEffect(() => {
    // Back to a standard webhook from a chat type: its platform is a workflow tool, "custom" until chosen.
    if (type === "standard" && !STANDARD_PLATFORMS.includes(platform as Platform)) form.setValue("platform", "custom");
  }, [type, platform, form]);
  const allFull = !current && connectorTypes.every((t) => t.usage.full);
  return (
    <Card className="max-w-3xl">
      <CardContent className="pt-5">
        {allFull && (
          <p
            role="alert"
            className="mb-4 rounded-md border border-destructive/40 bg-destructive/10 p-3 text-sm text-destructive"
            data-testid="limit-reached"
          >
            {connectorTypes[0]?.usage.full}
          </p>
        )}
        <form onSubmit={onSubmit} className="grid gap-5" noValidate>
          <fieldset className="grid gap-2" aria-describedby={errors.connectorType ? "integration-type-error" : undefined}>
            <legend className="mb-1.5 text-sm font-medium">Connector type</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {connectorTypes.map((t) => {
                const reason = full(t);
                return (
                  <label
                    key={t.type}
                    className="grid cursor-pointer gap-0.5 rounded-md border p-2.5 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5 has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring"
                  >
                    <span className="flex items-center gap-2 font-medium">
                      <input
                        type="radio"
                        value={t.type}
                        disabled={Boolean(reason)}
                        className="sr-only"
                        {...form.register("connectorType")}
                      />
                      {t.label}
                    </span>
                    <span className="text-xs text-muted-foreground">{reason ?? t.description}</span>
                  </label>
                );
              })}
            </div>
            {errors.connectorType && (
              <p id="integration-type-error" className="text-xs font-medium text-destructive">
                {errors.connectorType.message}
              </p>
            )}
          </fieldset>
          {chosen && chosen.type !== "standard" && <SetupSteps info={chosen} />}
          <Field id="integration-name" label="Name" error={errors.name?.message}>
            <Input autoComplete="off" {...fieldAria("integration-name", errors.name?.message)} {...form.register("name")} />
          </Field>
          {type === "standard" && (
            <fieldset className="grid gap-2" aria-describedby={errors.platform ? "integration-platform-error" : undefined}>
              <legend className="mb-1.5 text-sm font-medium">Platform</legend>
              <div className="grid gap-2 sm:grid-cols-3">
                {STANDARD_PLATFORMS.map((p) => {
                  const { label, icon: Icon } = PLATFORM_DISPLAY[p];
                  return (
                    <label
                      key={p}
                      className="flex cursor-pointer items-center gap-2 rounded-md border p-2.5 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring"
                    >
                      <input type="radio" value={p} className="sr-only" {...form.register("platform")} />
                      <Icon className="size-4 text-muted-foreground" aria-hidden />
                      {label}
                    </label>
                  );
                })}
              </div>
              {errors.platform && (
                <p id="integration-platform-error" className="text-xs font-medium text-destructive">
                  {errors.platform.message}
                </p>
              )}
            </fieldset>
          )}
          <Field id="integration-slug" label="Slug" hint={slugHint} error={errors.slug?.message}>
            <Input
              autoComplete="off"
              placeholder={name ? slugFromName(name) : "e.g. incident-alerts"}
              className="font-mono"
              {...fieldAria("integration-slug", errors.slug?.message, true)}
              {...form.register("slug")}
            />
          </Field>
          <Field
            id="integration-description"
            label="Description (optional)"
            hint="What it does and who to ask about it."
            error={errors.description?.message}
          >
            <Textarea
              rows={3}
              {...fieldAria("integration-description", errors.description?.message, true)}
              {...form.register("description")}
            />
          </Field>
          <div>
            <Button type="submit" pending={isSubmitting} disabled={allFull}>
              {submitLabel}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
