"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm, type UseFormReturn } from "react-hook-form";
import { toast } from "sonner";
import { createIntegrationAction, updateIntegrationAction } from "@/components/integrations/actions";
import { showServerErrors } from "@/components/forms/server-errors";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { createIntegrationInput, PLATFORMS, updateIntegrationInput, type Platform } from "@/lib/integrations/schemas";
import { slugFromName } from "@/lib/integrations/slug";
import { PLATFORM_DISPLAY } from "./platform-badge";

interface Values {
  name: string;
  platform: Platform;
  description: string;
  slug: string;
}

export function CreateIntegrationForm() {
  const router = useRouter();
  const form = useForm<Values>({
    resolver: zodResolver(createIntegrationInput) as never,
    defaultValues: { name: "", platform: "n8n", description: "", slug: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await createIntegrationAction(values);
    if (!result.ok) return showServerErrors(form, result);
    toast.success(`“${result.integration.name}” added. Now configure its webhook.`);
    router.push(`/integrations/${result.integration.id}/webhook`);
  });
  return <IntegrationFields form={form} onSubmit={onSubmit} submitLabel="Add integration" slugHint="Leave empty to derive it from the name." />;
}

export function EditIntegrationForm({ id, values }: { id: string; values: Values }) {
  const router = useRouter();
  const form = useForm<Values>({ resolver: zodResolver(updateIntegrationInput) as never, defaultValues: values });
  const onSubmit = form.handleSubmit(async (changes) => {
    const result = await updateIntegrationAction({ id, changes });
    if (!result.ok) return showServerErrors(form, result);
    toast.success(`“${result.integration.name}” saved.`);
    router.push(`/integrations/${id}`);
  });
  return <IntegrationFields form={form} onSubmit={onSubmit} submitLabel="Save changes" slugHint="Changing it changes how the API and scripts refer to this integration." />;
}

function IntegrationFields({ form, onSubmit, submitLabel, slugHint }: { form: UseFormReturn<Values>; onSubmit: () => void; submitLabel: string; slugHint: string }) {
  const { errors, isSubmitting } = form.formState;
  const name = form.watch("name");
  return (
    <Card className="max-w-2xl">
      <CardContent className="pt-5">
        <form onSubmit={onSubmit} className="grid gap-5" noValidate>
          <Field id="integration-name" label="Name" error={errors.name?.message}>
            <Input autoComplete="off" {...fieldAria("integration-name", errors.name?.message)} {...form.register("name")} />
          </Field>
          <fieldset className="grid gap-2" aria-describedby={errors.platform ? "integration-platform-error" : undefined}>
            <legend className="mb-1.5 text-sm font-medium">Platform</legend>
            <div className="grid gap-2 sm:grid-cols-3">
              {PLATFORMS.map((p) => {
                const { label, icon: Icon } = PLATFORM_DISPLAY[p];
                return (
                  <label key={p} className="flex cursor-pointer items-center gap-2 rounded-md border p-2.5 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring">
                    <input type="radio" value={p} className="sr-only" {...form.register("platform")} />
                    <Icon className="size-4 text-muted-foreground" aria-hidden />
                    {label}
                  </label>
                );
              })}
            </div>
            {errors.platform && <p id="integration-platform-error" className="text-xs font-medium text-destructive">{errors.platform.message}</p>}
          </fieldset>
          <Field id="integration-slug" label="Slug" hint={slugHint} error={errors.slug?.message}>
            <Input autoComplete="off" placeholder={name ? slugFromName(name) : "e.g. incident-alerts"} className="font-mono" {...fieldAria("integration-slug", errors.slug?.message, true)} {...form.register("slug")} />
          </Field>
          <Field id="integration-description" label="Description (optional)" hint="What it does and who to ask about it." error={errors.description?.message}>
            <Textarea rows={3} {...fieldAria("integration-description", errors.description?.message, true)} {...form.register("description")} />
          </Field>
          <div>
            <Button type="submit" pending={isSubmitting}>{submitLabel}</Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
