"use client";
import { Controller } from "react-hook-form";
import { toast } from "sonner";
import { saveAlertSettingsAction } from "@/components/integrations/actions";
import { optionalNumber } from "@/components/forms/number-field";
import { showServerErrors } from "@/components/forms/server-errors";
import { useZodForm } from "@/components/forms/use-zod-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { SwitchRow } from "@/components/ui/switch";
import type { AlertTarget } from "@/lib/integrations/list-alert-targets";
import { alertSettingsInput } from "@/lib/integrations/schemas";
import type { AlertSettingsView } from "@/lib/integrations/views";

/** The select's empty option ("") is "no alerts", as the schema reads it. */
const toValues = (s: AlertSettingsView) => ({ ...s, alertIntegrationId: s.alertIntegrationId ?? "" });

/** Where this integration's failure alerts go, and when: admins only. */
export function AlertsCard({
  integrationId,
  initial,
  targets,
}: {
  integrationId: string;
  initial: AlertSettingsView;
  targets: AlertTarget[];
}) {
  const form = useZodForm(alertSettingsInput, { defaultValues: toValues(initial) });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await saveAlertSettingsAction({ integrationId, settings: values });
    if (!result.ok) return showServerErrors(form, result);
    toast.success(result.alerts.alertIntegrationId ? "Failure alerts saved." : "Failure alerts turned off.");
    form.reset(toValues(result.alerts));
  });
  return (
    <Card id="alerts" className="scroll-mt-4">
      <CardHeader>
        <CardTitle>Failure alerts</CardTitle>
        <CardDescription>
          Tell a channel when this integration stops working: sent through another integration, in its format, and kept in its history as an
          alert.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate>
          <Field
            id="alert-target"
            label="Send alerts through"
            hint="E.g. a Slack or Teams channel. Alerts are never sent about alerts."
            error={errors.alertIntegrationId?.message}
          >
            <NativeSelect {...fieldAria("alert-target", errors.alertIntegrationId?.message, true)} {...form.register("alertIntegrationId")}>
              <option value="">No alerts</option>
              {targets.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                  {t.webhookEnabled ? "" : " (webhook disabled)"}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Controller
            control={form.control}
            name="alertOnDisable"
            render={({ field }) => (
              <SwitchRow
                id="alert-on-disable"
                label="When a subscription is disabled"
                hint="By 410 Gone or too many failures in a row."
                checked={field.value}
                onCheckedChange={field.onChange}
              />
            )}
          />
          <Field
            id="alert-threshold"
            label="When failures reach (optional)"
            hint="Deliveries that failed within the window; tests do not count. Empty: no threshold alert."
            error={errors.alertFailureThreshold?.message}
          >
            <Input
              type="number"
              min={1}
              step={1}
              className="w-28"
              {...fieldAria("alert-threshold", errors.alertFailureThreshold?.message, true)}
              {...form.register("alertFailureThreshold", { setValueAs: optionalNumber })}
            />
          </Field>
          <Field
            id="alert-window"
            label="Within (minutes)"
            hint="At most one threshold alert per window."
            error={errors.alertWindowMinutes?.message}
          >
            <Input
              type="number"
              min={1}
              max={1440}
              step={1}
              className="w-28"
              {...fieldAria("alert-window", errors.alertWindowMinutes?.message, true)}
              {...form.register("alertWindowMinutes", { valueAsNumber: true })}
            />
          </Field>
          <div className="sm:col-span-2">
            <Button type="submit" variant="outline" pending={isSubmitting}>
              Save alerts
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
