// Users and groups of a sandbox tenant, shaped like Graph v1.0 returns them.
import type { SeededRandom } from "../seeded-random";
import type { GraphEntity } from "./intune-policies";

const givenNames = ["Adele", "Alex", "Allan", "Ben", "Christie", "Debra", "Diego", "Emily", "Grady", "Henrietta", "Isaiah", "Johanna", "Joni", "Lee", "Lidia", "Lynne", "Megan", "Miriam", "Nestor", "Patti", "Pradeep", "Raul", "Sofia", "Yuki", "Zrinka"];
const surnames = ["Vance", "Wilber", "Deyoung", "Walker", "Cline", "Berg", "Siciliani", "Braun", "Archie", "Mueller", "Langer", "Lambert", "Sherman", "Gu", "Holloway", "Robbins", "Bowen", "Graham", "Wilke", "Fernandez", "Gupta", "Tanaka", "Oliveira", "Novak", "Okafor"];
const jobs: readonly [string, string][] = [
  ["Sales", "Account Executive"],
  ["Sales", "Sales Manager"],
  ["IT", "Systems Administrator"],
  ["IT", "Endpoint Engineer"],
  ["Finance", "Controller"],
  ["Finance", "Accountant"],
  ["Engineering", "Software Engineer"],
  ["Engineering", "Product Manager"],
  ["HR", "HR Generalist"],
  ["Operations", "Operations Lead"],
];

export function users(count: number, domain: string, random: SeededRandom): GraphEntity[] {
  const taken = new Set<string>();
  return Array.from({ length: count }, () => {
    const givenName = random.pick(givenNames);
    const surname = random.pick(surnames);
    let local = `${givenName}.${surname}`.toLowerCase();
    for (let n = 2; taken.has(local); n += 1) local = `${givenName}.${surname}${n}`.toLowerCase();
    taken.add(local);
    const [department, jobTitle] = random.pick(jobs);
    const userPrincipalName = `${local}@${domain}`;
    return {
      id: random.guid(),
      businessPhones: [],
      displayName: `${givenName} ${surname}`,
      givenName,
      surname,
      jobTitle,
      department,
      mail: userPrincipalName,
      mobilePhone: null,
      officeLocation: random.pick(["Seattle", "London", "Berlin", "Remote"]),
      preferredLanguage: "en-US",
      userPrincipalName,
      accountEnabled: random.chance(0.93),
    };
  });
}

interface GroupTemplate {
  displayName: string;
  description: string;
  kind: "security" | "unified" | "dynamic-device";
}

const groupTemplates: readonly GroupTemplate[] = [
  { displayName: "All Staff", description: "Everyone in the organisation.", kind: "unified" },
  { displayName: "IT Admins", description: "Endpoint and identity administrators.", kind: "security" },
  { displayName: "Intune - Pilot devices", description: "Devices that receive changes first.", kind: "security" },
  { displayName: "Autopilot devices", description: "Every Windows Autopilot device.", kind: "dynamic-device" },
  { displayName: "Sales", description: "Sales team.", kind: "unified" },
  { displayName: "Finance", description: "Finance team.", kind: "security" },
  { displayName: "Engineering", description: "Engineering team.", kind: "unified" },
  { displayName: "Executives", description: "Leadership team.", kind: "security" },
  { displayName: "Contractors", description: "External staff with limited access.", kind: "security" },
  { displayName: "Project Phoenix", description: "Cross-team project workspace.", kind: "unified" },
];

export function groups(count: number, domain: string, random: SeededRandom, anchor: Date): GraphEntity[] {
  return Array.from({ length: count }, (_, index) => {
    const template = groupTemplates[index % groupTemplates.length]!;
    const round = Math.floor(index / groupTemplates.length);
    const displayName = round === 0 ? template.displayName : `${template.displayName} ${round + 1}`;
    const mailNickname = displayName.toLowerCase().replace(/[^a-z0-9]+/g, "");
    const unified = template.kind === "unified";
    return {
      id: random.guid(),
      createdDateTime: random.dateBefore(anchor, 900),
      description: template.description,
      displayName,
      groupTypes: unified ? ["Unified"] : template.kind === "dynamic-device" ? ["DynamicMembership"] : [],
      mail: unified ? `${mailNickname}@${domain}` : null,
      mailEnabled: unified,
      mailNickname,
      membershipRule: template.kind === "dynamic-device" ? '(device.devicePhysicalIDs -any (_ -contains "[ZTDId]"))' : null,
      membershipRuleProcessingState: template.kind === "dynamic-device" ? "On" : null,
      securityEnabled: !unified,
      visibility: unified ? "Private" : null,
    };
  });
}
