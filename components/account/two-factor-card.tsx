"use client";
import { Download } from "lucide-react";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import {
  confirmTwoFactorSetupAction,
  renewRecoveryCodesAction,
  startTwoFactorSetupAction,
  turnOffTwoFactorAction,
} from "@/components/account/actions";
import { useZodForm } from "@/components/forms/use-zod-form";
import { showServerErrors } from "@/components/forms/server-errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { LocalTime } from "@/components/ui/local-time";
import type { ErrorBody } from "@/lib/errors";
import { currentPasswordInput, totpCodeInput, type CurrentPasswordInput } from "@/lib/users/schemas";

export interface TwoFactorStatus {
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  requiredForYou: boolean;
}

type Setup = { secret: string; uri: string; qrSvg: string };

/**
 * The account's two-factor: set up (password, then scan and confirm a code, then the recovery
 * codes, shown once), renew recovery codes, turn off. `forced`: the page an admin is held on
 * while the portal requires it; finishing goes on to the portal.
 */
export function TwoFactorCard({ status, forced = false }: { status: TwoFactorStatus; forced?: boolean }) {
  const router = useRouter();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  if (codes) {
    return (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(null);
          if (forced) router.replace("/integrations");
          router.refresh();
        }}
      />
    );
  }
  if (setup)
    return (
      <ScanAndConfirm
        setup={setup}
        onCancel={() => setSetup(null)}
        onConfirmed={(recoveryCodes) => {
          setSetup(null);
          setCodes(recoveryCodes);
        }}
      />
    );

  return (
    <Card className="w-full max-w-xl" data-testid="two-factor-card">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          Two-factor authentication
          {status.enabledAt ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>}
        </CardTitle>
        <CardDescription>
          {forced
            ? "This portal requires two-factor for admins. Set it up to continue."
            : "After your password, signing in asks for a code from an authenticator app on your phone (1Password, Google Authenticator, Microsoft Authenticator, Authy…)."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {status.enabledAt ? (
          <>
            <p className="text-sm">
              On since <LocalTime value={status.enabledAt} />.{" "}
              <span className={status.recoveryCodesLeft <= 2 ? "font-medium text-amber-800" : undefined} data-testid="recovery-codes-left">
                {status.recoveryCodesLeft} of 10 recovery codes left.
              </span>
              {status.recoveryCodesLeft <= 2 && " Make new ones before they run out."}
            </p>
            <div className="flex flex-wrap gap-2">
              <PasswordDialog
                trigger="New recovery codes"
                title="Make new recovery codes?"
                description="Your current recovery codes stop working; the new ones are shown once."
                confirmLabel="Make new codes"
                run={async (input) => {
                  const result = await renewRecoveryCodesAction(input);
                  if (result.ok) setCodes(result.recoveryCodes);
                  return result;
                }}
              />
              {status.requiredForYou ? (
                <p className="self-center text-xs text-muted-foreground">Required for admins here: it cannot be turned off.</p>
              ) : (
                <PasswordDialog
                  trigger="Turn off"
                  title="Turn off two-factor?"
                  description="Signing in then asks for your password only, and your recovery codes stop working."
                  confirmLabel="Turn off two-factor"
                  destructive
                  run={async (input) => {
                    const result = await turnOffTwoFactorAction(input);
                    if (result.ok) {
                      toast.success("Two-factor is off.");
                      router.refresh();
                    }
                    return result;
                  }}
                />
              )}
            </div>
          </>
        ) : (
          <StartSetup onStarted={setSetup} />
        )}
        {forced && (
          <Button
            variant="link"
            className="justify-self-start px-0"
            onClick={async () => {
              await signOut({ redirect: false });
              router.replace("/sign-in");
            }}
          >
            Sign out
          </Button>
        )}
      </CardContent>
    </Card>
  );
}

/** Setting up starts with the current password: an open session alone is not enough. */
function StartSetup({ onStarted }: { onStarted: (setup: Setup) => void }) {
  const form = useZodForm(currentPasswordInput, { defaultValues: { currentPassword: "" } });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await startTwoFactorSetupAction(values);
    if (!result.ok) return showServerErrors(form, result);
    onStarted(result);
  });
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <Field id="two-factor-password" label="Current password" error={errors.currentPassword?.message}>
        <Input
          type="password"
          autoComplete="current-password"
          {...fieldAria("two-factor-password", errors.currentPassword?.message)}
          {...form.register("currentPassword")}
        />
      </Field>
      <Button type="submit" pending={isSubmitting} className="justify-self-start">
        Set up two-factor
      </Button>
    </form>
  );
}

function ScanAndConfirm({ setup, onCancel, onConfirmed }: { setup: Setup; onCancel: () => void; onConfirmed: (codes: string[]) => void }) {
  const form = useZodForm(totpCodeInput, { defaultValues: { code: "" } });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await confirmTwoFactorSetupAction(values);
    if (!result.ok) return showServerErrors(form, result);
    toast.success("Two-factor is on.");
    onConfirmed(result.recoveryCodes);
  });
  const grouped = setup.secret.match(/.{1,4}/g)!.join(" ");
  return (
    <Card className="w-full max-w-xl" data-testid="two-factor-setup">
      <CardHeader>
        <CardTitle>Scan this code with your authenticator app</CardTitle>
        <CardDescription>Then enter the 6-digit code the app shows, to check that it works.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <div className="flex flex-col items-center gap-4 sm:flex-row sm:items-start">
          {/* An SVG the server drew from the otpauth:// address: shown as an image, never as markup. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrSvg)}`}
            alt="QR code for your authenticator app"
            width={176}
            height={176}
            className="rounded-md border bg-white p-1"
          />
          <div className="grid min-w-0 gap-2 text-sm">
            <p className="text-muted-foreground">Cannot scan it? Enter this setup key in the app instead (time-based, 6 digits):</p>
            <code data-testid="two-factor-secret" className="break-words rounded-md border bg-muted px-3 py-2 font-mono">
              {grouped}
            </code>
            <div>
              <CopyButton value={setup.secret} label="Copy setup key" text="Copy key" />
            </div>
          </div>
        </div>
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          <Field id="two-factor-code" label="Code from the app" error={errors.code?.message}>
            <Input
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              className="max-w-40 font-mono tracking-widest"
              {...fieldAria("two-factor-code", errors.code?.message)}
              {...form.register("code")}
            />
          </Field>
          <div className="flex gap-2">
            <Button type="submit" pending={isSubmitting}>
              Turn on two-factor
            </Button>
            <Button type="button" variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

/** The recovery codes, once: copy, download or write them down before going on. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const text = codes.join("\n") + "\n";
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const a = Object.assign(document.createElement("a"), { href: url, download: "recovery-codes.txt" });
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Card className="w-full max-w-xl" data-testid="recovery-codes">
      <CardHeader>
        <CardTitle>Save your recovery codes</CardTitle>
        <CardDescription>
          Each one signs you in once if you lose your phone. They are shown only now: keep them in a password manager or on paper.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <ol className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-md border bg-muted p-4 font-mono text-sm" aria-label="Recovery codes">
          {codes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ol>
        <div className="flex flex-wrap gap-2">
          <CopyButton value={text} label="Copy recovery codes" text="Copy codes" />
          <Button type="button" variant="outline" size="sm" onClick={download}>
            <Download /> Download
          </Button>
        </div>
        <Button onClick={onDone} className="justify-self-start">
          I have saved them
        </Button>
      </CardContent>
    </Card>
  );
}

/** A button that asks for the current password in a dialog before it runs. */
function PasswordDialog({
  trigger,
  title,
  description,
  confirmLabel,
  destructive,
  run,
}: {
  trigger: string;
  title: string;
  description: string;
  confirmLabel: string;
  destructive?: boolean;
  run: (input: CurrentPasswordInput) => Promise<{ ok: true } | ({ ok: false } & ErrorBody)>;
}) {
  const [open, setOpen] = useState(false);
  const form = useZodForm(currentPasswordInput, { defaultValues: { currentPassword: "" } });
  const { errors, isSubmitting } = form.formState;
  const id = `${trigger.toLowerCase().replace(/\W+/g, "-")}-password`;
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await run(values);
    if (!result.ok) return showServerErrors(form, result);
    form.reset();
    setOpen(false);
  });
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) form.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          {trigger}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>{description}</DialogDescription>
          </DialogHeader>
          <Field id={id} label="Current password" error={errors.currentPassword?.message}>
            <Input
              type="password"
              autoComplete="current-password"
              autoFocus
              {...fieldAria(id, errors.currentPassword?.message)}
              {...form.register("currentPassword")}
            />
          </Field>
          <DialogFooter>
            <Button type="submit" variant={destructive ? "destructive" : "default"} pending={isSubmitting}>
              {confirmLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
