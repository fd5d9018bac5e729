/** For `register(name, { setValueAs })` of an optional number input: empty (or not a number) is null. */
export const optionalNumber = (value: string | number | null) =>
  value === "" || value === null || Number.isNaN(Number(value)) ? null : Number(value);
