import { z } from "zod";

export const TagName = z.string().trim().min(1).max(60);
/** Tenants by slug or id, as everywhere a tenant is named. */
export const TenantKeys = z.array(z.string().trim().min(1).max(100)).min(1).max(1000);
