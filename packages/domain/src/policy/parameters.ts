/** Looking up and changing a policy's parameters (values the city sets). */
import {
  isParamRef,
  type MoneyOperand,
  type PolicyDefinition,
  type PolicyParameter,
  type Ratio,
  type RatioOperand,
} from "./policy";

/**
 * A resolved operand: the value, or why there is none — the parameter is not set yet ("unset"), or
 * does not exist / has the wrong kind ("invalid", which validatePolicy reports; the evaluator then
 * treats it like unset rather than guessing).
 */
export type Resolved<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly reason: "unset" | "invalid";
      readonly param: string;
      readonly label: string;
    };

export function findParameter(def: PolicyDefinition, id: string): PolicyParameter | undefined {
  return def.parameters.find((p) => p.id === id);
}

export function resolveRatio(def: PolicyDefinition, op: RatioOperand): Resolved<Ratio> {
  if (!isParamRef(op)) return { ok: true, value: op };
  const p = findParameter(def, op.param);
  if (p?.kind !== "ratio") return { ok: false, reason: "invalid", param: op.param, label: op.param };
  if (p.value === null) return { ok: false, reason: "unset", param: p.id, label: p.label };
  return { ok: true, value: p.value };
}

export function resolveMoney(def: PolicyDefinition, op: MoneyOperand): Resolved<number> {
  if (!isParamRef(op)) return { ok: true, value: op };
  const p = findParameter(def, op.param);
  if (p?.kind !== "money") return { ok: false, reason: "invalid", param: op.param, label: op.param };
  if (p.value === null) return { ok: false, reason: "unset", param: p.id, label: p.label };
  return { ok: true, value: p.value };
}

export type ParameterValues = Readonly<Record<string, Ratio | number | null>>;

/**
 * The same policy with some parameter values replaced (a city's settings, a "what if" in the
 * calculator). Unknown ids and wrongly typed values throw: a silently ignored setting would compute
 * a wrong amount. Run validatePolicy on the result before storing it as a new version.
 */
export function withParameters(def: PolicyDefinition, values: ParameterValues): PolicyDefinition {
  for (const id of Object.keys(values))
    if (!def.parameters.some((p) => p.id === id)) throw new RangeError(`政策“${def.name}”没有参数“${id}”`);
  const parameters = def.parameters.map((p): PolicyParameter => {
    if (!(p.id in values)) return p;
    const v = values[p.id];
    if (v === null || v === undefined) return { ...p, value: null };
    if (p.kind === "money") {
      if (typeof v !== "number") throw new RangeError(`参数“${p.label}”应为金额（分）`);
      return { ...p, value: v };
    }
    if (typeof v === "number") throw new RangeError(`参数“${p.label}”应为比例 {num, den}`);
    return { ...p, value: v };
  });
  return { ...def, parameters };
}
