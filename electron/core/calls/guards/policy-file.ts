import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The organisation's policy file: number types no call may go to, whatever the user's settings.
 * An admin drops it into the app's data folder as `policy.json`, or points FEATHER_POLICY_FILE at
 * a file of their own (e.g. a read-only, machine-wide path). Read once at start.
 *
 *   { "format": "feather-launcher-policy", "version": 1, "blockNumberTypes": ["premium-rate", "international"] }
 */

/** The types a policy can block: libphonenumber's number types, plus another country than the default. */
export const POLICY_TYPES = [
  'premium-rate',
  'shared-cost',
  'toll-free',
  'mobile',
  'voip',
  'personal-number',
  'pager',
  'uan',
  'voicemail',
  'international',
] as const;
export type PolicyType = (typeof POLICY_TYPES)[number];

const PolicyFileSchema = z
  .object({
    format: z.literal('feather-launcher-policy'),
    version: z.literal(1),
    blockNumberTypes: z.array(z.enum(POLICY_TYPES)).max(POLICY_TYPES.length * 2),
  })
  // a misspelt key would otherwise be dropped silently, and its block with it
  .strict();

export interface Policy {
  path: string;
  blocked: ReadonlySet<PolicyType>;
  /** the file exists but cannot be used: the fallback blocks are in force */
  broken: boolean;
}

/**
 * What a policy file that cannot be used (unreadable, not JSON, a wrong or misspelt field, a newer
 * format) blocks: the types that cost money. Failing open would silently lift whatever the admin
 * meant to block; failing shut on every call would stop the whole team over a typo. Premium-rate
 * and shared-cost numbers are what such policies exist for (cost, toll fraud), and ordinary calls
 * keep working while the notice tells the user to have the file fixed.
 */
export const FALLBACK_BLOCKS: readonly PolicyType[] = ['premium-rate', 'shared-cost'];

const MAX_BYTES = 64 * 1024;

/** Where the policy is: FEATHER_POLICY_FILE when set (an admin named it: it must exist), else `policy.json` in the data folder. */
export function policyLocation(dataDir: string, env: Readonly<Record<string, string | undefined>> = process.env) {
  const named = env.FEATHER_POLICY_FILE?.trim();
  return named ? { file: path.resolve(named), named: true } : { file: path.join(dataDir, 'policy.json'), named: false };
}

/** Reads the policy: none (no file where none was named), the policy, or the fallback with a notice saying why. */
export function loadPolicy(location: { file: string; named: boolean }): { policy: Policy | null; notice: string | null } {
  const { file, named } = location;
  const broken = (reason: string) => ({
    policy: { path: file, blocked: new Set(FALLBACK_BLOCKS), broken: true },
    notice: `The organisation policy file ${file} cannot be used: ${reason}. Until it is fixed, premium-rate and shared-cost numbers are blocked; ask whoever manages this computer to fix the file.`,
  });
  let text: string;
  try {
    if (statSync(file).size > MAX_BYTES) return broken(`it is larger than ${MAX_BYTES / 1024} KB`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !named) return { policy: null, notice: null };
    return broken(code === 'ENOENT' ? 'FEATHER_POLICY_FILE names a file that does not exist' : `it cannot be read (${code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return broken('it is not valid JSON');
  }
  const parsed = PolicyFileSchema.safeParse(json);
  if (!parsed.success) {
    const version = (json as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > 1) return broken(`it is in a newer format (version ${version}) than this app reads`);
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    return broken(`${where}${issue.message}`);
  }
  return { policy: { path: file, blocked: new Set(parsed.data.blockNumberTypes), broken: false }, notice: null };
}
