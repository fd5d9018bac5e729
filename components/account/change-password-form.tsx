"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { changePasswordAction } from "@/components/account/actions";
import { showServerErrors } from "@/components/forms/server-errors";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { changePasswordInput, type ChangePasswordInput } from "@/lib/users/schemas";

const EMPTY: ChangePasswordInput = { currentPassword: "", newPassword: "" };

/** Changes the signed-in person's password; `required` after an admin's reset. */
export function ChangePasswordForm({ required }: { required: boolean }) {
  const router = useRouter();
  const form = useForm<ChangePasswordInput>({ resolver: zodResolver(changePasswordInput), defaultValues: EMPTY });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await changePasswordAction(values);
    if (!result.ok) return showServerErrors(form, result);
    form.reset(EMPTY);
    toast.success("Password changed. Your other sessions have ended.");
    if (required) router.replace("/integrations");
    router.refresh();
  });

  return (
    <Card className="w-full max-w-xl">
      <CardHeader>
        <CardTitle>{required ? "Choose a new password" : "Change password"}</CardTitle>
        <CardDescription>
          {required
            ? "An admin reset your password. Choose your own to continue."
            : "You stay signed in here; every other session of yours ends."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          <Field id="current-password" label="Current password" error={errors.currentPassword?.message}>
            <Input
              type="password"
              autoComplete="current-password"
              {...fieldAria("current-password", errors.currentPassword?.message)}
              {...form.register("currentPassword")}
            />
          </Field>
          <Field
            id="new-password"
            label="New password"
            hint="At least 12 characters; a few unrelated words make a good one. Common passwords are refused."
            error={errors.newPassword?.message}
          >
            <Input
              type="password"
              autoComplete="new-password"
              {...fieldAria("new-password", errors.newPassword?.message, true)}
              {...form.register("newPassword")}
            />
          </Field>
          <Button type="submit" pending={isSubmitting} className="justify-self-start">
            Change password
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
