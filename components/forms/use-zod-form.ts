"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type FieldValues, type UseFormProps, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";

/** A zod object schema a form can be made from: its input is what the fields hold. */
export type FormSchema = z.ZodType<FieldValues, FieldValues>;

/** A form whose fields hold the schema's input and whose submit handler gets its parsed output. */
export type ZodForm<S extends FormSchema> = UseFormReturn<z.input<S>, unknown, z.output<S>>;

/**
 * The one way a form is made: react-hook-form validated by the same zod schema the server parses
 * with (lib/<domain>/schemas.ts), its value types read from the schema, never written by hand.
 */
export function useZodForm<S extends FormSchema>(
  schema: S,
  props: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, "resolver"> = {},
): ZodForm<S> {
  return useForm<z.input<S>, unknown, z.output<S>>({ ...props, resolver: zodResolver(schema) });
}
