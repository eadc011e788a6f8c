// Company configs shared by the unit tests of the public API: a session pool for Google
// Ads visitors over a source number for everyone (docs/swapping.md#which-tracker-wins).
import type { CompanyConfig } from "../src/types";

export const API = "https://numbers.example";

export const poolOverAll: CompanyConfig = {
  company_id: "COM1",
  trackers: [
    { id: "POOL", type: "session", status: "active", swap_targets: ["5551231234"], source: { google: ["paid"] } },
    {
      id: "ALL",
      type: "source",
      status: "active",
      tracking_numbers: ["+14045559999"],
      swap_targets: ["5551231234", "5550000000"],
      source: { type: "all" },
    },
  ],
};
