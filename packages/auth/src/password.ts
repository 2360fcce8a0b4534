import { hash, verify, type Options } from "@node-rs/argon2";

/**
 * argon2id with OWASP's first recommended profile (m = 19 MiB, t = 2, p = 1): about 20–40 ms
 * per hash on the build machines, which bounds login cost for us and makes offline guessing
 * expensive. Parameters are stored inside each PHC hash string, so raising them later keeps
 * old hashes verifiable.
 */
const argon2Options: Options = {
  // Algorithm.Argon2id; the package declares it as an ambient const enum, which isolatedModules forbids reading.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
};

export const passwordPolicy = {
  minLength: 12,
  /** argon2 accepts any length; the cap stops megabyte "passwords" from being used to burn CPU. */
  maxLength: 256,
} as const;

export type PasswordPolicyResult =
  | { ok: true }
  | { ok: false; error: "password_too_short"; minLength: number }
  | { ok: false; error: "password_too_long"; maxLength: number };

/** Checks a new password against the policy. Length is counted in code points, as users count characters. */
export function checkPasswordPolicy(plain: string): PasswordPolicyResult {
  const length = [...normalize(plain)].length;
  if (length < passwordPolicy.minLength) {
    return { ok: false, error: "password_too_short", minLength: passwordPolicy.minLength };
  }
  if (length > passwordPolicy.maxLength) {
    return { ok: false, error: "password_too_long", maxLength: passwordPolicy.maxLength };
  }
  return { ok: true };
}

/** Hashes a password (argon2id, PHC string). Check `checkPasswordPolicy` first for new passwords. */
export function hashPassword(plain: string): Promise<string> {
  return hash(normalize(plain), argon2Options);
}

/** False for a wrong password and for a hash that is not a valid argon2 string. */
export async function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalize(plain));
  } catch {
    // A malformed stored hash must read as "wrong password", never as a server error that
    // would tell an attacker something about the account.
    return false;
  }
}

// The same password typed on different keyboards / OSes can arrive in different Unicode forms.
function normalize(plain: string): string {
  return plain.normalize("NFKC");
}
