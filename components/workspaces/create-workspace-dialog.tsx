"use client";
import { Plus } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { createWorkspaceAction } from "@/components/workspaces/actions";
import { showServerErrors } from "@/components/forms/server-errors";
import { useZodForm } from "@/components/forms/use-zod-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { createWorkspaceInput, type CreateWorkspaceInput } from "@/lib/workspaces/schemas";

export function CreateWorkspaceDialog({ plans }: { plans: { key: string; name: string }[] }) {
  const [open, setOpen] = useState(false);
  const empty: CreateWorkspaceInput = {
    name: "",
    slug: "",
    plan: plans.find((p) => p.key === "free")?.key ?? plans[0]?.key ?? "",
    ownerEmail: "",
  };
  const form = useZodForm(createWorkspaceInput, { defaultValues: empty });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await createWorkspaceAction(values);
    if (!result.ok) return showServerErrors(form, result);
    toast.success(`${result.workspace.name} is created; ${values.ownerEmail} is its owner.`);
    form.reset(empty);
    setOpen(false);
  });

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden /> New workspace
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          <DialogHeader>
            <DialogTitle>New workspace</DialogTitle>
            <DialogDescription>Its first owner is an existing account; they invite the others.</DialogDescription>
          </DialogHeader>
          <Field id="workspace-name" label="Name" error={errors.name?.message}>
            <Input autoComplete="off" {...fieldAria("workspace-name", errors.name?.message)} {...form.register("name")} />
          </Field>
          <Field id="workspace-slug" label="Slug" hint="In its URLs: /w/slug/… and /api/v1/workspaces/slug/…" error={errors.slug?.message}>
            <Input autoComplete="off" {...fieldAria("workspace-slug", errors.slug?.message, true)} {...form.register("slug")} />
          </Field>
          <Field id="workspace-plan" label="Plan" error={errors.plan?.message}>
            <NativeSelect {...fieldAria("workspace-plan", errors.plan?.message)} {...form.register("plan")}>
              {plans.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.name}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field id="workspace-owner" label="Owner's email" error={errors.ownerEmail?.message}>
            <Input
              type="email"
              autoComplete="off"
              {...fieldAria("workspace-owner", errors.ownerEmail?.message)}
              {...form.register("ownerEmail")}
            />
          </Field>
          <DialogFooter>
            <Button type="submit" pending={isSubmitting}>
              Create workspace
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
