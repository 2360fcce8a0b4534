import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { SchedulePage } from "../settings/schedule-page";
import { loadSchedulePage, saveSchedule } from "../settings/schedule-page.server";

export const meta: MetaFunction = () => [{ title: "New schedule · TenantPilot Gate" }];

export const loader = ({ request, context }: LoaderFunctionArgs) => loadSchedulePage(request, context, null);

export async function action({ request, context }: ActionFunctionArgs) {
  return saveSchedule(request, context, null);
}

export default function NewSchedule() {
  return <SchedulePage title="New schedule" />;
}
