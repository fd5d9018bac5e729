"use client";
import { Menu, Webhook } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { NavLinks } from "./nav-links";

/** On narrow screens the sidebar's links and the workspace switcher, in a drawer opened from the header; a link closes it. */
export function MobileNav({
  portalName,
  isAdmin,
  isInstanceAdmin,
  switcher,
}: {
  portalName: string;
  isAdmin: boolean;
  isInstanceAdmin: boolean;
  switcher?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="md:hidden" aria-label="Menu">
          <Menu aria-hidden />
        </Button>
      </SheetTrigger>
      <SheetContent>
        <div className="flex h-14 items-center gap-2 border-b px-5">
          <Webhook className="size-5 text-primary" aria-hidden />
          <SheetTitle>{portalName}</SheetTitle>
        </div>
        <SheetDescription className="sr-only">The portal&apos;s pages</SheetDescription>
        {switcher && <div className="border-b p-3">{switcher}</div>}
        <NavLinks isAdmin={isAdmin} isInstanceAdmin={isInstanceAdmin} onNavigate={() => setOpen(false)} />
      </SheetContent>
    </Sheet>
  );
}
