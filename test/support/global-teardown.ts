export default async function globalTeardown(): Promise<void> {
  const pg = (globalThis as { __embeddedPostgres?: { stop(): Promise<void> } }).__embeddedPostgres;
  await pg?.stop();
}
