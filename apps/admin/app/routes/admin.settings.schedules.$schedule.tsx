import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isUuid } from "@tenantpilot/dispatch-gate/contract";
import { notFound } from "../api/not-found.server";
import { SchedulePage } from "../settings/schedule-page";
import { loadSchedulePage, saveSchedule } from "../settings/schedule-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.schedule?.name ?? "Schedule"} · TenantPilot Gate` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  if (!isUuid(params.schedule)) throw notFound("No such schedule.");
  const page = await loadSchedulePage(request, context, params.schedule);
  // Another workspace's schedule, or none: the same 404.
  if (page.schedule === undefined) throw notFound("No such schedule.");
  return page;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (!isUuid(params.schedule)) throw notFound("No such schedule.");
  return saveSchedule(request, context, params.schedule);
}

export default function EditSchedule() {
  return <SchedulePage title="Edit schedule" />;
}
