import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum Role {
  EDITOR = "editor",
  ADMIN = "admin",
}

/** An API key; only a SHA-256 hash of the secret is stored. Not exposed in GraphQL. */
@Entity("api_key")
export class ApiKey {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ type: "text" })
  name: string;

  @Column({ type: "enum", enum: Role, enumName: "api_key_role" })
  role: Role;

  @Column({ type: "text", unique: true })
  keyHash: string;

  /** First characters of the key, to recognise it in listings. */
  @Column({ type: "text" })
  prefix: string;

  @Column({ type: "timestamptz", default: () => "now()" })
  createdAt: Date;

  @Column({ type: "timestamptz", nullable: true })
  revokedAt: Date | null;

  @Column({ type: "timestamptz", nullable: true })
  lastUsedAt: Date | null;
}
