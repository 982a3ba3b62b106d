import { DefaultNamingStrategy, NamingStrategyInterface } from "typeorm";

/** camelCase properties, snake_case columns: the SQL stays pleasant for analysts. */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    return customName ?? toSnake([...prefixes, propertyName].join("_"));
  }
}

export function toSnake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

export function toCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
