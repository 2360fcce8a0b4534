/**
 * "deviceConfiguration" → "Device configuration". Backup items carry the provider's policy type
 * id only; the sync's coverage carries the provider's own label, which is preferred where present.
 */
export function policyTypeWords(policyType: string): string {
  const words = policyType.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
