"use client";
import { useState } from "react";
import { toast } from "sonner";
import { resetPasswordAction } from "@/components/users/actions";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";

/** Resets a user's password after a confirmation, then shows the generated one once. */
export function ResetPasswordButton({ user, disabled }: { user: { id: string; email: string }; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [password, setPassword] = useState<string | null>(null);
  const reset = async () => {
    setPending(true);
    try {
      const result = await resetPasswordAction({ id: user.id });
      if (result.ok) setPassword(result.generatedPassword);
      else toast.error(result.message);
    } finally {
      setPending(false);
    }
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setPassword(null);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" disabled={disabled} aria-label={`Reset password of ${user.email}`}>
          Reset password
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{password ? `New password for ${user.email}` : `Reset the password of ${user.email}?`}</DialogTitle>
          <DialogDescription>
            {password
              ? "Give it to them now: it is shown only once. They must choose their own at their next sign-in."
              : "They are signed out everywhere and get a generated password, which they must change at their next sign-in."}
          </DialogDescription>
        </DialogHeader>
        {password && (
          <div className="flex items-center gap-2">
            <code data-testid="reset-password" className="flex-1 rounded-md border bg-muted px-3 py-2 font-mono text-sm">
              {password}
            </code>
            <CopyButton value={password} label="Copy password" />
          </div>
        )}
        <DialogFooter>
          {password ? (
            <Button
              onClick={() => {
                setOpen(false);
                setPassword(null);
              }}
            >
              Done
            </Button>
          ) : (
            <Button variant="destructive" pending={pending} onClick={reset}>
              Reset password
            </Button>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
