/**
 * Writes the schema the code builds to schema/schema.graphql, sorted.
 * With --check, fails (exit 1) when the committed file differs instead.
 */
import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../src/config";
import { printSortedSchema } from "../src/server/schema";

const file = path.join(projectRoot, "schema", "schema.graphql");
const sdl = printSortedSchema();

if (process.argv.includes("--check")) {
  const committed = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  if (committed !== sdl) {
    console.error(
      "schema/schema.graphql is not what the code builds. Run `npm run schema:emit`, review the diff " +
        "(breaking changes need a deprecation first) and commit it.",
    );
    process.exit(1);
  }
  console.log("schema/schema.graphql matches the code");
} else {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, sdl);
  console.log(`wrote ${path.relative(process.cwd(), file)} (${sdl.split("\n").length} lines)`);
}
