/**
 * Masks personal contact data for list views and exports (PRODUCT.md: personal data masked unless
 * needed). Mainland mobile numbers keep the first 3 and last 4 digits (138****5678), which is the
 * convention users recognise; anything else keeps only its last 4 characters.
 */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  const p = phone.trim();
  if (/^1\d{10}$/.test(p)) return `${p.slice(0, 3)}****${p.slice(7)}`;
  if (p.length <= 4) return "*".repeat(p.length);
  return `${"*".repeat(p.length - 4)}${p.slice(-4)}`;
}

/** 张三 → 张*, 欧阳娜娜 → 欧***. */
export function maskPersonName(name: string | null | undefined): string {
  if (!name) return "";
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join("");
  return `${chars[0]}${"*".repeat(chars.length - 1)}`;
}
