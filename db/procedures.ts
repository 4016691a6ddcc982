/**
 * The procedure store: every published version of every procedure, in PostgreSQL. The shipped
 * catalogue (policy-areas/) is published into it on start; policy owners publish through the API.
 * A version, once published, never changes (the table's trigger enforces it).
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { ProcedureV2 } from '../policy-areas/language.js';
import type { DbOrTx } from './client.js';
import { procedures, type ProcedureRow } from './schema/index.js';

/** JSON with keys sorted, so the same definition always hashes the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export const definitionHash = (d: ProcedureV2): string => createHash('sha256').update(canonical(d)).digest('hex');

export type PublishOutcome = { status: 'published'; row: ProcedureRow } | { status: 'unchanged'; row: ProcedureRow } | { status: 'conflict'; row: ProcedureRow };

/**
 * Publishes one version. Publishing the same definition again is a no-op ("unchanged"); a different
 * definition under a published id and version is a conflict and changes nothing.
 */
export async function publishProcedure(db: DbOrTx, d: ProcedureV2, source: 'catalog' | 'api', publishedBy: string | null): Promise<PublishOutcome> {
  const { $schema: _schema, ...definition } = d;
  const hash = definitionHash(definition as ProcedureV2);
  const inserted = await db
    .insert(procedures)
    .values({ id: d.id, version: d.version, area: d.area, kind: d.kind, code: d.code, definition: definition as ProcedureV2, hash, source, publishedBy })
    .onConflictDoNothing()
    .returning();
  if (inserted[0]) return { status: 'published', row: inserted[0] };
  const existing = (await findProcedureVersion(db, d.id, d.version))!;
  return { status: existing.hash === hash ? 'unchanged' : 'conflict', row: existing };
}

/** Publishes the shipped catalogue; refuses to start when a file changed a published version. */
export async function publishCatalog(db: DbOrTx, definitions: Iterable<ProcedureV2>): Promise<{ published: number }> {
  let published = 0;
  const conflicts: string[] = [];
  for (const d of definitions) {
    const outcome = await publishProcedure(db, d, 'catalog', null);
    if (outcome.status === 'published') published += 1;
    if (outcome.status === 'conflict') conflicts.push(`${d.id} version ${d.version}`);
  }
  if (conflicts.length) {
    throw new Error(
      `policy-areas/ changes already published procedure versions (${conflicts.join(', ')}): ` +
        'published versions are immutable, so give each changed definition a new version number',
    );
  }
  return { published };
}

export async function findProcedureVersion(db: DbOrTx, id: string, version: number): Promise<ProcedureRow | undefined> {
  const rows = await db.select().from(procedures).where(and(eq(procedures.id, id), eq(procedures.version, version))).limit(1);
  return rows[0];
}

export async function latestProcedure(db: DbOrTx, id: string): Promise<ProcedureRow | undefined> {
  const rows = await db.select().from(procedures).where(eq(procedures.id, id)).orderBy(desc(procedures.version)).limit(1);
  return rows[0];
}

export async function procedureVersions(db: DbOrTx, id: string): Promise<ProcedureRow[]> {
  return db.select().from(procedures).where(eq(procedures.id, id)).orderBy(desc(procedures.version));
}

/** The newest version of every procedure. */
export async function latestProcedures(db: DbOrTx): Promise<ProcedureRow[]> {
  return db
    .selectDistinctOn([procedures.id])
    .from(procedures)
    .orderBy(procedures.id, desc(procedures.version))
    .where(sql`true`);
}
