"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { createTokenAction } from "@/components/tokens/actions";
import { showServerErrors } from "@/components/forms/server-errors";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { createTokenInput, type CreateTokenInput } from "@/lib/tokens/schemas";

export function CreateTokenForm() {
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const form = useForm<CreateTokenInput>({ resolver: zodResolver(createTokenInput), defaultValues: { name: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await createTokenAction(values);
    if (!result.ok) return showServerErrors(form, result);
    setCreated({ name: result.token.name, token: result.token.token });
    toast.success("Token created.");
    form.reset({ name: "" });
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>New token</CardTitle>
        <CardDescription>Name it after where it will be used, so you can tell tokens apart later.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {/* Aligned at the top, the button stays where it is when the field's error appears below it. */}
        <form onSubmit={onSubmit} className="grid items-start gap-3 sm:grid-cols-[minmax(0,1fr)_auto]" noValidate>
          <div>
            <Field id="token-name" label="Name" error={errors.name?.message}>
              <Input placeholder="e.g. CI pipeline" {...fieldAria("token-name", errors.name?.message)} {...form.register("name")} />
            </Field>
          </div>
          <Button type="submit" pending={isSubmitting} className="justify-self-start sm:mt-5">Create token</Button>
        </form>
        {created && (
          <div className="grid gap-2 rounded-md border border-amber-200 bg-amber-50 p-4" role="status">
            <p className="text-sm font-medium">Copy the token “{created.name}” now: it will not be shown again.</p>
            <div className="flex items-center gap-2">
              <code data-testid="new-token" className="flex-1 break-all rounded border bg-background px-3 py-2 font-mono text-xs">{created.token}</code>
              <CopyButton value={created.token} label="Copy token" />
            </div>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
