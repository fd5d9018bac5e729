import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { toast } from "sonner";
import type { ErrorBody } from "@/lib/errors";

/**
 * Shows a server refusal where the person will look: each field error beside its field
 * (the same names the zod schema uses), anything else as a toast.
 */
export function showServerErrors<T extends FieldValues>(form: UseFormReturn<T, unknown, FieldValues>, error: ErrorBody) {
  const entries = Object.entries(error.fieldErrors ?? {});
  const known = entries.filter(([name]) => name.split(".")[0] in form.getValues());
  for (const [name, messages] of known) {
    form.setError(name as Path<T>, { type: "server", message: messages[0] }, { shouldFocus: true });
  }
  if (known.length === 0) toast.error(error.message);
}
