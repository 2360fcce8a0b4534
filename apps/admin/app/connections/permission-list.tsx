/** Microsoft Graph permission names as chips: granted ones neutral, missing ones in the alarm tone. */
export function PermissionList({ permissions, label, missing = false }: { permissions: readonly string[]; label: string; missing?: boolean }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={label}>
      {permissions.map((permission) => (
        <li key={permission} className={`rounded px-2 py-0.5 font-mono text-xs ${missing ? "bg-rose-100 text-rose-900" : "bg-slate-100 text-slate-700"}`}>
          {permission}
        </li>
      ))}
    </ul>
  );
}
