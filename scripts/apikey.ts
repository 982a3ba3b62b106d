/**
 * Manages API keys:
 *   npm run apikey -- create <name> [editor|admin]   prints the key once
 *   npm run apikey -- list
 *   npm run apikey -- revoke <id|name>
 * Uses DATABASE_URL, or the embedded database in STANCEGRAPH_DATA_DIR (stop the
 * server first: the embedded database has one owner at a time).
 */
import "reflect-metadata";
import { loadConfig } from "../src/config";
import { openDatabase } from "../src/db/database";
import { Role } from "../src/modules/auth/api-key.entity";
import { createApiKey, listApiKeys, revokeApiKey } from "../src/modules/auth/auth.service";

async function main(): Promise<number> {
  const [command, arg, roleArg] = process.argv.slice(2);
  const usage = "usage: npm run apikey -- create <name> [editor|admin] | list | revoke <id|name>";
  if (!command || !["create", "list", "revoke"].includes(command)) {
    console.error(usage);
    return 2;
  }
  const config = loadConfig();
  const db = await openDatabase(config, { dataDir: config.dataDir });
  try {
    if (command === "create") {
      const role = (roleArg ?? "editor") as Role;
      if (!arg || !Object.values(Role).includes(role)) {
        console.error(usage);
        return 2;
      }
      const { id, secret } = await createApiKey(db.dataSource.manager, arg, role);
      console.log(`created ${role} key "${arg}" (id ${id}). It is shown only now:\n\n${secret}\n`);
      console.log(`Send it as: Authorization: Bearer ${secret}`);
    } else if (command === "list") {
      for (const k of await listApiKeys(db.dataSource.manager)) {
        console.log(
          [k.id, k.name, k.role, `${k.prefix}…`, k.createdAt.toISOString(), k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : "active"].join("\t"),
        );
      }
    } else {
      if (!arg) {
        console.error(usage);
        return 2;
      }
      const n = await revokeApiKey(db.dataSource.manager, arg);
      console.log(n ? `revoked ${n} key(s)` : `no active key matches "${arg}"`);
      return n ? 0 : 1;
    }
    return 0;
  } finally {
    await db.close();
  }
}

main().then((code) => process.exit(code), (err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
