"use client";
import { useState } from "react";
import { toast } from "sonner";
import { updateWorkspaceAction } from "@/components/workspaces/actions";
import { showServerErrors } from "@/components/forms/server-errors";
import { useZodForm } from "@/components/forms/use-zod-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { updateWorkspaceInput, type UpdateWorkspaceInput } from "@/lib/workspaces/schemas";
import type { WorkspaceAdminView } from "@/lib/workspaces/views";

/** Renames a workspace or moves it to another plan; what is then over the plan is shown, nothing is disabled. */
export function EditWorkspaceDialog({ workspace, plans }: { workspace: WorkspaceAdminView; plans: { key: string; name: string }[] }) {
  const [open, setOpen] = useState(false);
  const [overPlan, setOverPlan] = useState<string[] | null>(null);
  const defaults: UpdateWorkspaceInput = { name: workspace.name, plan: workspace.plan.key };
  const form = useZodForm(updateWorkspaceInput, { defaultValues: defaults });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await updateWorkspaceAction({ slug: workspace.slug, changes: values });
    if (!result.ok) return showServerErrors(form, result);
    toast.success(`${result.workspace.name} is on the ${result.workspace.plan.name} plan.`);
    if (result.workspace.overPlan.length > 0) setOverPlan(result.workspace.overPlan);
    else setOpen(false);
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setOverPlan(null);
        if (o) form.reset(defaults);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={`Edit workspace ${workspace.name}`}>
          Edit
        </Button>
      </DialogTrigger>
      <DialogContent>
        {overPlan ? (
          <div className="grid gap-4" data-testid="over-plan">
            <DialogHeader>
              <DialogTitle>Over its plan</DialogTitle>
              <DialogDescription>Nothing was disabled. New creations beyond the plan are refused until this is resolved.</DialogDescription>
            </DialogHeader>
            <ul className="list-disc pl-5 text-sm">
              {overPlan.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <DialogFooter>
              <Button onClick={() => setOpen(false)}>Done</Button>
            </DialogFooter>
          </div>
        ) : (
          <form onSubmit={onSubmit} className="grid gap-4" noValidate>
            <DialogHeader>
              <DialogTitle>Edit {workspace.name}</DialogTitle>
              <DialogDescription>Its slug ({workspace.slug}) stays: it is in its URLs.</DialogDescription>
            </DialogHeader>
            <Field id={`workspace-name-${workspace.slug}`} label="Name" error={errors.name?.message}>
              <Input
                autoComplete="off"
                {...fieldAria(`workspace-name-${workspace.slug}`, errors.name?.message)}
                {...form.register("name")}
              />
            </Field>
            <Field id={`workspace-plan-${workspace.slug}`} label="Plan" error={errors.plan?.message}>
              <NativeSelect {...fieldAria(`workspace-plan-${workspace.slug}`, errors.plan?.message)} {...form.register("plan")}>
                {plans.map((p) => (
                  <option key={p.key} value={p.key}>
                    {p.name}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <DialogFooter>
              <Button type="submit" pending={isSubmitting}>
                Save
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
