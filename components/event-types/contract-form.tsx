"use client";
import { Sparkles } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { proposeSchemaAction, updateEventTypeAction } from "@/components/event-types/actions";
import { CompatibilityBadge } from "@/components/event-types/compatibility-badge";
import { useZodForm } from "@/components/forms/use-zod-form";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import {
  eventTypeContractForm,
  VALIDATION_MODE_LABEL,
  VALIDATION_MODES,
  type ProposedSchema,
  type ValidationMode,
} from "@/lib/event-types/schemas";

/**
 * The contract of a type, for admins: description, validation mode and the JSON Schema of its
 * details, which can be proposed from the events seen. Saving a different schema makes a new version.
 */
export function ContractForm({
  name,
  description,
  validation,
  schema,
}: {
  name: string;
  description: string;
  validation: ValidationMode;
  schema: object | null;
}) {
  const router = useRouter();
  const form = useZodForm(eventTypeContractForm, {
    defaultValues: { description, validation, schemaText: schema ? JSON.stringify(schema, null, 2) : "" },
  });
  const [proposal, setProposal] = useState<ProposedSchema | null>(null);
  const [proposing, startProposing] = useTransition();
  const errors = form.formState.errors;

  const submit = form.handleSubmit(async (values) => {
    const result = await updateEventTypeAction({
      name,
      changes: {
        description: values.description,
        validation: values.validation,
        ...(values.schemaText.trim() !== "" && { schema: JSON.parse(values.schemaText) }),
      },
    });
    if (!result.ok) {
      const fields = result.fieldErrors ?? {};
      if (fields.schema) form.setError("schemaText", { type: "server", message: fields.schema.join(" · ") }, { shouldFocus: true });
      if (fields.validation) form.setError("validation", { type: "server", message: fields.validation[0] });
      if (fields.description) form.setError("description", { type: "server", message: fields.description[0] });
      if (!fields.schema && !fields.validation && !fields.description) toast.error(result.message);
      return;
    }
    toast.success(result.type.schemaVersion ? `Saved. The schema is at version ${result.type.schemaVersion}.` : "Saved.");
    setProposal(null);
    form.reset(form.getValues());
    router.refresh();
  });

  const propose = () =>
    startProposing(async () => {
      const result = await proposeSchemaAction({ name });
      if (!result.ok) return void toast.error(result.message);
      setProposal(result.proposal);
      form.setValue("schemaText", JSON.stringify(result.proposal.schema, null, 2), { shouldDirty: true });
    });

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      <Field
        id="description"
        label="Description"
        hint="What happened, for the people who build receivers."
        error={errors.description?.message}
      >
        <Textarea rows={2} {...fieldAria("description", errors.description?.message, true)} {...form.register("description")} />
      </Field>
      <Field id="validation" label="Validation at ingestion" error={errors.validation?.message} hint="Needs a schema, other than Off.">
        <NativeSelect {...fieldAria("validation", errors.validation?.message, true)} {...form.register("validation")}>
          {VALIDATION_MODES.map((m) => (
            <option key={m} value={m}>
              {VALIDATION_MODE_LABEL[m]}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field
        id="schemaText"
        label="JSON Schema of the details (draft 2020-12)"
        error={errors.schemaText?.message}
        hint="A schema that differs from the current one is saved as a new version and compared with it."
      >
        <Textarea
          rows={16}
          spellCheck={false}
          className="font-mono text-xs"
          {...fieldAria("schemaText", errors.schemaText?.message, true)}
          {...form.register("schemaText")}
        />
      </Field>
      {proposal && (
        <div className="grid gap-2 rounded-md border p-3 text-sm" data-testid="proposal">
          <p>
            Proposed from the latest {proposal.sampleCount} event{proposal.sampleCount === 1 ? "" : "s"} of this type. Review it, then save
            to make it a version. <CompatibilityBadge compatibility={proposal.compatibility} />
          </p>
          {proposal.changes.length > 0 && (
            <ul className="list-disc pl-5 text-xs text-muted-foreground">
              {proposal.changes.map((c) => (
                <li key={c.message} className={c.breaking ? "text-destructive" : undefined}>
                  {c.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={form.formState.isSubmitting}>
          Save contract
        </Button>
        <Button type="button" variant="outline" onClick={propose} pending={proposing}>
          <Sparkles aria-hidden /> Propose from events seen
        </Button>
      </div>
    </form>
  );
}
