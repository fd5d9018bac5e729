"use client";
import { Eye, EyeOff, RotateCw } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { revealSigningSecretAction, rotateSigningSecretAction } from "@/components/integrations/actions";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { LocalTime } from "@/components/ui/local-time";

interface Revealed {
  secret: string;
  previousSecret?: string;
}

/**
 * The signing secret: hidden until an admin reveals it (each reveal is audited), copied to set up
 * verification at the receiver, rotated with a 24-hour overlap.
 */
export function SigningSecretCard({
  integrationId,
  previousSecretExpiresAt,
}: {
  integrationId: string;
  previousSecretExpiresAt: Date | null;
}) {
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [revealing, setRevealing] = useState(false);

  const reveal = async () => {
    setRevealing(true);
    const result = await revealSigningSecretAction({ integrationId });
    setRevealing(false);
    if (!result.ok) return toast.error(result.message);
    setRevealed({ secret: result.secret, previousSecret: result.previousSecret });
  };
  const rotate = async () => {
    const result = await rotateSigningSecretAction({ integrationId });
    if (!result.ok) {
      toast.error(result.message);
      return false;
    }
    setRevealed(null);
    toast.success("Signing secret rotated. Reveal the new one and set it up at the receiver.");
    return true;
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>Signing secret</CardTitle>
        <CardDescription>Receivers verify the webhook-signature header with it (Standard Webhooks).</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {previousSecretExpiresAt && (
          <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="rotation-state">
            Rotated: the previous secret also signs until <LocalTime value={previousSecretExpiresAt} />.
          </p>
        )}
        {revealed ? (
          <div className="grid gap-3">
            <SecretLine label="Current secret" value={revealed.secret} testId="signing-secret" />
            {revealed.previousSecret && (
              <SecretLine label="Previous secret" value={revealed.previousSecret} testId="previous-signing-secret" />
            )}
          </div>
        ) : (
          <p className="font-mono text-sm tracking-widest text-muted-foreground" aria-label="Hidden secret">
            whsec_••••••••••••••••
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          {revealed ? (
            <Button variant="outline" onClick={() => setRevealed(null)}>
              <EyeOff aria-hidden /> Hide
            </Button>
          ) : (
            <Button variant="outline" pending={revealing} onClick={reveal}>
              <Eye aria-hidden /> Reveal
            </Button>
          )}
          <ConfirmDialog
            trigger={
              <Button variant="outline">
                <RotateCw aria-hidden /> Rotate
              </Button>
            }
            title="Rotate the signing secret?"
            description={
              <p>
                A new secret is generated. For 24 hours messages are signed with both, so receivers can switch without rejecting any.
                {previousSecretExpiresAt && " The secret from the earlier rotation stops signing at once."}
              </p>
            }
            confirmLabel="Rotate secret"
            onConfirm={rotate}
          />
        </div>
      </CardContent>
    </Card>
  );
}

function SecretLine({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="grid gap-1">
      <span className="text-xs font-medium text-muted-foreground">{label}</span>
      <div className="flex items-center gap-2">
        <code data-testid={testId} className="flex-1 break-all rounded-md border bg-muted px-3 py-2 font-mono text-xs">
          {value}
        </code>
        <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} size="icon" />
      </div>
    </div>
  );
}
