import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { UsageError } from "./exit-codes";

export const DEFAULT_URL = "http://localhost:3000";

export interface SavedCredentials {
  url: string;
  token: string;
  email: string;
  tokenId: string;
  savedAt: string;
}

function isSavedCredentials(value: unknown): value is SavedCredentials {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return ["url", "token", "email", "tokenId", "savedAt"].every((key) => typeof record[key] === "string" && record[key] !== "");
}

/** `$TENANTPILOT_CONFIG_DIR` or `~/.config/tenantpilot`. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TENANTPILOT_CONFIG_DIR || path.join(homedir(), ".config", "tenantpilot");
}

export function credentialsFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(configDir(env), "credentials.json");
}

export function loadCredentials(env: NodeJS.ProcessEnv = process.env): SavedCredentials | null {
  let text: string;
  try {
    text = readFileSync(credentialsFile(env), "utf8");
  } catch {
    return null;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isSavedCredentials(parsed) ? parsed : null;
  } catch {
    // A damaged file reads as "not logged in": `ops login` rewrites it.
    return null;
  }
}

/**
 * Writes the token readable by the user only (0600, directory 0700), through a temporary file
 * and a rename so a crash never leaves half a file.
 */
export function saveCredentials(credentials: SavedCredentials, env: NodeJS.ProcessEnv = process.env): string {
  const dir = configDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = credentialsFile(env);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
  return file;
}

/**
 * --url, then TENANTPILOT_URL, then the URL saved at login, then http://localhost:3000. Anything
 * but an http(s) URL is bad usage, said before any request (fetch would only say "fetch failed").
 */
export function resolveUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const url = flag || env.TENANTPILOT_URL || loadCredentials(env)?.url || DEFAULT_URL;
  if (!URL.canParse(url) || !["http:", "https:"].includes(new URL(url).protocol)) {
    throw new UsageError(`the admin app's address must be an http:// or https:// URL (got "${url}")`);
  }
  return url;
}
