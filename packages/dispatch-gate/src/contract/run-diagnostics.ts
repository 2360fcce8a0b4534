/**
 * What an inventory.sync run records per policy family in `diagnostics.inventory.coverage`,
 * written as it goes (the worker), read by the inventory page (the admin app) to tell which
 * families are current even when a later family failed.
 */
export interface CoveredPolicyType {
  policyType: string;
  label: string;
  items: number;
  changed: number;
  /** The listing stopped at its page cap: the family is only partly covered. */
  truncated: boolean;
  syncedAt: string;
}
