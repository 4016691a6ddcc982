/** `npm run procedures:schema`: writes the published JSON Schema from the TypeBox source. */
import { writeFile } from 'node:fs/promises';
import { procedureSchemaJson, schemaPath } from '../policy-areas/schema-file.js';

await writeFile(schemaPath, procedureSchemaJson());
console.log(`wrote ${schemaPath}`);
