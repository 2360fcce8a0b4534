import { Prisma, type Db } from "@tenantpilot/db";
import { previewOutcomes, rollupOf, type PreviewResult } from "../contract";
import { contextQueryOf, type ContextQuery, type StartInput } from "../preflight-context";
import { contextRows } from "./contexts";
import { previewAll } from "./preview-many";

/**
 * Every fact of a context row that the gate's decision (decideStart: the preflight rules, then the
 * scope's holder) reads, as SQL over `ctx x` (contextRows). Starts alike in all of these get the
 * same outcome and reason: they differ only in ids and names, which the decision copies into its
 * answer but never judges. Timestamps are reduced to what is judged of them (a secret ended by
 * now; whether the last word and the holder exist), and the holder's target to whether it is the
 * start's own. A fact the decision starts reading must be added here: `readiness-groups.test.ts`
 * compares the groups' rollup with previewAll's over starts that differ in each fact.
 */
const decisionFacts = Prisma.sql`
  x.decision_input, x.tenant_status,
  x.c_id IS NULL, x.enabled, x.consent_state, x.has_secret, coalesce(x.client_secret_expires_at <= now(), false),
  x.granted_permissions, x.reason, x.missing_permissions, x.observed_at IS NULL, x.last_run_id IS NULL,
  x.b_status, x.families,
  x.r_id IS NULL, x.operation, x.r_status, x.target_kind, x.r_target_id IS NOT DISTINCT FROM x.target_id`;

/**
 * What of the start itself the decision reads besides the row: its operation, the kind of its
 * target, a report kind (judged by name) or whether a tenant target is the tenant itself, and
 * whether it finishes onboarding.
 */
function decisionInput(input: StartInput, query: ContextQuery): string {
  const target = query.target;
  const targetFact = target === undefined ? "" : target.kind === "report_kind" ? target.id : target.kind === "tenant" ? String(target.id === input.tenantId) : "";
  return [input.operation, target?.kind ?? "", targetFact, String(input.finishesOnboarding === true)].join("|");
}

export interface ReadinessGroup {
  /** What previewStart answers for every start of the group (decided on one of them). */
  preview: PreviewResult;
  /** The positions (in the input) of the starts it stands for, ascending. */
  members: number[];
}

/**
 * The starts grouped by decisionFacts, each group judged once by previewAll on one of its starts:
 * two statements (three for connection.check targets) and as many decisions as there are distinct
 * situations — a handful — however many tenants, where previewAll over every start would bring N
 * contexts into this process. Starts naming a tenant that no longer exists are in no group.
 */
export async function readinessGroups(db: Db, inputs: readonly StartInput[]): Promise<ReadinessGroup[]> {
  if (inputs.length === 0) return [];
  const queries = inputs.map(contextQueryOf);
  const groups = await db.$queryRaw<{ members: number[] }[]>`
    WITH q AS (
      SELECT d.ord, d.decision_input, d.target_id FROM jsonb_to_recordset(${JSON.stringify(
        inputs.map((input, index) => ({ ord: index + 1, decision_input: decisionInput(input, queries[index]!), target_id: queries[index]!.target?.id ?? null })),
      )}::jsonb) AS d(ord int, decision_input text, target_id text)
    ), x AS (
      SELECT ctx.*, q.decision_input, q.target_id FROM (${contextRows(inputs, queries)}) ctx JOIN q ON q.ord = ctx.ord
    )
    SELECT array_agg(x.ord - 1) AS members FROM x
     -- One short key per start: grouping by the facts themselves (as columns or as one record)
     -- sorted every row whole, arrays of permissions included, past work_mem onto disk at 10,000 tenants.
     GROUP BY md5(ROW(${decisionFacts})::text)`;
  const previews = await previewAll(
    db,
    groups.map((group) => inputs[group.members[0]!]!),
  );
  return groups.flatMap((group, index) => {
    const preview = previews[index];
    return preview ? [{ preview, members: group.members.sort((a, b) => a - b) }] : [];
  });
}

/** previewAll's rollup (by outcome, blocked by reason) for these starts, from their readiness groups. */
export async function readinessRollup(db: Db, inputs: readonly StartInput[]) {
  const groups = await readinessGroups(db, inputs);
  return rollupOf(
    previewOutcomes,
    groups.map(({ preview, members }) => ({ ...preview, tenants: members.length })),
  );
}
