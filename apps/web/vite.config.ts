/// <reference types="node" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** Vendor chunk groups: React core, antd (+ rc components, icons), ECharts (loaded only by chart pages). */
const vendorGroups = [
  { name: "react", test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 30 },
  {
    name: "echarts",
    test: /node_modules[\\/](echarts|zrender)[\\/]/,
    priority: 25,
  },
  {
    name: "antd",
    test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+|@emotion|stylis|dayjs)[\\/]/,
    priority: 20,
  },
  { name: "vendor", test: /node_modules[\\/]/, priority: 10 },
];

/** Where the dev server sends /api (the Fastify server); override with DXC_API_TARGET. */
const apiTarget = process.env.DXC_API_TARGET ?? "http://localhost:3000";

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { "/api": { target: apiTarget, changeOrigin: false } },
  },
  preview: {
    proxy: { "/api": { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
});
