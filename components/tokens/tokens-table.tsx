"use client";
import { KeyRound } from "lucide-react";
import { useTransition } from "react";
import { toast } from "sonner";
import { revokeTokenAction } from "@/components/tokens/actions";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TBody, TD, TH, THead, TR, WIDE_ONLY } from "@/components/ui/table";

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  lastUsedAt: Date | null;
  createdAt: Date;
}

export function TokensTable({ tokens }: { tokens: TokenRow[] }) {
  const [pending, startTransition] = useTransition();
  if (tokens.length === 0) return <EmptyState icon={KeyRound} title="No API tokens yet">Create one above to call the API from a script.</EmptyState>;
  const revoke = (token: TokenRow) => {
    if (!window.confirm(`Revoke “${token.name}”? Clients using it will stop working at once.`)) return;
    startTransition(async () => {
      const result = await revokeTokenAction({ id: token.id });
      if (result.ok) toast.success(`“${token.name}” revoked.`);
      else toast.error(result.message);
    });
  };
  return (
    <Table>
      <THead>
        <TR><TH>Name</TH><TH className={WIDE_ONLY}>Token</TH><TH className={WIDE_ONLY}>Created</TH><TH>Last used</TH><TH className="text-right">Revoke</TH></TR>
      </THead>
      <TBody>
        {tokens.map((t) => (
          <TR key={t.id}>
            <TD className="font-medium">{t.name}</TD>
            <TD className={`${WIDE_ONLY} font-mono text-xs text-muted-foreground`}>{t.prefix}…</TD>
            <TD className={`${WIDE_ONLY} text-muted-foreground`}><LocalTime value={t.createdAt} /></TD>
            <TD className="text-muted-foreground">{t.lastUsedAt ? <LocalTime value={t.lastUsedAt} relative /> : "Never"}</TD>
            <TD className="text-right">
              <Button variant="outline" size="sm" disabled={pending} onClick={() => revoke(t)} aria-label={`Revoke ${t.name}`}>Revoke</Button>
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
