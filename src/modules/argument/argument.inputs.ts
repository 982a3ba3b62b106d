import { Field, ID, InputType, Int } from "type-graphql";
import { DatePrecision } from "../../common/enums";
import { DateScalar } from "../../common/scalars";
import { ConflictKind } from "./argument.entity";

@InputType()
export class ArgumentFilter {
  @Field(() => [String], { nullable: true, description: "Authors (stakeholder slugs); any of them." })
  author?: string[] | null;

  @Field(() => String, { nullable: true, description: "Arguments for this proposition (slug)." })
  conclusion?: string | null;

  @Field(() => String, { nullable: true, description: "Arguments that use this proposition (slug) as a premise." })
  premise?: string | null;

  @Field(() => [String], { nullable: true, description: "Argumentation schemes; any of them." })
  scheme?: string[] | null;

  @Field(() => String, { nullable: true, description: "Arguments citing this source (slug)." })
  source?: string | null;

  @Field(() => String, { nullable: true, description: "Matches slug, quote or note (case-insensitive substring)." })
  text?: string | null;
}

@InputType()
export class CreateArgumentInput {
  @Field({ description: "Stable key, e.g. `mali-withdrawal-argument`." })
  slug: string;

  @Field({ description: "The stakeholder who makes the argument (slug)." })
  author: string;

  @Field(() => [String], { description: "Proposition slugs, in order; at least one, none repeated, not the conclusion." })
  premises: string[];

  @Field({ description: "The proposition argued for (slug)." })
  conclusion: string;

  @Field(() => String, { nullable: true, description: "Argumentation scheme, lowercase words joined by hyphens." })
  scheme?: string | null;

  @Field(() => String, { nullable: true, description: "Verbatim; needs quoteLanguage." })
  quote?: string | null;

  @Field(() => String, { nullable: true, description: "ISO 639 code in lower case, e.g. `fr`." })
  quoteLanguage?: string | null;

  @Field(() => String, { nullable: true, description: "The person who said it (a PERSON stakeholder slug)." })
  speaker?: string | null;

  @Field(() => String, { nullable: true, description: "Source slug." })
  source?: string | null;

  @Field(() => String, { nullable: true, description: "Where in the source: page, paragraph, section." })
  locator?: string | null;

  @Field(() => DateScalar, { nullable: true })
  statedOn?: string | null;

  @Field(() => DatePrecision, { nullable: true, description: "Default DAY." })
  datePrecision?: DatePrecision | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: "Fields left out are not changed; null clears an optional field. `premises` replaces them all." })
export class UpdateArgumentInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: "The version you read; a newer one on the server is a CONFLICT." })
  version: number;

  @Field(() => String, { nullable: true })
  slug?: string | null;

  @Field(() => String, { nullable: true })
  author?: string | null;

  @Field(() => [String], { nullable: true })
  premises?: string[] | null;

  @Field(() => String, { nullable: true })
  conclusion?: string | null;

  @Field(() => String, { nullable: true })
  scheme?: string | null;

  @Field(() => String, { nullable: true })
  quote?: string | null;

  @Field(() => String, { nullable: true })
  quoteLanguage?: string | null;

  @Field(() => String, { nullable: true })
  speaker?: string | null;

  @Field(() => String, { nullable: true })
  source?: string | null;

  @Field(() => String, { nullable: true })
  locator?: string | null;

  @Field(() => DateScalar, { nullable: true })
  statedOn?: string | null;

  @Field(() => DatePrecision, { nullable: true })
  datePrecision?: DatePrecision | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: "What attacks: exactly one of an argument or a proposition (slugs)." })
export class ConflictAttackerInput {
  @Field(() => String, { nullable: true })
  argument?: string | null;

  @Field(() => String, { nullable: true })
  proposition?: string | null;
}

@InputType({
  description:
    "What is attacked: exactly one of an argument, a proposition, or an argument's inference (slugs). An inference is the target of an UNDERCUT, and only of one.",
})
export class ConflictTargetInput {
  @Field(() => String, { nullable: true })
  argument?: string | null;

  @Field(() => String, { nullable: true })
  proposition?: string | null;

  @Field(() => String, { nullable: true, description: "The argument whose inference (premises ⇒ conclusion) is attacked." })
  inference?: string | null;
}

@InputType()
export class CreateConflictInput {
  @Field({ description: "Stable key, e.g. `continue-rebuts-withdrawal`." })
  slug: string;

  @Field(() => ConflictKind)
  kind: ConflictKind;

  @Field(() => ConflictAttackerInput)
  attacker: ConflictAttackerInput;

  @Field(() => ConflictTargetInput)
  target: ConflictTargetInput;

  @Field(() => String, { nullable: true, description: "Source slug." })
  source?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class CreateRephraseInput {
  @Field({ description: "Stable key." })
  slug: string;

  @Field({ description: "Proposition slug." })
  from: string;

  @Field({ description: "Proposition slug; not `from`." })
  to: string;

  @Field(() => String, { nullable: true, description: "Source slug." })
  source?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
