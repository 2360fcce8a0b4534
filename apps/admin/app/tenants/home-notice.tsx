/** One line answering a form of the home (a tag change, an unarchive, a bulk form left incomplete). */
export function HomeNotice({ ok, message }: { ok: boolean; message: string }) {
  return (
    <p
      role={ok ? "status" : "alert"}
      className={`mb-4 rounded-md px-4 py-2 text-sm ${ok ? "bg-emerald-50 text-emerald-900 ring-1 ring-emerald-200" : "bg-rose-50 text-rose-900 ring-1 ring-rose-200"}`}
    >
      {message}
    </p>
  );
}
