import { describe } from "@tenantpilot/dispatch-gate/contract";
import { ReasonExplanation, TimeStamp, UiLink } from "@tenantpilot/ui";
import type { ApiOutputs } from "../live/trpc";
import { buttonClass } from "../shell/page";

export type ConnectionStanding = NonNullable<ApiOutputs["connections"]["detail"]["standing"]>;
type Verdict = ConnectionStanding["operations"][number];

const verdictLabel = (verdict: Verdict) => (verdict.targetLabel === null ? verdict.label : `${verdict.label} (${verdict.targetLabel})`);

/** What Microsoft last answered about the connection, when it objects: it counts until a check passes. */
export function LastWord({ standing }: { standing: ConnectionStanding }) {
  const word = standing.lastWord;
  if (word === null) return null;
  return (
    <p className="text-sm text-rose-900" data-last-word={word.reason}>
      Microsoft last answered: {word.message} <TimeStamp value={word.observedAt} /> ·{" "}
      <UiLink to={word.runHref} className={buttonClass.link}>
        View run
      </UiLink>
      <span className="block text-xs text-rose-800">It counts for every start until a connection check passes.</span>
    </p>
  );
}

/** One line per operation this connection blocks now (the list page); "Blocks nothing" otherwise. */
export function BlockedOperations({ standing }: { standing: ConnectionStanding }) {
  const blocked = standing.operations.filter((verdict) => verdict.blocks !== null);
  if (blocked.length === 0) {
    return (
      <p className="text-sm text-emerald-800" data-blocks="none">
        Blocks nothing: every operation is {describe({ preview: "ready" }).toLowerCase()}.
      </p>
    );
  }
  return (
    <ul className="space-y-1 text-sm" data-blocks={blocked.length}>
      {blocked.map((verdict) =>
        verdict.blocks === null ? null : (
          <li key={verdict.key} data-blocks-operation={verdict.key}>
            <span className="font-semibold text-rose-800">{describe({ outcome: "blocked" })}</span> {verdictLabel(verdict)}: {verdict.blocks.message} ·{" "}
            <UiLink to={verdict.blocks.nextStep.href} className={buttonClass.link}>
              {verdict.blocks.nextStep.label}
            </UiLink>
          </li>
        ),
      )}
    </ul>
  );
}

/** Every operation with whether this connection blocks it and why (the detail page). */
export function OperationVerdicts({ standing }: { standing: ConnectionStanding }) {
  return (
    <table className="min-w-full text-left text-sm">
      <caption className="sr-only">What this connection blocks</caption>
      <thead>
        <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <th scope="col" className="py-2 pr-4 font-medium">
            Operation
          </th>
          <th scope="col" className="py-2 font-medium">
            With this connection
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {standing.operations.map((verdict) => (
          <tr key={verdict.key} className="align-top" data-verdict={verdict.key} data-blocked={verdict.blocks !== null}>
            <th scope="row" className="py-2 pr-4 font-medium text-slate-900">
              {verdictLabel(verdict)}
            </th>
            <td className="py-2 text-slate-700">
              {verdict.blocks === null ? (
                <span className="font-semibold text-emerald-800">{describe({ preview: "ready" })}</span>
              ) : (
                <div className="space-y-1">
                  <span className="font-semibold text-rose-800">{describe({ outcome: "blocked" })}</span>
                  <ReasonExplanation reason={verdict.blocks.reason} message={verdict.blocks.message} nextStep={verdict.blocks.nextStep} />
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
