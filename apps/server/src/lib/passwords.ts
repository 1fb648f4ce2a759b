import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (19 MiB, t=2), the OWASP-recommended minimum.
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Spent on unknown usernames so that timing does not reveal which accounts exist. */
let dummyHash: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hash("dxcenter-dummy-password");
  await verifyPassword(await dummyHash, password);
}
