"use client";
import { Mail } from "lucide-react";
import { useState } from "react";
import { Controller } from "react-hook-form";
import { toast } from "sonner";
import { inviteMemberAction } from "@/components/members/actions";
import { showServerErrors } from "@/components/forms/server-errors";
import { useZodForm } from "@/components/forms/use-zod-form";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { SwitchRow } from "@/components/ui/switch";
import { INVITATION_DAYS, inviteMemberInput, MEMBER_ROLE_LABEL, MEMBER_ROLES, type InviteMemberInput } from "@/lib/members/schemas";

const EMPTY: InviteMemberInput = { email: "", role: "member", canTriggerIntegrations: false };

/**
 * Invites someone by email. The portal sends no mail: the link is shown here once, for the
 * inviter to copy and pass on. Only an owner is offered the owner role.
 */
export function InviteDialog({ canInviteOwner }: { canInviteOwner: boolean }) {
  const [open, setOpen] = useState(false);
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const form = useZodForm(inviteMemberInput, { defaultValues: EMPTY });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await inviteMemberAction(values);
    if (!result.ok) return showServerErrors(form, result);
    toast.success(`Invitation for ${result.invitation.email} created.`);
    form.reset(EMPTY);
    setLink({ email: result.invitation.email, url: result.invitation.url });
  });

  const close = () => {
    setOpen(false);
    setLink(null);
  };

  return (
    <Dialog open={open} onOpenChange={(o) => (o ? setOpen(true) : close())}>
      <DialogTrigger asChild>
        <Button>
          <Mail aria-hidden /> Invite
        </Button>
      </DialogTrigger>
      <DialogContent>
        {link ? (
          <>
            <DialogHeader>
              <DialogTitle>Invitation link for {link.email}</DialogTitle>
              <DialogDescription>
                The portal sends no email: copy the link and pass it on now, it is shown only once. It works once, for {INVITATION_DAYS}{" "}
                days.
              </DialogDescription>
            </DialogHeader>
            <div className="flex items-center gap-2">
              <code
                data-testid="invitation-link"
                className="min-w-0 flex-1 break-all rounded-md border bg-muted px-3 py-2 font-mono text-xs"
              >
                {link.url}
              </code>
              <CopyButton value={link.url} label="Copy invitation link" />
            </div>
            <DialogFooter>
              <Button onClick={close}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} className="grid gap-4" noValidate>
            <DialogHeader>
              <DialogTitle>Invite a member</DialogTitle>
              <DialogDescription>You get a link to pass on: whoever opens it with this email joins the workspace.</DialogDescription>
            </DialogHeader>
            <Field id="invite-email" label="Email" error={errors.email?.message}>
              <Input type="email" autoComplete="off" {...fieldAria("invite-email", errors.email?.message)} {...form.register("email")} />
            </Field>
            <Field
              id="invite-role"
              label="Role"
              hint="Owners and admins manage the workspace and its members; members read it."
              error={errors.role?.message}
            >
              <NativeSelect {...fieldAria("invite-role", errors.role?.message, true)} {...form.register("role")}>
                {MEMBER_ROLES.filter((r) => r !== "owner" || canInviteOwner).map((r) => (
                  <option key={r} value={r}>
                    {MEMBER_ROLE_LABEL[r]}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Controller
              control={form.control}
              name="canTriggerIntegrations"
              render={({ field }) => (
                <SwitchRow
                  id="invite-can-trigger"
                  label="Can trigger integrations"
                  hint="Sends webhooks and retries failed ones."
                  checked={Boolean(field.value)}
                  onCheckedChange={field.onChange}
                />
              )}
            />
            <DialogFooter>
              <Button type="submit" pending={isSubmitting}>
                Create invitation
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
