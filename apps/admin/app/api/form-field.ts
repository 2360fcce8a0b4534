/**
 * A text field of a submitted form. A file where text was expected (a crafted request) reads as
 * empty, so the API names the field as missing instead of receiving "[object File]".
 */
export function formText(form: FormData | undefined, name: string): string {
  const value = form?.get(name);
  return typeof value === "string" ? value : "";
}

/** A text field without surrounding whitespace (names, ids, slugs; never secrets or passwords). */
export function formTrimmed(form: FormData | undefined, name: string): string {
  return formText(form, name).trim();
}
