/** Chinese mobile numbers: 11 digits, 1 then 3–9. */
const CN_MOBILE = /^1[3-9]\d{9}$/;
/**
 * Chinese landlines without the trunk 0: area code 10 or 2x and 8 digits, or a 3-digit area code
 * (3–9…) and 7–8 digits.
 */
const CN_LANDLINE = /^(?:(?:10|2\d)\d{8}|[3-9]\d{9,10})$/;

/**
 * A phone number in E.164 (`+8613812345678`), or null when it cannot be one. A number without a
 * country is Chinese (`+86`): a mobile, or a landline with its trunk 0 (`010-12345678`).
 * Other countries are taken as given after `+` or `00`, within E.164's 15 digits.
 */
export function toE164(raw: string): string | null {
  const compact = raw.trim().replace(/[\s\-().]/g, '');
  const international = compact.startsWith('+')
    ? compact.slice(1)
    : compact.startsWith('00')
      ? compact.slice(2)
      : null;
  if (international !== null) {
    if (!/^[1-9]\d{6,14}$/.test(international)) return null;
    if (international.startsWith('86')) return chinese(international.slice(2));
    return `+${international}`;
  }
  if (!/^\d+$/.test(compact)) return null;
  if (CN_MOBILE.test(compact)) return `+86${compact}`;
  if (compact.startsWith('0')) return chinese(compact.slice(1));
  return null;
}

function chinese(national: string): string | null {
  return CN_MOBILE.test(national) || CN_LANDLINE.test(national) ? `+86${national}` : null;
}
