"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Reloads the server-rendered page every few seconds while its attempt is still pending. */
export function RefreshWhilePending({ pending }: { pending: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => router.refresh(), 1500);
    return () => clearInterval(timer);
  }, [pending, router]);
  return null;
}
