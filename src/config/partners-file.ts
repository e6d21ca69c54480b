import { z } from 'zod';
import { DATAFLOW_MODES, parseSchedule, type DataflowSchedule } from '../config/dataflow-settings.js';
import type { Partner } from './partner.js';
import { isAllowedPartnerUrl } from './partner-url.js';
import { stripUndefined } from './strip-undefined.js';

type Env = Record<string, string | undefined>;

const url = (what: string) =>
  z.string().refine(isAllowedPartnerUrl, `${what} must be an absolute https URL (http only for localhost/127.0.0.1/[::1])`);
const origin = z
  .string()
  .refine(
    (v) => isAllowedPartnerUrl(v) && new URL(v).origin === v,
    'embedOrigins entries must be bare origins such as https://portal.example',
  );
const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must name an environment variable (e.g. ACME_WEBHOOK_SECRET)');

/** One partner's entry; its keys are the fields the README's partner table and partners.example.json show. */
export const partnerSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'id must be lowercase letters, digits and dashes'),
  name: z.string().min(1).max(120),
  apiKeySha256: z.array(z.string().regex(/^[0-9a-f]{64}$/, 'apiKeySha256 entries must be 64 lowercase hex characters')).min(1),
  returnUrls: z.array(url('returnUrls entries')).default([]),
  embedOrigins: z.array(origin).default([]),
  sandboxes: z.array(z.string().regex(/^[a-z0-9-]+$/, 'sandbox names are lowercase, such as prod')).min(1),
  webhook: z
    .strictObject({ url: url('webhook.url'), secretEnv: envName.optional(), secretEnvs: z.array(envName).min(1).max(2).optional() })
    .refine((w) => (w.secretEnv === undefined) !== (w.secretEnvs === undefined), 'webhook needs exactly one of secretEnv or secretEnvs')
    .optional(),
  adobe: z.strictObject({ imsOrgEnv: envName, clientIdEnv: envName, clientSecretEnv: envName }).optional(),
  dataflow: z
    .strictObject({
      mode: z.enum(DATAFLOW_MODES).optional(),
      schedule: z
        .string()
        .transform((v, ctx): DataflowSchedule => {
          const parsed = parseSchedule(v, 'dataflow.schedule');
          if (typeof parsed !== 'string') return parsed;
          ctx.addIssue({ code: 'custom', message: parsed });
          return z.NEVER;
        })
        .optional(),
      profile: z.boolean().optional(),
      datasetId: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/, 'dataflow.datasetId must be a Catalog dataset id')
        .optional(),
    })
    .optional(),
});
const fileSchema = z.strictObject({ partners: z.array(partnerSchema) });

export type RegistryResult = { ok: true; partners: Partner[] } | { ok: false; problems: string[] };

/**
 * Validates the PARTNERS_FILE text and resolves the secrets it names from `env` (the config loader's
 * environment; nothing here reads process.env). Every problem is reported, in plain words, at once.
 */
export function parsePartnersFile(text: string, env: Env): RegistryResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [`PARTNERS_FILE is not valid JSON: ${(err as Error).message}`] };
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `PARTNERS_FILE ${i.path.join('.') || '(root)'}: ${i.message}`) };
  }
  const problems: string[] = [];
  const secret = (name: string, where: string) => {
    const value = env[name]?.trim();
    if (!value) problems.push(`PARTNERS_FILE ${where} names ${name}, but that environment variable is not set`);
    return value ?? '';
  };
  const seen = new Set<string>();
  const partners = parsed.data.partners.map((p, i): Partner => {
    if (seen.has(p.id)) problems.push(`PARTNERS_FILE partners.${i}.id: "${p.id}" is used twice`);
    seen.add(p.id);
    const at = `partners.${i}`;
    return {
      id: p.id,
      name: p.name,
      apiKeySha256: p.apiKeySha256,
      returnUrls: p.returnUrls,
      embedOrigins: p.embedOrigins,
      sandboxes: p.sandboxes,
      ...(p.webhook ? { webhook: { url: p.webhook.url, secrets: webhookSecrets(p.webhook, `${at}.webhook`, secret) } } : {}),
      ...(p.adobe
        ? {
            adobe: {
              imsOrg: secret(p.adobe.imsOrgEnv, `${at}.adobe.imsOrgEnv`),
              clientId: secret(p.adobe.clientIdEnv, `${at}.adobe.clientIdEnv`),
              clientSecret: secret(p.adobe.clientSecretEnv, `${at}.adobe.clientSecretEnv`),
            },
          }
        : {}),
      ...(p.dataflow ? { dataflow: stripUndefined(p.dataflow) } : {}),
    };
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, partners };
}

/** `secretEnv: "A"` or `secretEnvs: ["NEW", "OLD"]`, each name resolved (a name not set is a problem). */
function webhookSecrets(
  webhook: { secretEnv?: string | undefined; secretEnvs?: string[] | undefined },
  at: string,
  secret: (name: string, where: string) => string,
): string[] {
  if (webhook.secretEnvs) return webhook.secretEnvs.map((name, i) => secret(name, `${at}.secretEnvs.${i}`));
  return [secret(webhook.secretEnv!, `${at}.secretEnv`)];
}
