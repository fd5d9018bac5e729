"use client";
import { Download } from "lucide-react";
import { useWorkspaceApiHref } from "@/components/shell/workspace-context";
import { buttonVariants } from "@/components/ui/button";

/** "CSV" and "JSON Lines" downloads of a list with the filters it shows (no cursor: all pages), from the page's workspace. */
export function ExportLinks({ endpoint, query, what }: { endpoint: string; query: Record<string, string | undefined>; what: string }) {
  const toApi = useWorkspaceApiHref();
  const href = (format: string) => {
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1]) && e[0] !== "cursor"));
    params.set("format", format);
    return `${toApi(endpoint)}?${params}`;
  };
  return (
    <>
      <a href={href("csv")} download className={buttonVariants({ variant: "outline", size: "sm" })} aria-label={`Download ${what} as CSV`}>
        <Download aria-hidden /> CSV
      </a>
      <a
        href={href("jsonl")}
        download
        className={buttonVariants({ variant: "outline", size: "sm" })}
        aria-label={`Download ${what} as JSON Lines`}
      >
        <Download aria-hidden /> JSON Lines
      </a>
    </>
  );
}
