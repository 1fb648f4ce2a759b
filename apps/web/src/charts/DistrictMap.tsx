import type { TileFeatureCollection } from "@dxcenter/domain";
import { type CSSProperties, useMemo } from "react";
import Chart, { type ChartOption, registerMap } from "./Chart";

export interface DistrictValue {
  /** The district's display name (the tile's feature name). */
  name: string;
  code: string;
  /** null: no figure for this district (drawn grey, labelled "—"). */
  value: number | null;
}

const MAP_NAME = "dxc-district-tiles";

/**
 * The schematic district map of the 驾驶舱: each district a tile coloured by the chosen indicator,
 * labelled with its name and figure; a click reports the district's code. The tiles come from the
 * city's configuration (server: packages/db/reference/district-map_<city>.json), not a surveyed map.
 */
export default function DistrictMap({
  geo,
  values,
  unit,
  label,
  onSelect,
  format,
  style,
}: {
  geo: TileFeatureCollection;
  values: DistrictValue[];
  unit: string;
  /** What is shown (the indicator's name): legend title and the figure's accessible name. */
  label: string;
  onSelect?: (code: string) => void;
  /** A figure as text with its unit (default: the number and the unit as they come). */
  format?: (value: number) => string;
  style?: CSSProperties;
}) {
  const byName = useMemo(() => new Map(values.map((v) => [v.name, v])), [values]);
  const option = useMemo((): ChartOption => {
    registerMap(MAP_NAME, geo);
    const known = values.flatMap((v) => (v.value === null ? [] : [v.value]));
    const min = known.length ? Math.min(...known) : 0;
    const max = known.length ? Math.max(...known) : 1;
    const text = format ?? ((v: number) => `${v}${unit}`);
    const show = (name: string) => {
      const v = byName.get(name)?.value;
      return v === null || v === undefined ? "—" : text(v);
    };
    return {
      tooltip: { trigger: "item", formatter: (p: unknown) => tooltipText(p, show) },
      visualMap: {
        type: "continuous",
        min,
        max: max === min ? min + 1 : max,
        left: 0,
        bottom: 0,
        text: [text(max), text(min)],
        calculable: false,
        inRange: { color: ["#e6f0ff", "#1658b8"] },
      },
      series: [
        {
          type: "map",
          map: MAP_NAME,
          name: label,
          aspectScale: 1,
          // Fill the box: the default padding left the central one-tile districts small.
          layoutCenter: ["55%", "50%"],
          layoutSize: "98%",
          roam: false,
          selectedMode: false,
          label: {
            show: true,
            formatter: (p: { name: string }) => `${p.name}\n${show(p.name)}`,
            fontSize: 11,
            // Dark text on a light box reads on the lightest and the darkest tiles alike.
            color: "#1f1f1f",
            backgroundColor: "rgba(255, 255, 255, 0.85)",
            padding: [1, 3],
            borderRadius: 2,
          },
          itemStyle: { areaColor: "#f0f0f0", borderColor: "#fff", borderWidth: 1 },
          emphasis: { label: { show: true }, itemStyle: { areaColor: "#faad14" } },
          data: values.map((v) => ({ name: v.name, value: v.value ?? Number.NaN })),
        },
      ],
    };
  }, [geo, values, unit, label, byName, format]);
  return (
    <Chart
      option={option}
      ariaLabel={label}
      style={{ height: 420, ...style }}
      onClick={(e) => {
        const code = byName.get(e.name)?.code;
        if (code && onSelect) onSelect(code);
      }}
    />
  );
}

function tooltipText(p: unknown, show: (name: string) => string): string {
  const name = typeof p === "object" && p !== null && "name" in p && typeof p.name === "string" ? p.name : "";
  return `${name}：${show(name)}`;
}
