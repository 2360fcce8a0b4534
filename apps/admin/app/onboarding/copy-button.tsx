import { useEffect, useState } from "react";

/**
 * Copies `text` to the clipboard. Rendered only once JavaScript runs (a button that cannot work is
 * not shown); without it the text beside it stays selectable.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [ready, setReady] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  const copy = () => {
    void navigator.clipboard.writeText(text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <button type="button" onClick={copy} aria-label={label}
      className="inline-flex min-h-6 min-w-6 items-center rounded px-2 py-0.5 text-xs font-medium text-sky-700 ring-1 ring-inset ring-slate-200 hover:bg-slate-50">
      {copied ? "Copied" : "Copy"}
    </button>
  );
}
