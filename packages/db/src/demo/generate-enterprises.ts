import { computeUsccCheckChar } from "@dxcenter/domain";

/**
 * Deterministic demo data for the 企业库: plausible Tianjin manufacturers with valid, unique
 * 统一社会信用代码 and unique names. Pure (no I/O, no clock, no Math.random).
 *
 * Record `i` of a run is fully determined by (seed, startIndex + i): each record draws from its own
 * PRNG stream, so generating 0–99,999 in one call or in chunks via `startIndex` gives the same data.
 * USCCs and names are injective in that running index (not merely "unlikely to collide").
 */

export interface GeneratedEnterprise {
  uscc: string;
  name: string;
  districtCode: string;
  industryCode: string;
  aboveScale: boolean;
  size: "large" | "medium" | "small" | "micro";
  srdiTier: "none" | "innovative_sme" | "srdi_sme" | "little_giant";
  contactName: string;
  contactPhone: string;
  address: string;
  tags: string[];
  digitalRdTools: boolean | null;
  keyProcessNcRate: number | null;
  cloudAdopted: boolean | null;
  itfCertified: boolean | null;
  dcmmLevel: number | null;
  cmmmLevel: number | null;
  annual: { year: number; revenueFen: number; employees: number }[];
}

export interface GenerateEnterprisesOptions {
  count: number;
  seed?: number;
  /** Districts to place enterprises in; entries with status "historical" are skipped. */
  districts: { code: string; name: string; status?: string }[];
  /** Manufacturing divisions, code like "C26". */
  industries: { code: string; name: string }[];
  /** Running index of the first record (for chunked generation); default 0. */
  startIndex?: number;
}

/** Positions 9–16 of an old-style code are 8 digits, so the running index must stay below 10^8. */
export const MAX_ENTERPRISE_INDEX = 100_000_000;

export const BINHAI_CODE = "120116";
/** 塘沽区、汉沽区、大港区: merged into 滨海新区 in 2009; codes registered there kept these digits. */
export const ABOLISHED_BINHAI_CODES = ["120107", "120108", "120109"] as const;
/** Share of all generated codes that carry an abolished district while the enterprise is in 滨海新区. */
const ABOLISHED_CODE_SHARE = 0.03;

// ---------------------------------------------------------------------------------------------
// PRNG

/** mulberry32: tiny, fast, good enough for demo data; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes (seed, index) into an independent 32-bit stream seed (murmur3 finaliser). */
function streamSeed(seed: number, index: number): number {
  let h =
    (seed ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(Math.floor(index / 2 ** 32), 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** Log-uniform in [min, max): company sizes are spread over orders of magnitude. */
  logUniform(min: number, max: number): number {
    return Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min)));
  }
  weighted<T>(items: readonly T[], cumulative: readonly number[]): T {
    const total = cumulative[cumulative.length - 1] as number;
    const r = this.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r < (cumulative[mid] as number)) hi = mid;
      else lo = mid + 1;
    }
    return items[lo] as T;
  }
}

function cumulate(weights: readonly number[]): number[] {
  let s = 0;
  return weights.map((w) => {
    s += w;
    return s;
  });
}

// ---------------------------------------------------------------------------------------------
// Codes

/** GB 11714-1997 organization code check character for 8 body characters (digits/capitals). */
export function computeOrgCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new Error(`organization code body must be 8 characters: ${body8}`);
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 55; // '0'–'9' → 0–9, 'A'–'Z' → 10–35
    sum += v * (weights[i] as number);
  }
  const r = 11 - (sum % 11);
  return r === 10 ? "X" : r === 11 ? "0" : String(r);
}

/** Letters and digits usable inside a USCC (no I, O, S, V, Z). */
const USCC_BODY_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const NEW_STYLE_SPACE = 31 ** 6;

/**
 * Positions 9–16 from the running index, injective for index < 10^8:
 * old-style (pre-2015 组织机构代码) 8 digits, or new-style "MA" + 6 characters. Both are affine
 * permutations of the index (multiplier coprime to the modulus), so they look scattered but never
 * repeat; the two styles cannot collide with each other because only new-style codes contain "MA".
 */
function orgCodeBody(index: number, newStyle: boolean): string {
  if (newStyle) {
    let n = (index * 7_368_787 + 1_234_567) % NEW_STYLE_SPACE; // 7,368,787 is prime, ≠ 31
    let s = "";
    for (let k = 0; k < 6; k++) {
      s = USCC_BODY_CHARS.charAt(n % 31) + s;
      n = Math.floor(n / 31);
    }
    return `MA${s}`;
  }
  // Multiplier coprime to 10^8 (odd, not a multiple of 5); index·m < 10^8·7.4·10^7 < 2^53.
  const n = (index * 73_939_133 + 10_305_441) % MAX_ENTERPRISE_INDEX;
  return String(n).padStart(8, "0");
}

export function makeUscc(registrationDistrict: string, index: number, newStyle: boolean): string {
  const body = orgCodeBody(index, newStyle);
  const first17 = `91${registrationDistrict}${body}${computeOrgCodeCheckChar(body)}`;
  return `${first17}${computeUsccCheckChar(first17)}`;
}

// ---------------------------------------------------------------------------------------------
// Names

/** First and second characters of 2-character 字号; made disjoint so none reads like "华华". */
const TRADE_FIRST = [
  ...new Set(
    "华信达盛鑫泰瑞恒宏辰海润博创东中天金嘉永兴隆昌正德和安富明光远丰裕汇聚鼎佳宇航星耀凯越立源弘腾广宝锦晟联合万通诚君乾坤同利友顺亿卓益铭",
  ),
];
const TRADE_SECOND = [
  ...new Set(
    "力升晨元峰胜茂祥发旺福康乐成华美洋澜川岳林森涛威鹏飞翔骏腾跃科鸿运景达宸翰轩逸朗悦怡嘉辉煜烨皓晖昊晟琦瑾瑜璟琨璋珂瑶莹荣彤曦",
  ),
].filter((c) => !TRADE_FIRST.includes(c));
/** Extra 字号 characters that extend the 2-character pool beyond its size (bijective base-N). */
const TRADE_EXTRA_RAW = Array.from(
  "之远顺德通达祥泰和润宁安康源丰瑞盈嘉禾伟业鑫隆兴凯旭阳恒久合众联创开拓启明睿思",
);

/** Division → words used in names; every division of GB/T 4754-2017 门类 C is covered. */
const INDUSTRY_WORDS: Record<string, readonly string[]> = {
  C13: ["粮油", "农产品加工", "饲料", "肉类食品"],
  C14: ["食品", "乳业", "调味品", "烘焙食品"],
  C15: ["饮品", "酒业", "茶业"],
  C16: ["烟草", "卷烟材料"],
  C17: ["纺织", "织造", "棉纺"],
  C18: ["服饰", "服装"],
  C19: ["皮革", "鞋业", "羽绒制品"],
  C20: ["木业", "木制品"],
  C21: ["家具", "家居"],
  C22: ["纸业", "包装材料"],
  C23: ["印务", "印刷"],
  C24: ["文体用品", "工艺品", "体育用品"],
  C25: ["石化", "燃料", "能源"],
  C26: ["化工", "化学", "新材料", "涂料"],
  C27: ["制药", "生物医药", "医药"],
  C28: ["化纤", "纤维"],
  C29: ["塑胶", "橡塑", "塑料制品", "橡胶"],
  C30: ["建材", "玻璃", "陶瓷", "水泥制品"],
  C31: ["钢铁", "钢管", "特钢"],
  C32: ["有色金属", "铝业", "铜业"],
  C33: ["金属制品", "五金", "紧固件", "钢结构"],
  C34: ["机械", "装备", "通用设备", "泵业", "阀门"],
  C35: ["专用设备", "重工", "工程机械", "医疗器械"],
  C36: ["汽车零部件", "汽车配件", "汽车部件"],
  C37: ["船舶", "轨道交通", "航空部件", "车辆装备"],
  C38: ["电气", "电器", "电缆", "电池"],
  C39: ["电子", "智能科技", "通信设备", "半导体"],
  C40: ["仪器仪表", "仪表", "测控技术"],
  C41: ["制品", "实业"],
  C42: ["再生资源", "环保科技"],
  C43: ["设备维修", "机电工程"],
};
const FALLBACK_WORDS = ["实业", "制造"];

/** The 字号 continuation may not start an industry word, or the name would be ambiguous to read back. */
const WORD_FIRST_CHARS = new Set(
  [...Object.values(INDUSTRY_WORDS).flat(), ...FALLBACK_WORDS].map((w) => Array.from(w)[0]),
);
const TRADE_EXTRA = [...new Set(TRADE_EXTRA_RAW)].filter((c) => !WORD_FIRST_CHARS.has(c));
const TRADE_PAIRS = TRADE_FIRST.length * TRADE_SECOND.length;
const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
/** Smallest multiplier ≥ 1009 coprime to the pair count, so index ↦ pair is a permutation. */
const TRADE_MULTIPLIER = (() => {
  let m = 1_009;
  while (gcd(m, TRADE_PAIRS) !== 1) m++;
  return m;
})();

/**
 * 字号 for a running index: index → (pair, k) with pair = affine permutation of index mod |pairs|,
 * k = ⌊index / |pairs|⌋ written in bijective base |extra| (k = 0 → no extra characters). Distinct
 * indices give distinct 字号; extra characters never begin an industry word, so
 * "天津" + 字号 + word + suffix always reads back to the same 字号.
 */
function tradeName(index: number): string {
  const pair = (index * TRADE_MULTIPLIER + 331) % TRADE_PAIRS;
  const base = `${TRADE_FIRST[pair % TRADE_FIRST.length]}${TRADE_SECOND[Math.floor(pair / TRADE_FIRST.length)]}`;
  let k = Math.floor(index / TRADE_PAIRS);
  let extra = "";
  while (k > 0) {
    k -= 1;
    extra = (TRADE_EXTRA[k % TRADE_EXTRA.length] as string) + extra;
    k = Math.floor(k / TRADE_EXTRA.length);
  }
  return base + extra;
}

function companyName(
  rng: Rng,
  index: number,
  industryCode: string,
  size: GeneratedEnterprise["size"],
): string {
  const word = rng.pick(INDUSTRY_WORDS[industryCode] ?? FALLBACK_WORDS);
  let suffix: string;
  const r = rng.float();
  if ((size === "large" || size === "medium") && r < 0.35) suffix = "股份有限公司";
  else if (r < 0.3 && !word.endsWith("科技")) suffix = "科技有限公司";
  else suffix = "有限公司";
  return `天津${tradeName(index)}${word}${suffix}`;
}

// ---------------------------------------------------------------------------------------------
// People, places

const SURNAMES = Array.from(
  "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文",
);
const GIVEN_CHARS = Array.from(
  "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红兰辉建国志文海波宁鹏飞宇浩然欣怡子轩梓涵晨阳佳琪雪梅立新振华秀英凤春红梅立军国庆",
);
const MOBILE_PREFIXES = [
  "130",
  "131",
  "132",
  "133",
  "134",
  "135",
  "136",
  "137",
  "138",
  "139",
  "150",
  "151",
  "152",
  "153",
  "155",
  "156",
  "157",
  "158",
  "159",
  "166",
  "173",
  "175",
  "176",
  "177",
  "178",
  "180",
  "181",
  "182",
  "183",
  "185",
  "186",
  "187",
  "188",
  "189",
  "191",
  "193",
  "195",
  "198",
  "199",
];

/** Road names by district (real Tianjin streets); other districts draw from the generic pool. */
const ROADS: Record<string, readonly string[]> = {
  "120101": ["南京路", "曲阜道", "南马路", "营口道", "西康路"],
  "120102": ["十一经路", "津塘路", "华昌道", "六纬路", "红星路"],
  "120103": ["友谊路", "大沽南路", "解放南路", "黑牛城道", "洞庭路"],
  "120104": ["鞍山西道", "白堤路", "华苑路", "复康路", "宾水西道"],
  "120105": ["中山路", "金钟河大街", "狮子林大街", "王串场路", "新开河东路"],
  "120106": ["西青道", "红旗路", "丁字沽一号路", "芥园道", "光荣道"],
  "120110": ["津塘公路", "先锋东路", "跃进路", "航双路", "华明大道"],
  "120111": ["海泰发展六道", "赛达大道", "津静公路", "中北大道", "学府西路"],
  "120112": ["津沽公路", "双港路", "咸水沽大道", "八里台工业园路", "津南大道"],
  "120113": ["京津公路", "北辰道", "宜兴埠工业区路", "双辰中路", "龙门东道"],
  "120114": ["京滨工业园路", "泉兴路", "杨村强国道", "福源道", "光明道"],
  "120115": ["宝平公路", "九园工业园路", "南环路", "开元路", "广阳路"],
  "120116": ["第三大街", "泰达大街", "黄海路", "西环北路", "中心大道", "新北路", "胡家园街", "轻纺大道"],
  "120117": ["芦台镇光明路", "津芦南路", "丰台工业园路", "潘庄工业区路"],
  "120118": ["静海经济开发区北区路", "团泊大道", "京福公路", "大邱庄百亿道", "子牙循环经济产业区路"],
  "120119": ["渔阳北路", "人民西大街", "京哈公路", "兴华大街"],
};
const GENERIC_ROADS = ["工业园一路", "开发区二大街", "兴业路", "创业路", "科技园路", "经济开发区北大街"];

/** Relative number of manufacturers per district (滨海新区 by far the largest, then the ring districts). */
const DISTRICT_WEIGHTS: Record<string, number> = {
  "120116": 28,
  "120111": 10,
  "120114": 10,
  "120113": 9,
  "120110": 8,
  "120112": 7,
  "120118": 7,
  "120115": 5,
  "120117": 4,
  "120119": 4,
  "120104": 1.8,
  "120103": 1.6,
  "120102": 1.3,
  "120105": 1.3,
  "120106": 1,
  "120101": 0.6,
};

/** Relative frequency of divisions among Tianjin manufacturers (equipment, chemicals, autos lead). */
const INDUSTRY_WEIGHTS: Record<string, number> = {
  C13: 4,
  C14: 4,
  C15: 1.5,
  C16: 0.1,
  C17: 2,
  C18: 2,
  C19: 1,
  C20: 1,
  C21: 2,
  C22: 2,
  C23: 1.5,
  C24: 1.5,
  C25: 1,
  C26: 8,
  C27: 4,
  C28: 0.5,
  C29: 7,
  C30: 5,
  C31: 4,
  C32: 2,
  C33: 10,
  C34: 12,
  C35: 8,
  C36: 7,
  C37: 2.5,
  C38: 8,
  C39: 6,
  C40: 3,
  C41: 1,
  C42: 1,
  C43: 1,
};

// ---------------------------------------------------------------------------------------------
// Economics (统计上大中小微型企业划分办法, 工业: large ≥ 1000 people and ≥ 4亿元; medium ≥ 300 and
// ≥ 2000万元; small ≥ 20 and ≥ 300万元; 规上 = main-business revenue ≥ 2000万元)

const YEARS = [2023, 2024, 2025] as const;

interface Profile {
  size: GeneratedEnterprise["size"];
  aboveScale: boolean;
  revenueWan: [number, number];
  employees: [number, number];
}

function drawProfile(rng: Rng): Profile {
  if (rng.chance(0.35)) {
    const r = rng.float();
    if (r < 0.05)
      return { size: "large", aboveScale: true, revenueWan: [40_000, 800_000], employees: [1_000, 12_000] };
    if (r < 0.28)
      return { size: "medium", aboveScale: true, revenueWan: [2_000, 40_000], employees: [300, 999] };
    return { size: "small", aboveScale: true, revenueWan: [2_000, 20_000], employees: [20, 299] };
  }
  if (rng.chance(0.45))
    return { size: "small", aboveScale: false, revenueWan: [300, 2_000], employees: [20, 299] };
  return { size: "micro", aboveScale: false, revenueWan: [30, 300], employees: [3, 19] };
}

function drawAnnual(rng: Rng, p: Profile): GeneratedEnterprise["annual"] {
  const years = rng.chance(0.6) ? YEARS : YEARS.slice(1);
  let revenueWan = rng.logUniform(p.revenueWan[0], p.revenueWan[1]);
  let employees = Math.round(rng.logUniform(p.employees[0], p.employees[1] + 1));
  employees = Math.min(Math.max(employees, p.employees[0]), p.employees[1]);
  const out: GeneratedEnterprise["annual"] = [];
  // Latest year first (it defines the current size), earlier years by undoing plausible growth.
  for (let k = years.length - 1; k >= 0; k--) {
    // Whole 元: 万元 × 10^4, then × 100 分.
    out.push({ year: years[k] as number, revenueFen: Math.round(revenueWan * 10_000) * 100, employees });
    const growth = -0.08 + rng.float() * 0.26; // −8 % … +18 % a year
    revenueWan /= 1 + growth;
    employees = Math.max(1, Math.round(employees / (1 + growth * rng.float() * 0.6)));
  }
  return out.reverse();
}

// ---------------------------------------------------------------------------------------------

interface Prepared {
  seed: number;
  districts: { code: string; name: string }[];
  districtCum: number[];
  industries: { code: string; name: string }[];
  industryCum: number[];
  /** Probability that a 滨海新区 enterprise carries an abolished district code. */
  binhaiAbolishedP: number;
}

function prepare(opts: GenerateEnterprisesOptions): Prepared {
  if (!Number.isInteger(opts.count) || opts.count < 0)
    throw new RangeError("count must be a non-negative integer");
  const start = opts.startIndex ?? 0;
  if (!Number.isInteger(start) || start < 0)
    throw new RangeError("startIndex must be a non-negative integer");
  if (start + opts.count > MAX_ENTERPRISE_INDEX) {
    throw new RangeError(`startIndex + count must not exceed ${MAX_ENTERPRISE_INDEX} (USCC uniqueness)`);
  }
  const districts = opts.districts.filter((d) => !d.status?.startsWith("historical"));
  for (const d of districts) {
    if (!/^\d{6}$/.test(d.code)) throw new Error(`district code must be 6 digits: ${d.code}`);
  }
  if (districts.length === 0) throw new Error("at least one current district is required");
  if (opts.industries.length === 0) throw new Error("at least one industry is required");
  const dWeights = districts.map((d) => DISTRICT_WEIGHTS[d.code] ?? 3);
  const iWeights = opts.industries.map((i) => INDUSTRY_WEIGHTS[i.code] ?? 1);
  const total = dWeights.reduce((a, b) => a + b, 0);
  const binhaiIdx = districts.findIndex((d) => d.code === BINHAI_CODE);
  const binhaiShare = binhaiIdx >= 0 ? (dWeights[binhaiIdx] as number) / total : 0;
  return {
    seed: (opts.seed ?? 20_250_101) >>> 0,
    districts: districts.map((d) => ({ code: d.code, name: d.name })),
    districtCum: cumulate(dWeights),
    industries: opts.industries.map((i) => ({ code: i.code, name: i.name })),
    industryCum: cumulate(iWeights),
    binhaiAbolishedP: binhaiShare > 0 ? Math.min(1, ABOLISHED_CODE_SHARE / binhaiShare) : 0,
  };
}

function generateOne(p: Prepared, index: number): GeneratedEnterprise {
  const rng = new Rng(streamSeed(p.seed, index));
  const district = rng.weighted(p.districts, p.districtCum);
  const industry = rng.weighted(p.industries, p.industryCum);
  const profile = drawProfile(rng);
  const { size, aboveScale } = profile;

  // Old codes: an abolished district means registration before 2009, hence an old-style org code.
  const abolished = district.code === BINHAI_CODE && rng.chance(p.binhaiAbolishedP);
  const registration = abolished ? rng.pick(ABOLISHED_BINHAI_CODES) : district.code;
  const newStyle = !abolished && rng.chance(0.55);
  const uscc = makeUscc(registration, index, newStyle);

  const name = companyName(rng, index, industry.code, size);

  // 梯度培育 (overall ≈ 10 % 创新型, 5 % 专精特新, 1 % “小巨人”): large enterprises are not SMEs and
  // micro ones get no further than 创新型, so the higher tiers are concentrated in small/medium firms.
  let srdiTier: GeneratedEnterprise["srdiTier"] = "none";
  const tierDraw = rng.float();
  if (size === "small" || size === "medium") {
    if (tierDraw < 0.016) srdiTier = "little_giant";
    else if (tierDraw < 0.096) srdiTier = "srdi_sme";
    else if (tierDraw < 0.196) srdiTier = "innovative_sme";
  } else if (size === "micro" && tierDraw < 0.1) {
    srdiTier = "innovative_sme";
  }

  const capability =
    { large: 0.85, medium: 0.65, small: 0.45, micro: 0.2 }[size] + (srdiTier === "none" ? 0 : 0.1);
  const surveyed = aboveScale ? rng.chance(0.92) : rng.chance(0.55);
  const digitalRdTools = surveyed ? rng.chance(capability) : null;
  const keyProcessNcRate = surveyed
    ? Math.round(Math.min(100, Math.max(0, capability * 80 + (rng.float() - 0.5) * 50)) * 100) / 100
    : null;
  const cloudAdopted = surveyed ? rng.chance(Math.min(0.95, capability + 0.1)) : null;
  const itfCertified = surveyed ? rng.chance(capability * 0.35) : null;
  const dcmmLevel = surveyed && rng.chance(capability * 0.08) ? rng.int(1, size === "large" ? 4 : 3) : null;
  const cmmmLevel = surveyed && rng.chance(capability * 0.18) ? rng.int(1, size === "large" ? 4 : 3) : null;

  const tags: string[] = [];
  if (srdiTier !== "none" ? rng.chance(0.8) : rng.chance(capability * 0.35)) tags.push("高新技术企业");
  if (size !== "large" && rng.chance(0.15)) tags.push("科技型中小企业");
  if (aboveScale && rng.chance(capability * 0.12)) tags.push("智能工厂");
  if (aboveScale && rng.chance(capability * 0.25)) tags.push("数字化车间");
  if (rng.chance(aboveScale ? 0.08 : 0.02)) tags.push("绿色工厂");
  if (cloudAdopted && rng.chance(0.5)) tags.push("上云企业");
  if (itfCertified) tags.push("两化融合贯标企业");
  if (size === "large" && rng.chance(0.15)) tags.push("链主企业");

  const contactName =
    rng.pick(SURNAMES) + rng.pick(GIVEN_CHARS) + (rng.chance(0.7) ? rng.pick(GIVEN_CHARS) : "");
  const contactPhone = rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, "0");
  const address = `天津市${district.name}${rng.pick(ROADS[district.code] ?? GENERIC_ROADS)}${rng.int(1, 999)}号`;

  return {
    uscc,
    name,
    districtCode: district.code,
    industryCode: industry.code,
    aboveScale,
    size,
    srdiTier,
    contactName,
    contactPhone,
    address,
    tags,
    digitalRdTools,
    keyProcessNcRate,
    cloudAdopted,
    itfCertified,
    dcmmLevel,
    cmmmLevel,
    annual: drawAnnual(rng, profile),
  };
}

/** Streams `count` enterprises (constant memory, for 10^5–10^6 rows). */
export function* iterateEnterprises(opts: GenerateEnterprisesOptions): Generator<GeneratedEnterprise> {
  const p = prepare(opts);
  const start = opts.startIndex ?? 0;
  for (let i = 0; i < opts.count; i++) yield generateOne(p, start + i);
}

export function generateEnterprises(opts: GenerateEnterprisesOptions): GeneratedEnterprise[] {
  return Array.from(iterateEnterprises(opts));
}
