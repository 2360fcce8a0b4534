/**
 * The IANA zones the server's runtime knows, the current one first if it is not among them. The
 * API checks the choice against PostgreSQL's list, which is what decides when schedules fire.
 */
export function timeZoneChoices(current: string): string[] {
  const known = Intl.supportedValuesOf("timeZone");
  return known.includes(current) ? known : [current, ...known];
}
