import { CodeXml, Gamepad2, Hash, Layers, Repeat2, Shapes, Users, Workflow, Zap, type LucideIcon } from "lucide-react";
import { cn } from "@/components/ui/cn";
import type { Platform } from "@/lib/integrations/schemas";

/** How each platform is shown: lucide has no brand logos, so a distinct icon and colour stand in. */
export const PLATFORM_DISPLAY: Record<Platform, { label: string; icon: LucideIcon; className: string }> = {
  n8n: { label: "n8n", icon: Workflow, className: "border-rose-200 bg-rose-50 text-rose-800" },
  zapier: { label: "Zapier", icon: Zap, className: "border-orange-200 bg-orange-50 text-orange-800" },
  make: { label: "Make", icon: Shapes, className: "border-violet-200 bg-violet-50 text-violet-800" },
  "power-automate": { label: "Power Automate", icon: Repeat2, className: "border-blue-200 bg-blue-50 text-blue-800" },
  tines: { label: "Tines", icon: Layers, className: "border-teal-200 bg-teal-50 text-teal-800" },
  custom: { label: "Custom endpoint", icon: CodeXml, className: "border-slate-200 bg-slate-50 text-slate-800" },
  slack: { label: "Slack", icon: Hash, className: "border-fuchsia-200 bg-fuchsia-50 text-fuchsia-800" },
  discord: { label: "Discord", icon: Gamepad2, className: "border-indigo-200 bg-indigo-50 text-indigo-800" },
  teams: { label: "Microsoft Teams", icon: Users, className: "border-sky-200 bg-sky-50 text-sky-800" },
};

export function PlatformBadge({ platform, className }: { platform: Platform; className?: string }) {
  const { label, icon: Icon, className: colours } = PLATFORM_DISPLAY[platform];
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        colours,
        className,
      )}
    >
      <Icon className="size-3.5" aria-hidden />
      {label}
    </span>
  );
}
