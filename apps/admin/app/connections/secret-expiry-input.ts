/** A date field's value ("2027-05-31") as the end of that day in UTC; undefined when empty. */
export function secretExpiryFrom(value: FormDataEntryValue | null): Date | undefined | "invalid" {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const date = new Date(`${value.trim()}T23:59:59Z`);
  return Number.isNaN(date.getTime()) ? "invalid" : date;
}
