import { consentKey, consentRecord, type SandboxConsentRecord, type SandboxConsentStore } from "./consent-store";

/** Consent answers held in this process: for tests where the prompt and the sandbox share it. */
export function memorySandboxConsentStore(): SandboxConsentStore & { records(): SandboxConsentRecord[] } {
  const records = new Map<string, SandboxConsentRecord>();
  return {
    find: async (target) => records.get(consentKey(target)),
    async grant(target) {
      const record = consentRecord(target, "granted", target.permissions);
      records.set(consentKey(record), record);
      return record;
    },
    async revoke(target) {
      const record = consentRecord(target, "revoked", []);
      records.set(consentKey(record), record);
      return record;
    },
    records: () => [...records.values()],
  };
}
