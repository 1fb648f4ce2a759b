/**
 * 统一社会信用代码 (Unified Social Credit Code) per GB 32100-2015.
 *
 * Layout: 1 登记管理部门 · 2 机构类别 · 3–8 登记管理机关行政区划码 · 9–17 主体标识码 · 18 校验码.
 * Characters come from a 31-symbol alphabet (digits and capitals without I, O, S, V, Z); the check
 * character makes Σ(value_i × 3^i mod 31) + value_18 ≡ 0 (mod 31).
 *
 * Positions 3–8 are deliberately NOT checked against today's district list: codes issued before a
 * redistricting (e.g. Tianjin's abolished 塘沽/汉沽/大港, 120107–120109) stay valid for life.
 */

export const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const FIELD = "统一社会信用代码";

/** Weights 3^i mod 31 for i = 0..16. */
export const USCC_WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

export type UsccCheck = { ok: true; code: string } | { ok: false; message: string };

/** Computes the check character for the first 17 characters (which must be in the alphabet). */
export function computeUsccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error("computeUsccCheckChar needs exactly 17 characters");
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17.charAt(i));
    if (v < 0) throw new Error(`invalid USCC character at position ${i + 1}`);
    sum += v * (USCC_WEIGHTS[i] as number);
  }
  const c = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET.charAt(c);
}

/**
 * Validates a code typed or imported by a user. Surrounding whitespace is ignored and lower-case
 * letters are accepted (people type them); the returned code is the normalised upper-case form.
 * Messages are Chinese and name the field, because they are shown to users as-is.
 */
export function validateUscc(input: string): UsccCheck {
  // Only ASCII a–z are folded: String#toUpperCase would also turn e.g. "ﬀ" (one character) into "FF",
  // silently accepting a 17-character input as a different 18-character code.
  const code = input.trim().replace(/[a-z]/g, (c) => c.toUpperCase());
  // Count characters, not UTF-16 units, so a pasted emoji or CJK extension character is one position.
  const chars = Array.from(code);
  if (chars.length === 0) return { ok: false, message: `${FIELD}不能为空` };
  if (chars.length !== 18) {
    return { ok: false, message: `${FIELD}应为18位，当前为${chars.length}位` };
  }
  for (let i = 0; i < 18; i++) {
    const ch = chars[i] as string;
    if (!USCC_ALPHABET.includes(ch)) {
      const hint = "IOSVZ".includes(ch) ? "（代码中不使用字母 I、O、S、V、Z）" : "";
      return { ok: false, message: `${FIELD}第${i + 1}位“${ch}”不是有效字符${hint}` };
    }
  }
  for (let i = 2; i < 8; i++) {
    if (!/[0-9]/.test(code.charAt(i))) {
      return { ok: false, message: `${FIELD}第3–8位应为行政区划数字代码，第${i + 1}位为“${code.charAt(i)}”` };
    }
  }
  if (computeUsccCheckChar(code.slice(0, 17)) !== code.charAt(17)) {
    return { ok: false, message: `${FIELD}校验位（第18位）不正确，请核对后重新输入` };
  }
  return { ok: true, code };
}

export function isValidUscc(input: string): boolean {
  return validateUscc(input).ok;
}
