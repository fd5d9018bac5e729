"use client";
import { Plus } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Controller } from "react-hook-form";
import { toast } from "sonner";
import { createPlanAction, updatePlanAction } from "@/components/plans/actions";
import { optionalNumber } from "@/components/forms/number-field";
import { showServerErrors } from "@/components/forms/server-errors";
import { useZodForm } from "@/components/forms/use-zod-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SwitchRow } from "@/components/ui/switch";
import { CONNECTOR_TYPE_INFO, CONNECTOR_TYPES } from "@/lib/webhooks/connector-types";
import { createPlanInput, type CreatePlanInput } from "@/lib/workspaces/schemas";
import type { PlanView } from "@/lib/workspaces/views";

const EMPTY: CreatePlanInput = {
  key: "",
  name: "",
  maxIntegrations: null,
  maxPerConnectorType: {},
  onePerConnectorType: false,
  automaticDeliveries: true,
  retrySchedules: true,
  ingestPerMinute: null,
  triggersPerMinute: null,
  historyDays: null,
};

const SWITCHES = [
  ["onePerConnectorType", "One integration per connector type", "Creating a second integration of a type updates the first."],
  ["automaticDeliveries", "Automatic deliveries", "Subscriptions deliver matching events automatically."],
  ["retrySchedules", "Retry schedules", "Failed automatic deliveries are retried on a schedule."],
] as const;

/** Defines a plan, or (with `plan`) changes one; its key stays. Empty number fields mean no limit. */
export function PlanDialog({ plan }: { plan?: PlanView }) {
  const [open, setOpen] = useState(false);
  const defaults: CreatePlanInput = plan ? { ...plan, maxPerConnectorType: { ...plan.maxPerConnectorType } } : EMPTY;
  const form = useZodForm(createPlanInput, { defaultValues: defaults });
  const { errors, isSubmitting } = form.formState;
  const fromEnvironment = plan?.integrationLimitsFromEnvironment ?? false;

  const onSubmit = form.handleSubmit(async (values) => {
    const { key: _, ...changes } = values;
    const result = plan
      ? await updatePlanAction({
          id: plan.id,
          changes: fromEnvironment ? { ...changes, maxIntegrations: undefined, maxPerConnectorType: undefined } : changes,
        })
      : await createPlanAction(values);
    if (!result.ok) return showServerErrors(form, result);
    toast.success(plan ? `${result.plan.name} saved.` : `The ${result.plan.name} plan is defined.`);
    if (!plan) form.reset(EMPTY);
    setOpen(false);
  });

  const number = (
    id: string,
    name: Parameters<typeof form.register>[0],
    label: string,
    hint: ReactNode,
    error?: string,
    readOnly = false,
  ) => (
    <Field id={id} label={label} hint={hint} error={error}>
      <Input
        type="number"
        inputMode="numeric"
        min={0}
        placeholder="No limit"
        readOnly={readOnly}
        {...fieldAria(id, error, true)}
        {...form.register(name, { setValueAs: optionalNumber })}
      />
    </Field>
  );

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) form.reset(defaults);
      }}
    >
      <DialogTrigger asChild>
        {plan ? (
          <Button variant="outline" size="sm" aria-label={`Edit plan ${plan.name}`}>
            Edit
          </Button>
        ) : (
          <Button>
            <Plus aria-hidden /> New plan
          </Button>
        )}
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-2xl">
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          <DialogHeader>
            <DialogTitle>{plan ? `Edit the ${plan.name} plan` : "New plan"}</DialogTitle>
            <DialogDescription>
              Empty limits mean no limit; a connector type limited to 0 is not in the plan. Changing a plan disables nothing in the
              workspaces on it: what is then over it is listed on their Plan page, and new creations are refused.
            </DialogDescription>
          </DialogHeader>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="plan-key" label="Key" hint='Lowercase, used by the API (plan: "team").' error={errors.key?.message}>
              <Input
                autoComplete="off"
                readOnly={Boolean(plan)}
                {...fieldAria("plan-key", errors.key?.message, true)}
                {...form.register("key")}
              />
            </Field>
            <Field id="plan-name" label="Name" error={errors.name?.message}>
              <Input autoComplete="off" {...fieldAria("plan-name", errors.name?.message)} {...form.register("name")} />
            </Field>
          </div>
          <fieldset className="grid gap-3">
            <legend className="mb-1 text-sm font-medium">Integrations</legend>
            {fromEnvironment && (
              <p className="text-xs text-muted-foreground">
                The Default plan&apos;s integration limits are PORTAL_MAX_INTEGRATIONS and PORTAL_MAX_INTEGRATIONS_&lt;TYPE&gt;.
              </p>
            )}
            <div className="grid gap-3 sm:grid-cols-3">
              {number("plan-maxIntegrations", "maxIntegrations", "In all", null, errors.maxIntegrations?.message, fromEnvironment)}
              {CONNECTOR_TYPES.map((type) =>
                number(
                  `plan-max-${type}`,
                  `maxPerConnectorType.${type}`,
                  CONNECTOR_TYPE_INFO[type].label,
                  null,
                  errors.maxPerConnectorType?.[type]?.message,
                  fromEnvironment,
                ),
              )}
            </div>
          </fieldset>
          <div className="grid gap-2">
            {SWITCHES.map(([name, label, hint]) => (
              <Controller
                key={name}
                control={form.control}
                name={name}
                render={({ field }) => (
                  <SwitchRow
                    id={`plan-${name}`}
                    label={label}
                    hint={hint}
                    checked={Boolean(field.value)}
                    onCheckedChange={field.onChange}
                  />
                )}
              />
            ))}
          </div>
          <div className="grid gap-3 sm:grid-cols-3">
            {number("plan-ingest", "ingestPerMinute", "Events ingested a minute", null, errors.ingestPerMinute?.message)}
            {number("plan-triggers", "triggersPerMinute", "Manual triggers a minute", null, errors.triggersPerMinute?.message)}
            {number("plan-history", "historyDays", "History kept (days)", null, errors.historyDays?.message)}
          </div>
          <DialogFooter>
            <Button type="submit" pending={isSubmitting}>
              {plan ? "Save plan" : "Define plan"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
