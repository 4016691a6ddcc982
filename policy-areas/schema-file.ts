import { fileURLToPath } from 'node:url';
import { ProcedureSchema } from './language.js';

/** Where the published JSON Schema lives; definitions point at it with `"$schema"`. */
export const schemaPath = fileURLToPath(new URL('./procedure.schema.json', import.meta.url));

export const procedureSchemaJson = (): string => `${JSON.stringify(ProcedureSchema, null, 2)}\n`;
