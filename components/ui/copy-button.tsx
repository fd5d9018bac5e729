"use client";
import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "./button";

/** Copies a value to the clipboard; the label names what is copied, for screen readers too. */
export function CopyButton({
  value,
  label,
  size = "sm",
  text = "Copy",
}: {
  value: string;
  label: string;
  size?: "sm" | "icon";
  text?: string;
}) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      toast.error("The browser did not allow copying. Select the text and copy it by hand.");
    }
  }
  return (
    <Button type="button" variant="outline" size={size} onClick={copy} aria-label={label} title={label}>
      {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
      {size !== "icon" && (copied ? "Copied" : text)}
    </Button>
  );
}
