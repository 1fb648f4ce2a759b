import {
  BarChart,
  type BarSeriesOption,
  LineChart,
  type LineSeriesOption,
  MapChart,
  type MapSeriesOption,
  RadarChart,
  type RadarSeriesOption,
} from "echarts/charts";
import {
  DataZoomComponent,
  type DataZoomComponentOption,
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  RadarComponent,
  type RadarComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
  VisualMapComponent,
  type VisualMapComponentOption,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { type CSSProperties, useEffect, useRef } from "react";

echarts.use([
  BarChart,
  LineChart,
  RadarChart,
  MapChart,
  GridComponent,
  RadarComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | RadarSeriesOption
  | MapSeriesOption
  | GridComponentOption
  | RadarComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
  | VisualMapComponentOption
>;

/** What a click on a chart item reports: the series item's name (a district, a category). */
export interface ChartClick {
  name: string;
  seriesType: string | undefined;
}

/** GeoJSON a map series can draw (e.g. the schematic district tiles, domain tileFeatures). */
export type MapGeoJson = Parameters<typeof echarts.registerMap>[1];

/** Registers a map under a name for `series: [{ type: "map", map: name }]` (idempotent). */
export function registerMap(name: string, geoJson: MapGeoJson): void {
  echarts.registerMap(name, geoJson);
}

/**
 * ECharts with only the bar/line/radar charts and components this app uses (tree-shaken via echarts/core).
 * A small wrapper instead of echarts-for-react: its ESM build imports `tslib`, which it does not
 * declare as a dependency, so production builds cannot resolve it.
 */
export default function Chart({
  option,
  style,
  onClick,
  ariaLabel,
}: {
  option: ChartOption;
  style?: CSSProperties;
  onClick?: (e: ChartClick) => void;
  /** What the chart shows, for screen readers (the canvas itself has no text). */
  ariaLabel?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const div = el.current;
    if (!div) return;
    const instance = echarts.init(div, undefined, { renderer: "canvas" });
    chart.current = instance;
    instance.on("click", (p) => clickRef.current?.({ name: p.name, seriesType: p.seriesType }));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(div);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [option]);

  return (
    <figure aria-label={ariaLabel} style={{ margin: 0 }}>
      <div ref={el} style={{ height: 320, width: "100%", ...style }} />
    </figure>
  );
}
