import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="text-sm text-muted-foreground">There is nothing at this address, or it has been deleted.</p>
      <Link href="/integrations" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
        Back to integrations
      </Link>
    </main>
  );
}
