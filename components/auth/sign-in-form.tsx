"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useZodForm } from "@/components/forms/use-zod-form";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SECOND_FACTOR_REQUIRED, signInInput, type SignInInput } from "@/lib/users/schemas";

/**
 * Email and password; for an account with two-factor the server answers SECOND_FACTOR_REQUIRED
 * and the form asks for the app's code (or a recovery code), then signs in with all three.
 */
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [askCode, setAskCode] = useState(false);
  const form = useZodForm(signInInput, { defaultValues: { email: "", password: "", code: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(
    async ({ email, password, code }: SignInInput) => {
      setFormError(null);
      if (askCode && !code)
        return form.setError("code", { type: "required", message: "Enter the code from your app" }, { shouldFocus: true });
      const result = await signIn("credentials", { email, password, ...(askCode && { code }), redirect: false });
      if (result?.error === SECOND_FACTOR_REQUIRED) return setAskCode(true);
      if (!result || result.error) {
        setFormError(result?.error && result.error !== "CredentialsSignin" ? result.error : "The email or password is not correct.");
        if (askCode) form.setValue("code", "");
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    },
    () => setFormError(null),
  ); // a field's own message replaces the last attempt's

  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      {formError && (
        <p role="status" data-testid="sign-in-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      )}
      {/* The first step's fields stay in the form (hidden) for the second: the server checks all three. */}
      <div className={askCode ? "hidden" : "grid gap-4"}>
        <Field id="email" label="Email" error={errors.email?.message}>
          <Input
            type="email"
            autoComplete="username"
            autoFocus
            {...fieldAria("email", errors.email?.message)}
            {...form.register("email")}
          />
        </Field>
        <Field id="password" label="Password" error={errors.password?.message}>
          <Input
            type="password"
            autoComplete="current-password"
            {...fieldAria("password", errors.password?.message)}
            {...form.register("password")}
          />
        </Field>
      </div>
      {askCode && (
        <>
          <p className="text-sm text-muted-foreground">Two-factor is on for {form.getValues("email")}.</p>
          <Field
            id="code"
            label="Authentication code"
            hint="The 6-digit code from your authenticator app, or one of your recovery codes."
            error={errors.code?.message}
          >
            <Input
              autoComplete="one-time-code"
              autoFocus
              autoCapitalize="none"
              spellCheck={false}
              className="font-mono tracking-wider"
              {...fieldAria("code", errors.code?.message, true)}
              {...form.register("code")}
            />
          </Field>
        </>
      )}
      <Button type="submit" pending={isSubmitting} className="w-full">
        {askCode ? "Verify" : "Sign in"}
      </Button>
      {askCode && (
        <Button
          type="button"
          variant="link"
          onClick={() => {
            setAskCode(false);
            setFormError(null);
            form.reset({ email: form.getValues("email"), password: "", code: "" });
          }}
        >
          Back
        </Button>
      )}
    </form>
  );
}
