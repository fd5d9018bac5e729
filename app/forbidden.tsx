import { ShieldAlert } from "lucide-react";
import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 p-6 text-center">
      <ShieldAlert className="size-10 text-muted-foreground" aria-hidden />
      <h1 className="text-xl font-semibold">You do not have access to this page</h1>
      <p className="text-sm text-muted-foreground">An admin can grant you the permission it needs.</p>
      <Link href="/integrations" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
        Back to integrations
      </Link>
    </main>
  );
}
