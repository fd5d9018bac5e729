"use client";
import { UserPlus } from "lucide-react";
import { useState } from "react";
import { Controller } from "react-hook-form";
import { toast } from "sonner";
import { createUserAction } from "@/components/users/actions";
import { showServerErrors } from "@/components/forms/server-errors";
import { useZodForm, type ZodForm } from "@/components/forms/use-zod-form";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SwitchRow } from "@/components/ui/switch";
import { createUserInput, type CreateUserInput } from "@/lib/users/schemas";

const EMPTY: CreateUserInput = { email: "", name: "", password: "", isAdmin: false, canTriggerIntegrations: false };

/** Creates an account that joins this workspace. An email with an account already is invited instead (InviteDialog). */

export function CreateUserDialog() {
  const [open, setOpen] = useState(false);
  const [shownPassword, setShownPassword] = useState<{ email: string; password: string } | null>(null);
  const form = useZodForm(createUserInput, { defaultValues: EMPTY });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await createUserAction(values);
    if (!result.ok) return showServerErrors(form, result);
    toast.success(`${result.user.email} can now sign in.`);
    form.reset(EMPTY);
    if (result.generatedPassword) setShownPassword({ email: result.user.email, password: result.generatedPassword });
    else setOpen(false);
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setShownPassword(null);
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden /> Add user
        </Button>
      </DialogTrigger>
      <DialogContent>
        {shownPassword ? (
          <>
            <DialogHeader>
              <DialogTitle>Password for {shownPassword.email}</DialogTitle>
              <DialogDescription>Give it to the user now: it is shown only once.</DialogDescription>
            </DialogHeader>
            <div className="flex items-center gap-2">
              <code data-testid="generated-password" className="flex-1 rounded-md border bg-muted px-3 py-2 font-mono text-sm">
                {shownPassword.password}
              </code>
              <CopyButton value={shownPassword.password} label="Copy password" />
            </div>
            <DialogFooter>
              <Button
                onClick={() => {
                  setOpen(false);
                  setShownPassword(null);
                }}
              >
                Done
              </Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} className="grid gap-4" noValidate>
            <DialogHeader>
              <DialogTitle>Add a user</DialogTitle>
              <DialogDescription>
                Creates an account that joins this workspace. Leave the password empty to generate one. Someone who has an account already
                is invited instead.
              </DialogDescription>
            </DialogHeader>
            <Field id="user-email" label="Email" error={errors.email?.message}>
              <Input type="email" autoComplete="off" {...fieldAria("user-email", errors.email?.message)} {...form.register("email")} />
            </Field>
            <Field id="user-name" label="Name" error={errors.name?.message}>
              <Input autoComplete="off" {...fieldAria("user-name", errors.name?.message)} {...form.register("name")} />
            </Field>
            <Field id="user-password" label="Initial password (optional)" hint="At least 12 characters." error={errors.password?.message}>
              <Input
                type="password"
                autoComplete="new-password"
                {...fieldAria("user-password", errors.password?.message, true)}
                {...form.register("password")}
              />
            </Field>
            <FlagSwitch form={form} name="isAdmin" label="Admin" hint="Manages the workspace's integrations, webhooks and members." />
            <FlagSwitch
              form={form}
              name="canTriggerIntegrations"
              label="Can trigger integrations"
              hint="Sends webhooks and retries failed ones."
            />
            <DialogFooter>
              <Button type="submit" pending={isSubmitting}>
                Add user
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

function FlagSwitch({
  form,
  name,
  label,
  hint,
}: {
  form: ZodForm<typeof createUserInput>;
  name: "isAdmin" | "canTriggerIntegrations";
  label: string;
  hint: string;
}) {
  const id = `user-${name}`;
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <SwitchRow id={id} label={label} hint={hint} checked={Boolean(field.value)} onCheckedChange={field.onChange} />
      )}
    />
  );
}
