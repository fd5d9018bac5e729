"use client";
import { KeyRound } from "lucide-react";
import { toast } from "sonner";
import { revokeTokenAction } from "@/components/tokens/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TBody, TD, TH, THead, TR, WIDE_ONLY } from "@/components/ui/table";
import { EXPIRES_SOON_DAYS } from "@/lib/tokens/schemas";

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
  /** Whose token it is: shown in the admins' list of every user's tokens. */
  user?: { email: string };
}

/** The list of tokens, own or (with `user` on each row) every user's, each with a Revoke button. */
export function TokensTable({
  tokens,
  now,
  empty = "Create one above to call the API from a script.",
}: {
  tokens: TokenRow[];
  now: number;
  empty?: string;
}) {
  const withOwner = tokens.some((t) => t.user);
  if (tokens.length === 0)
    return (
      <EmptyState icon={KeyRound} title="No API tokens yet">
        {empty}
      </EmptyState>
    );
  const revoke = async (token: TokenRow) => {
    const result = await revokeTokenAction({ id: token.id });
    if (result.ok) toast.success(`“${token.name}” revoked.`);
    else toast.error(result.message);
    return result.ok;
  };
  return (
    <Table>
      <THead>
        <TR>
          <TH>Name</TH>
          {withOwner && <TH>Owner</TH>}
          <TH className={WIDE_ONLY}>Token</TH>
          <TH>Scopes</TH>
          <TH>Expires</TH>
          <TH className={WIDE_ONLY}>Last used</TH>
          <TH className="text-right">Revoke</TH>
        </TR>
      </THead>
      <TBody>
        {tokens.map((t) => (
          <TR key={t.id} data-testid={`token-row-${t.prefix}`}>
            <TD className="font-medium">{t.name}</TD>
            {withOwner && <TD className="text-muted-foreground">{t.user?.email}</TD>}
            <TD className={`${WIDE_ONLY} font-mono text-xs text-muted-foreground`}>{t.prefix}…</TD>
            <TD>
              <span className="flex flex-wrap gap-1">
                {t.scopes.map((s) => (
                  <Badge key={s} className="font-mono">
                    {s}
                  </Badge>
                ))}
              </span>
            </TD>
            <TD className="text-muted-foreground">
              <Expiry expiresAt={t.expiresAt} now={now} />
            </TD>
            <TD className={`${WIDE_ONLY} text-muted-foreground`}>{t.lastUsedAt ? <LocalTime value={t.lastUsedAt} relative /> : "Never"}</TD>
            <TD className="text-right">
              <ConfirmDialog
                trigger={
                  <Button variant="outline" size="sm" aria-label={`Revoke ${t.name}`}>
                    Revoke
                  </Button>
                }
                title={`Revoke “${t.name}”${t.user ? ` of ${t.user.email}` : ""}?`}
                description="Clients using it stop working at once. This cannot be undone: they need a new token."
                confirmLabel="Revoke token"
                destructive
                onConfirm={() => revoke(t)}
              />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

function Expiry({ expiresAt, now }: { expiresAt: Date | null; now: number }) {
  if (!expiresAt) return <>Never</>;
  const left = expiresAt.getTime() - now;
  return (
    <span className="flex flex-wrap items-center gap-1">
      <LocalTime value={expiresAt} />
      {left <= 0 ? (
        <Badge tone="danger">Expired</Badge>
      ) : left <= EXPIRES_SOON_DAYS * 86_400_000 ? (
        <Badge tone="warning">Expires soon</Badge>
      ) : null}
    </span>
  );
}
