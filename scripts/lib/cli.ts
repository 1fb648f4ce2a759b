import { type ParseArgsConfig, parseArgs } from "node:util";

/** A wrong command line: printed with the usage text, exit code 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** parseArgs with strict checking; unknown options and stray arguments become a UsageError in Chinese. */
export function parseCli<O extends Options>(options: O, argv = process.argv.slice(2)) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    const code = (e as { code?: string }).code;
    const msg = (e as Error).message;
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      const opt = /'([^']+)'/.exec(msg)?.[1] ?? "";
      throw new UsageError(`未知参数 ${opt}`);
    }
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const opt = /'(--[\w-]+)/.exec(msg)?.[1];
      throw new UsageError(opt ? `参数 ${opt} 缺少取值，或不应带取值` : `参数格式有误：${msg}`);
    }
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
      const arg = /'([^']+)'/.exec(msg)?.[1] ?? "";
      throw new UsageError(`多余的参数 ${arg}（参数须以 --名称 值 的形式给出）`);
    }
    throw new UsageError(msg);
  }
}

/** Parses an integer option: digits only (underscores/commas allowed as separators), within [min, max]. */
export function intOption(
  raw: string | undefined,
  name: string,
  limits: { min: number; max: number; default?: number },
): number {
  if (raw === undefined) {
    if (limits.default === undefined) throw new UsageError(`缺少必填参数 --${name}`);
    return limits.default;
  }
  const t = raw.replace(/[_,]/g, "");
  if (!/^\d+$/.test(t)) throw new UsageError(`--${name} 应为整数，实际为“${raw}”`);
  const n = Number(t);
  if (!Number.isSafeInteger(n) || n < limits.min || n > limits.max) {
    throw new UsageError(
      `--${name} 应在 ${limits.min.toLocaleString("en-US")}–${limits.max.toLocaleString("en-US")} 之间，实际为 ${raw}`,
    );
  }
  return n;
}

/** Runs a CLI main: usage errors print the message and usage (exit 2), other errors the stack (exit 1). */
export async function runCli(usage: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`错误：${e.message}\n\n${usage}`);
      process.exitCode = 2;
      return;
    }
    console.error("\n执行失败：");
    console.error(e);
    process.exitCode = 1;
  }
}

const HELP = { help: { type: "boolean", short: "h" } } as const;

/**
 * Runs a CLI main (as runCli does) with its command line parsed by `options` plus --help/-h, which
 * prints the usage instead of running.
 */
export function runCliWithOptions<O extends Options>(
  usage: string,
  options: O,
  main: (values: ReturnType<typeof parseCli<O & typeof HELP>>) => Promise<void>,
): Promise<void> {
  return runCli(usage, async () => {
    const values = parseCli<O & typeof HELP>({ ...options, ...HELP });
    if ("help" in values && values.help) {
      console.log(usage);
      return;
    }
    await main(values);
  });
}

/** parseArgs options that take a value (`--name value`), by name. */
export function valueOptions<K extends string>(...names: K[]): Record<K, { type: "string" }> {
  return Object.fromEntries(names.map((n) => [n, { type: "string" }])) as Record<K, { type: "string" }>;
}

/** parseArgs switches (`--name`, no value), by name. */
export function switchOptions<K extends string>(...names: K[]): Record<K, { type: "boolean" }> {
  return Object.fromEntries(names.map((n) => [n, { type: "boolean" }])) as Record<K, { type: "boolean" }>;
}
