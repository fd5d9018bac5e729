"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { createTokenAction } from "@/components/tokens/actions";
import { showServerErrors } from "@/components/forms/server-errors";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { TOKEN_SCOPE_LABEL, type TokenScope } from "@/lib/auth/permissions";
import { createTokenInput, TOKEN_EXPIRY_DAYS, type CreateTokenInput, type CreateTokenValues } from "@/lib/tokens/schemas";

type Expiry = "never" | `${(typeof TOKEN_EXPIRY_DAYS)[number]}` | "date";

/** The end of a chosen day, in the viewer's time zone. */
const endOfDay = (day: string) => new Date(`${day}T23:59:59`);
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000);

/** Creates a token with the scopes the person may grant (`grantable`) and an optional expiry. */
export function CreateTokenForm({ grantable }: { grantable: TokenScope[] }) {
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [expiry, setExpiry] = useState<Expiry>("90");
  const [day, setDay] = useState("");
  // Nothing is ticked: a token gets only the scopes chosen for it.
  const defaults: CreateTokenInput = { name: "", scopes: [], expiresAt: null };
  const form = useForm<CreateTokenInput, unknown, CreateTokenValues>({ resolver: zodResolver(createTokenInput), defaultValues: defaults });
  const { errors, isSubmitting } = form.formState;
  const scopes = useWatch({ control: form.control, name: "scopes" });

  const onSubmit = async (event: React.FormEvent) => {
    // The expiry is chosen as "in n days" or a day; what is sent is the moment itself.
    form.setValue("expiresAt", expiry === "never" ? null : expiry === "date" ? (day ? endOfDay(day) : "") : daysFromNow(Number(expiry)));
    await form.handleSubmit(async (values) => {
      const result = await createTokenAction(values);
      if (!result.ok) return showServerErrors(form, result);
      setCreated({ name: result.token.name, token: result.token.token });
      toast.success("Token created.");
      form.reset(defaults);
    })(event);
  };

  const toggle = (scope: TokenScope, on: boolean) =>
    form.setValue("scopes", on ? [...scopes, scope] : scopes.filter((s) => s !== scope), { shouldValidate: form.formState.isSubmitted });

  return (
    <Card>
      <CardHeader>
        <CardTitle>New token</CardTitle>
        <CardDescription>
          Name it after where it will be used, and give it only the scopes that use needs. No token can change a password or two-factor:
          that takes a signed-in session.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          {/* The hint's line becomes the error's: the form does not move when a name is missing. */}
          <Field id="token-name" label="Name" hint="Where it will be used." error={errors.name?.message}>
            <Input placeholder="e.g. CI pipeline" {...fieldAria("token-name", errors.name?.message, true)} {...form.register("name")} />
          </Field>
          <fieldset className="grid gap-2" aria-describedby={errors.scopes ? "token-scopes-error" : "token-scopes-hint"}>
            <legend className="mb-1 text-sm font-medium">Scopes</legend>
            {grantable.map((scope) => (
              <label key={scope} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  className="mt-0.5 size-4"
                  checked={scopes.includes(scope)}
                  onChange={(e) => toggle(scope, e.target.checked)}
                />
                <span>
                  <code className="font-mono">{scope}</code> <span className="text-muted-foreground">— {TOKEN_SCOPE_LABEL[scope]}</span>
                </span>
              </label>
            ))}
            {/* The hint's line becomes the error's, as for the name. */}
            {errors.scopes ? (
              <p id="token-scopes-error" className="text-xs font-medium text-destructive">
                {errors.scopes.message ?? errors.scopes.root?.message}
              </p>
            ) : (
              <p id="token-scopes-hint" className="text-xs text-muted-foreground">
                Tick at least one: a token gets only what is ticked.
              </p>
            )}
          </fieldset>
          <div className="grid items-start gap-3 sm:grid-cols-2">
            <Field id="token-expiry" label="Expires" hint="The token stops working then.">
              <NativeSelect id="token-expiry" value={expiry} onChange={(e) => setExpiry(e.target.value as Expiry)}>
                {TOKEN_EXPIRY_DAYS.map((d) => (
                  <option key={d} value={String(d)}>
                    In {d} days
                  </option>
                ))}
                <option value="date">On a date…</option>
                <option value="never">Never</option>
              </NativeSelect>
            </Field>
            {expiry === "date" && (
              <Field id="token-expiry-date" label="Expiry date" error={errors.expiresAt?.message}>
                <Input
                  type="date"
                  value={day}
                  onChange={(e) => setDay(e.target.value)}
                  {...fieldAria("token-expiry-date", errors.expiresAt?.message)}
                />
              </Field>
            )}
          </div>
          {expiry !== "date" && errors.expiresAt && <p className="text-xs font-medium text-destructive">{errors.expiresAt.message}</p>}
          <Button type="submit" pending={isSubmitting} className="justify-self-start">
            Create token
          </Button>
        </form>
        {created && (
          <div className="grid gap-2 rounded-md border border-amber-200 bg-amber-50 p-4" role="status">
            <p className="text-sm font-medium">Copy the token “{created.name}” now: it will not be shown again.</p>
            <div className="flex items-center gap-2">
              <code data-testid="new-token" className="flex-1 break-all rounded border bg-background px-3 py-2 font-mono text-xs">
                {created.token}
              </code>
              <CopyButton value={created.token} label="Copy token" />
            </div>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
