import { useId, type ReactNode } from "react";
import type { FormProblem } from "../api/page-error";

export interface TextFieldProps {
  label: string;
  name: string;
  type?: "text" | "email" | "password" | "date" | undefined;
  defaultValue?: string | undefined;
  /** Messages for this field; the field is marked invalid and points at them. */
  errors?: readonly string[] | undefined;
  hint?: ReactNode | undefined;
  required?: boolean | undefined;
  autoComplete?: string | undefined;
  placeholder?: string | undefined;
  autoFocus?: boolean | undefined;
  spellCheck?: boolean | undefined;
}

export function TextField({ label, name, type = "text", defaultValue, errors, hint, required, autoComplete, placeholder, autoFocus, spellCheck }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = errors !== undefined && errors.length > 0;
  const describedBy = [hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {required ? null : <span className="font-normal text-slate-500"> (optional)</span>}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        required={required}
        autoComplete={autoComplete}
        placeholder={placeholder}
        autoFocus={autoFocus}
        spellCheck={spellCheck}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className={`block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-inset ${
          invalid ? "ring-rose-400 focus:ring-rose-600" : "ring-slate-300 focus:ring-slate-900"
        }`}
      />
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={errorId} className="text-xs font-medium text-rose-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** The form-level message of a refused write, announced to screen readers. */
export function ProblemBanner({ problem }: { problem: FormProblem | null | undefined }) {
  if (!problem) return null;
  return (
    <div role="alert" className="rounded-md border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-900">
      {problem.message}
    </div>
  );
}

/** Field messages for a form whose API input nests the fields under a key ("tenant.slug"). */
export function fieldErrorsOf(problem: FormProblem | null | undefined, path: string): string[] | undefined {
  return problem?.fieldErrors[path];
}
