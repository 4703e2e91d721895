/**
 * A tagged template that escapes every interpolated value unless it is already safe HTML, so
 * data from the API (offer names, descriptions) can never inject markup into the page.
 *
 * @example
 *   html`<td>${offer.name}</td>`.toString() // '<td>Job &amp; Co</td>' for 'Job & Co'
 */

/** HTML that has been escaped or built from trusted literals. */
export class SafeHtml {
  /** @param {string} value */
  constructor(value) {
    this.value = value;
  }

  toString() {
    return this.value;
  }
}

/**
 * Escapes text for use in element content and in quoted attribute values.
 *
 * @param {string} text
 * @returns {string}
 */
export function escapeHtml(text) {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * @param {unknown} value
 * @returns {string}
 */
function render(value) {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * @param {TemplateStringsArray} strings
 * @param {...unknown} values
 * @returns {SafeHtml}
 */
export function html(strings, ...values) {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/**
 * An attribute, or nothing when the value is undefined/null/false (so no empty `aria-sort=""`).
 *
 * @example
 *   html`<th${attr('aria-sort', sorted ? 'descending' : undefined)}>` // '<th>' when not sorted
 * @param {string} name
 * @param {string | number | boolean | null | undefined} value
 * @returns {SafeHtml}
 */
export function attr(name, value) {
  if (value === undefined || value === null || value === false) return new SafeHtml('');
  if (value === true) return new SafeHtml(` ${name}`);
  return new SafeHtml(` ${name}="${escapeHtml(String(value))}"`);
}
