import { createHash, randomBytes } from "node:crypto";
import { districts, enterprises, sessions, users } from "@dxcenter/db";
import type { Actor, Role } from "@dxcenter/domain";
import { and, eq, gt } from "drizzle-orm";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { forbidden, unauthorized } from "../errors";

export const SESSION_COOKIE = "dxc_sid";
/**
 * The session cookie's name for this request: over TLS `__Host-dxc_sid`, which browsers accept only
 * with Secure, Path=/ and no Domain, so no sibling subdomain can plant or shadow it (issue 16 §7);
 * over plain HTTP (a laptop, the tests) `dxc_sid`. Behind a load balancer the scheme comes from the
 * trusted X-Forwarded-Proto (DXC_TRUST_PROXY).
 */
export const sessionCookieName = (request: FastifyRequest) =>
  request.protocol === "https" ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;

export interface CurrentUser extends Actor {
  username: string;
  displayName: string;
  organization: string | null;
  districtName: string | null;
  enterpriseName: string | null;
}

declare module "fastify" {
  interface FastifyRequest {
    user: CurrentUser | null;
    sessionHash: string | null;
  }
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const newSessionToken = () => randomBytes(32).toString("base64url");

/** Loads the session user for every request; routes then call requireUser/requireRole. */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest("user", null);
  app.decorateRequest("sessionHash", null);
  const { idleMinutes } = app.config.session;

  app.addHook("onRequest", async (request) => {
    const token = request.cookies[sessionCookieName(request)];
    if (!token || token.length > 100) return;
    const tokenHash = hashToken(token);
    const now = new Date();
    const idleCutoff = new Date(now.getTime() - idleMinutes * 60_000);
    const rows = await app.db
      .select({
        lastSeenAt: sessions.lastSeenAt,
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        role: users.role,
        districtCode: users.districtCode,
        enterpriseId: users.enterpriseId,
        organization: users.organization,
        disabled: users.disabled,
        isDemo: users.isDemo,
        districtName: districts.name,
        enterpriseName: enterprises.name,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .leftJoin(districts, eq(districts.code, users.districtCode))
      .leftJoin(enterprises, eq(enterprises.id, users.enterpriseId))
      .where(
        and(
          eq(sessions.tokenHash, tokenHash),
          gt(sessions.expiresAt, now),
          gt(sessions.lastSeenAt, idleCutoff),
        ),
      )
      .limit(1);
    const row = rows[0];
    if (!row || row.disabled || (row.isDemo && app.config.mode === "production")) return;
    request.user = {
      id: row.id,
      role: row.role,
      districtCode: row.districtCode,
      enterpriseId: row.enterpriseId,
      username: row.username,
      displayName: row.displayName,
      organization: row.organization,
      districtName: row.districtName,
      enterpriseName: row.enterpriseName,
    };
    request.sessionHash = tokenHash;
    // Sliding idle timeout; written at most once a minute per session to spare the database.
    if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
      await app.db
        .update(sessions)
        .set({ lastSeenAt: now })
        .where(eq(sessions.tokenHash, tokenHash))
        .execute();
    }
  });
});

export function requireUser(request: FastifyRequest): CurrentUser {
  if (!request.user) throw unauthorized();
  return request.user;
}

export function requireRole(request: FastifyRequest, ...roles: Role[]): CurrentUser {
  const user = requireUser(request);
  if (!roles.includes(user.role)) throw forbidden();
  return user;
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  maxAgeSeconds: number,
) {
  reply.setCookie(sessionCookieName(request), token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(sessionCookieName(request), {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
  });
}
