import { Fragment } from "react";
import type { AppRegistrationGuide } from "@tenantpilot/dispatch-gate/contract";
import { Card } from "../shell/page";
import { CopyButton } from "./copy-button";

/** A permission name as Entra spells it: selectable text, with a copy button once JavaScript runs. */
function Copyable({ text, label }: { text: string; label: string }) {
  return (
    <span className="inline-flex max-w-full flex-wrap items-center gap-1.5">
      <code className="select-all break-words rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-900">{text}</code>
      <CopyButton text={text} label={label} />
    </span>
  );
}

/**
 * The app registration to create in the customer's Entra admin center: the steps in order, the
 * redirect URI, and the exact Graph application permissions each operation needs (the catalogue's,
 * the list the connection check compares with).
 */
export function AppRegistrationGuideCard({ guide }: { guide: AppRegistrationGuide }) {
  return (
    <Card title="Create the app registration" description="In the customer's Microsoft Entra admin center, before entering the connection below.">
      <div className="space-y-5 text-sm text-slate-700">
        <ol className="list-decimal space-y-2 pl-5">
          {guide.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <p>
          Redirect URI: <Copyable text={guide.redirectUri} label="Copy the redirect URI" />
        </p>
        <section aria-labelledby="app-permissions" className="space-y-2" data-app-permissions>
          <h3 id="app-permissions" className="font-semibold text-slate-900">
            Microsoft Graph application permissions
          </h3>
          <p className="flex flex-wrap items-center gap-2">
            All of them: <Copyable text={guide.permissions.join(", ")} label="Copy every permission" />
          </p>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[minmax(0,14rem)_1fr]">
            {guide.permissionsByOperation.map((row) => (
              <Fragment key={`${row.operation}:${row.targetLabel ?? ""}`}>
                <dt className="font-medium text-slate-800">
                  {row.label}
                  {row.targetLabel === null ? null : <span className="font-normal text-slate-500"> · {row.targetLabel}</span>}
                </dt>
                <dd className="flex flex-wrap gap-2" data-operation-permissions={row.operation}>
                  {row.permissions.length === 0 ? (
                    <span className="text-slate-500">None beyond a token</span>
                  ) : (
                    row.permissions.map((permission) => <Copyable key={permission} text={permission} label={`Copy ${permission}`} />)
                  )}
                </dd>
              </Fragment>
            ))}
          </dl>
        </section>
      </div>
    </Card>
  );
}
