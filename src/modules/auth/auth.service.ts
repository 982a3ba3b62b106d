/**
 * API keys: reads are open, writes need `Authorization: Bearer <key>`. Keys are
 * random 32-byte secrets; only their SHA-256 is stored, so a leaked database
 * leaks no usable key.
 */
import { createHash, randomBytes } from "node:crypto";
import { EntityManager, IsNull } from "typeorm";
import { forbidden, unauthenticated } from "../../errors";
import { ApiKey, Role } from "./api-key.entity";
import { queryRows } from "../../common/sql";

export interface Caller {
  keyId: string;
  name: string;
  role: Role;
}

const RANK: Record<Role, number> = { [Role.EDITOR]: 1, [Role.ADMIN]: 2 };

export function hashKey(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Creates a key and returns its secret: the only time the secret is seen. */
export async function createApiKey(
  manager: EntityManager,
  name: string,
  role: Role,
): Promise<{ id: string; secret: string }> {
  if (!name.trim()) throw new Error("a key needs a name");
  if (!Object.values(Role).includes(role)) throw new Error(`role must be one of ${Object.values(Role).join(", ")}`);
  const secret = `sg_${randomBytes(32).toString("base64url")}`;
  const saved = await manager.getRepository(ApiKey).save({
    name: name.trim(),
    role,
    keyHash: hashKey(secret),
    prefix: secret.slice(0, 10),
  });
  return { id: saved.id, secret };
}

/** Revokes a key by id or by name; returns how many keys were revoked. */
export async function revokeApiKey(manager: EntityManager, idOrName: string): Promise<number> {
  const repo = manager.getRepository(ApiKey);
  const isId = /^[0-9a-f-]{36}$/i.test(idOrName);
  const result = await repo.update(
    isId ? { id: idOrName, revokedAt: IsNull() } : { name: idOrName, revokedAt: IsNull() },
    { revokedAt: new Date() },
  );
  return result.affected ?? 0;
}

export async function listApiKeys(manager: EntityManager): Promise<ApiKey[]> {
  return manager.getRepository(ApiKey).find({ order: { createdAt: "ASC" } });
}

/** Resolves an Authorization header to a caller, or throws UNAUTHENTICATED. */
export async function authenticate(manager: EntityManager, header: string | undefined): Promise<Caller> {
  if (!header) throw unauthenticated();
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthenticated("The Authorization header must be `Bearer <key>`");
  const [key] = await queryRows<Pick<ApiKey, "id" | "name" | "role" | "revokedAt">>(
    manager,
    "SELECT id, name, role, revoked_at FROM api_key WHERE key_hash = $1",
    [hashKey(match[1])],
  );
  if (!key) throw unauthenticated("Unknown API key");
  if (key.revokedAt) throw unauthenticated("This API key has been revoked");
  return { keyId: key.id, name: key.name, role: key.role };
}

/** The caller, if its role is at least `role`; otherwise UNAUTHENTICATED or FORBIDDEN. */
export async function requireRole(caller: () => Promise<Caller>, role: Role): Promise<Caller> {
  const who = await caller();
  if (RANK[who.role] < RANK[role]) {
    throw forbidden(`This operation needs the ${role} role; key "${who.name}" has ${who.role}`);
  }
  return who;
}
