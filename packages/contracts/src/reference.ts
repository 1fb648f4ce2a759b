import { z } from "zod";

export const District = z.object({
  code: z.string(),
  name: z.string(),
  status: z.enum(["current", "historical"]),
});
export const Industry = z.object({ code: z.string(), name: z.string() });
export const ReferenceData = z.object({ districts: z.array(District), industries: z.array(Industry) });
export type District = z.infer<typeof District>;
export type Industry = z.infer<typeof Industry>;
