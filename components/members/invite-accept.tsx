"use client";
import { signIn, signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { acceptInvitationAction, joinWithNewAccountAction } from "@/components/members/actions";
import { showServerErrors } from "@/components/forms/server-errors";
import { useZodForm } from "@/components/forms/use-zod-form";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { joinWithNewAccountInput, type JoinWithNewAccountInput } from "@/lib/members/schemas";

/** The signed-in person with the invited email joins the workspace, then lands in it. */
export function JoinButton({ token, workspaceName, landing }: { token: string; workspaceName: string; landing: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const join = async () => {
    setPending(true);
    try {
      const result = await acceptInvitationAction({ token });
      if (!result.ok) return void toast.error(result.message);
      toast.success(`You joined ${workspaceName}.`);
      router.replace(landing);
      router.refresh();
    } finally {
      setPending(false);
    }
  };
  return (
    <Button onClick={join} pending={pending} className="w-full">
      Join {workspaceName}
    </Button>
  );
}

/** Signed in as someone else: sign out and come back to the invitation. */
export function SignOutToSwitch({ callbackUrl }: { callbackUrl: string }) {
  return (
    <Button variant="outline" onClick={() => void signOut({ callbackUrl: `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` })}>
      Sign out
    </Button>
  );
}

/** No account yet: a name and a password make one, which joins the workspace and signs in. */
export function JoinWithNewAccountForm({ token, email, landing }: { token: string; email: string; landing: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useZodForm(joinWithNewAccountInput, { defaultValues: { token, name: "", password: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values: JoinWithNewAccountInput) => {
    setFormError(null);
    const result = await joinWithNewAccountAction(values);
    if (!result.ok) {
      if (!result.fieldErrors) setFormError(result.message);
      return showServerErrors(form, result);
    }
    const signedIn = await signIn("credentials", { email: result.email, password: values.password, redirect: false });
    if (!signedIn || signedIn.error) {
      // The account exists and joined: only the sign-in is left.
      router.replace(`/sign-in?callbackUrl=${encodeURIComponent(landing)}`);
      return;
    }
    router.replace(landing);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      {formError && (
        <p role="status" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      )}
      <Field id="join-email" label="Email">
        <Input id="join-email" type="email" value={email} readOnly autoComplete="username" />
      </Field>
      <Field id="join-name" label="Your name" error={errors.name?.message}>
        <Input autoComplete="name" autoFocus {...fieldAria("join-name", errors.name?.message)} {...form.register("name")} />
      </Field>
      <Field
        id="join-password"
        label="Choose a password"
        hint="At least 12 characters, not a common password, not your email."
        error={errors.password?.message}
      >
        <Input
          type="password"
          autoComplete="new-password"
          {...fieldAria("join-password", errors.password?.message, true)}
          {...form.register("password")}
        />
      </Field>
      <Button type="submit" pending={isSubmitting} className="w-full">
        Create account and join
      </Button>
    </form>
  );
}
