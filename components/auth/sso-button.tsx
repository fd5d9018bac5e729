"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Starts a sign-in through the configured OpenID provider, coming back to `callbackUrl`. */
export function SsoButton({ name, callbackUrl, primary }: { name: string; callbackUrl: string; primary: boolean }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      type="button"
      variant={primary ? "default" : "outline"}
      className="w-full"
      pending={pending}
      onClick={() => {
        setPending(true);
        void signIn("oidc", { callbackUrl });
      }}
    >
      Continue with {name}
    </Button>
  );
}
