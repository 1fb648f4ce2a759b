import type { SceneOption } from "@dxcenter/contracts";
import type { Executor } from "@dxcenter/db";
import { loadDefinition } from "../instruments/instrument-definition";

/**
 * The scene vocabulary of catalogue tags, demands and matching: the MIIT 2024 instrument's scene
 * questions ("S08" 设备管理) and its sub-domains ("op-production" 生产执行数字化, also the non-scene
 * sub-dimensions such as "equipment-systems"), read from the instrument data file as loaded.
 */
export const SCENE_INSTRUMENT = "miit-2024-manufacturing";

export interface SceneCatalogue {
  readonly options: SceneOption[];
  readonly names: Record<string, string>;
  /** Scene id → its sub-domain id (a solution tagged with the sub-domain covers its scenes). */
  readonly groups: Record<string, string>;
  readonly has: (id: string) => boolean;
}

let cached: Promise<SceneCatalogue> | null = null;

async function build(db: Executor): Promise<SceneCatalogue> {
  const def = await loadDefinition(db, SCENE_INSTRUMENT);
  const options: SceneOption[] = [];
  const names: Record<string, string> = {};
  const groups: Record<string, string> = {};
  for (const d of def?.dimensions ?? []) {
    for (const sd of d.subDimensions) {
      options.push({ id: sd.id, name: sd.name, groupId: null });
      names[sd.id] = sd.name;
      for (const q of sd.questions) {
        if (q.kind !== "scene") continue;
        options.push({ id: q.id, name: q.title, groupId: sd.id });
        names[q.id] = q.title;
        groups[q.id] = sd.id;
      }
    }
  }
  return { options, names, groups, has: (id) => id in names };
}

/** Built once per process (instrument versions are immutable; a new one needs a restart). */
export function sceneCatalogue(db: Executor): Promise<SceneCatalogue> {
  if (!cached) {
    cached = build(db).then((c) => {
      if (c.options.length === 0) cached = null; // instruments not loaded yet: try again next time
      return c;
    });
  }
  return cached;
}
