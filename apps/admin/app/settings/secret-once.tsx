/** A signing secret the server answers once (after creation or rotation): shown here and never again. */
export function SecretOnce({ secret }: { secret: string }) {
  return (
    <div role="status" className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950" data-webhook-secret>
      <p className="font-semibold">Copy the signing secret now: it is shown only this once.</p>
      <label className="block space-y-1">
        <span className="block text-xs font-medium">Signing secret</span>
        <input readOnly value={secret} aria-label="Signing secret" spellCheck={false}
          className="block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-sm ring-1 ring-inset ring-amber-300 select-all" />
      </label>
      <p className="text-xs">The receiver verifies each delivery&apos;s webhook-signature header with it (HMAC-SHA256, Standard Webhooks).</p>
    </div>
  );
}
