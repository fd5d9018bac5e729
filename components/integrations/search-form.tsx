import { Search } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** Search by name, kept in the URL as ?q= (a plain GET form: works before scripts load). */
export function IntegrationSearchForm({ q }: { q?: string }) {
  return (
    <form role="search" action="/integrations" className="mb-4 flex max-w-md items-center gap-2">
      <label htmlFor="integration-search" className="sr-only">
        Search integrations by name
      </label>
      <Input id="integration-search" type="search" name="q" defaultValue={q} placeholder="Search by name" />
      <Button type="submit" variant="outline">
        <Search aria-hidden /> Search
      </Button>
    </form>
  );
}
