import { DataDirError } from './data-dir-error.ts';
import { textChunks } from './text-chunks.ts';

/** Parsed NDJSON values and the line each is on; blank lines are skipped. */
export interface NdjsonBatch {
  values: unknown[];
  lines: number[];
}

/**
 * Reads an NDJSON file (one JSON value per line) in batches. A line that is not JSON stops the
 * read with an error naming the file and line: what follows cannot be trusted either.
 */
export async function* readNdjsonRows(path: string, name: string): AsyncGenerator<NdjsonBatch> {
  let carry = '';
  let line = 1;
  const parseLines = (text: string): NdjsonBatch => {
    const values: unknown[] = [];
    const lines: number[] = [];
    for (const raw of text.split('\n')) {
      const trimmed = raw.trim();
      if (trimmed !== '') {
        try {
          values.push(JSON.parse(trimmed));
        } catch {
          throw new DataDirError('invalid-data', [
            { file: name, line, field: '', message: 'is not valid JSON' },
          ]);
        }
        lines.push(line);
      }
      line++;
    }
    return { values, lines };
  };
  for await (const chunk of textChunks(path)) {
    const text = carry + chunk;
    const cut = text.lastIndexOf('\n');
    if (cut < 0) {
      carry = text;
      continue;
    }
    carry = text.slice(cut + 1);
    const batch = parseLines(text.slice(0, cut));
    if (batch.values.length > 0) yield batch;
  }
  if (carry.trim() !== '') yield parseLines(carry);
}
