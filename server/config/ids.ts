// Ids in the v3 reference's style: a three-letter prefix and 32 hex digits (COM…, TRK…, INT…).
import { randomBytes } from "node:crypto";

export type IdPrefix = "COM" | "TRK" | "INT";

export const newId = (prefix: IdPrefix): string => prefix + randomBytes(16).toString("hex");
