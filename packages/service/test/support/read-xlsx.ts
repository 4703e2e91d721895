import { strFromU8, unzipSync } from 'fflate';

export interface XlsxCell {
  value: string | number | boolean | null;
  /** The number format code of the cell's style ('General' when none). */
  format: string;
}

const BUILT_IN_FORMATS: Record<string, string> = { '0': 'General', '1': '0', '9': '0%', '10': '0.00%' };

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * The sheets of an xlsx workbook by name, each as rows of cells with value and number format:
 * just enough of SpreadsheetML to check what the exports write (shared strings, numbers,
 * booleans, styles), read with a plain unzip so the test does not trust the writer's library.
 */
export function readXlsx(buffer: Uint8Array): Record<string, XlsxCell[][]> {
  const files = unzipSync(buffer);
  const text = (path: string) => (files[path] ? strFromU8(files[path]) : '');
  const shared = [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    unescapeXml([...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
  );
  const styles = text('xl/styles.xml');
  const numFmts = new Map(
    [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [
      m[1]!,
      unescapeXml(m[2]!),
    ]),
  );
  const xfs = [
    ...(styles.match(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/)?.[1] ?? '').matchAll(/<xf ([^>]*)/g),
  ].map((m) => {
    const id = m[1]!.match(/numFmtId="(\d+)"/)?.[1] ?? '0';
    return numFmts.get(id) ?? BUILT_IN_FORMATS[id] ?? `#${id}`;
  });
  const rels = new Map(
    [...text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship ([^>]*)\/?>/g)].map((m) => [
      m[1]!.match(/Id="([^"]+)"/)![1]!,
      m[1]!.match(/Target="([^"]+)"/)![1]!,
    ]),
  );
  const sheets: Record<string, XlsxCell[][]> = {};
  for (const m of text('xl/workbook.xml').matchAll(/<sheet ([^>]*)\/>/g)) {
    const name = unescapeXml(m[1]!.match(/name="([^"]*)"/)![1]!);
    const target = rels.get(m[1]!.match(/r:id="([^"]+)"/)![1]!)!.replace(/^\/?(xl\/)?/, 'xl/');
    const rows: XlsxCell[][] = [];
    for (const row of text(target).matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
      const cells: XlsxCell[] = [];
      for (const c of row[1]!.matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const column = [...c[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
        const attributes = c[2]!;
        const type = attributes.match(/t="(\w+)"/)?.[1] ?? 'n';
        const style = Number(attributes.match(/s="(\d+)"/)?.[1] ?? 0);
        const raw = c[3]?.match(/<v>([\s\S]*?)<\/v>/)?.[1];
        const inline = c[3]?.match(/<t[^>]*>([\s\S]*?)<\/t>/)?.[1];
        let value: XlsxCell['value'] = null;
        if (type === 's' && raw !== undefined) value = shared[Number(raw)]!;
        else if (type === 'inlineStr' || type === 'str') value = unescapeXml(inline ?? raw ?? '');
        else if (type === 'b' && raw !== undefined) value = raw === '1';
        else if (raw !== undefined) value = Number(raw);
        while (cells.length < column) cells.push({ value: null, format: 'General' });
        cells.push({ value, format: xfs[style] ?? 'General' });
      }
      rows.push(cells);
    }
    sheets[name] = rows;
  }
  return sheets;
}
