import { consentKey, consentRecord, type SandboxConsentRecord, type SandboxConsentStore } from "./consent-store";

/** Consent answers held in this process: for tests where the prompt and the sandbox share it. */
export function memorySandboxConsentStore(): SandboxConsentStore & { records(): SandboxConsentRecord[] } {
  const records = new Map<string, SandboxConsentRecord>();
  const remember = (record: SandboxConsentRecord) => {
    records.set(consentKey(record), record);
    return record;
  };
  return {
    // The store's contract is asynchronous (the database store is); this one answers at once.
    find: (target) => Promise.resolve(records.get(consentKey(target))),
    grant: (target) => Promise.resolve(remember(consentRecord(target, "granted", target.permissions))),
    revoke: (target) => Promise.resolve(remember(consentRecord(target, "revoked", []))),
    records: () => [...records.values()],
  };
}
