/** Types of full-text search: what can be searched, in which language, and the hits. */
import { ArgsType, Field, Float, Int, ObjectType, createUnionType, registerEnumType } from "type-graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../../common/connection";
import { Event } from "../event/event.entity";
import { Position } from "../position/position.entity";
import { Proposition } from "../proposition/proposition.entity";
import { Source } from "../source/source.entity";
import { Stakeholder } from "../stakeholder/stakeholder.entity";

export enum SearchType {
  STAKEHOLDER = "STAKEHOLDER",
  PROPOSITION = "PROPOSITION",
  POSITION = "POSITION",
  EVENT = "EVENT",
  SOURCE = "SOURCE",
}
registerEnumType(SearchType, {
  name: "SearchType",
  valuesConfig: {
    STAKEHOLDER: { description: "Name and aliases (strong), description." },
    PROPOSITION: { description: "Text (strong), tags." },
    POSITION: { description: "Quote (strong), note." },
    EVENT: { description: "Title (strong), description, document symbol, place name." },
    SOURCE: { description: "Title and document symbol (strong), publisher, author." },
  },
});

export enum SearchLanguage {
  ENGLISH = "ENGLISH",
  FRENCH = "FRENCH",
  SIMPLE = "SIMPLE",
}
registerEnumType(SearchLanguage, {
  name: "SearchLanguage",
  description: "Which stemming applies to the query words. Left out: English and French both. Exact words always match.",
  valuesConfig: {
    ENGLISH: { description: "English stems (withdrawal finds withdraw, withdrawing)." },
    FRENCH: { description: "French stems (retirée finds retirer, retire)." },
    SIMPLE: { description: "Exact words only (names, symbols such as S/RES/2690)." },
  },
});

/** The GraphQL type name of each kind of hit. */
export const TYPE_NAMES: Record<SearchType, string> = {
  [SearchType.STAKEHOLDER]: "Stakeholder",
  [SearchType.PROPOSITION]: "Proposition",
  [SearchType.POSITION]: "Position",
  [SearchType.EVENT]: "Event",
  [SearchType.SOURCE]: "Source",
};

export const SearchResult = createUnionType({
  name: "SearchResult",
  description: "What a search hit points at.",
  types: () => [Stakeholder, Proposition, Position, Event, Source] as const,
  resolveType: (value) => (value as { __typename?: string }).__typename,
});

@ObjectType({ description: "One record that matches a search, with a highlighted snippet." })
export class SearchHit {
  @Field(() => SearchType)
  type: SearchType;

  @Field(() => Float, { description: "Relevance (cover density, 0–1); hits come highest first." })
  score: number;

  @Field({ description: "The matching text with the matched words between the highlight markers." })
  snippet: string;

  @Field(() => SearchResult, { nullable: true })
  node: Stakeholder | Proposition | Position | Event | Source | null;
}

/** Longest query text. */
export const MAX_SEARCH_TEXT = 200;

@ArgsType()
export class SearchArgs {
  @Field({
    description: `Words to find (1 to ${MAX_SEARCH_TEXT} characters), web-search syntax: "a phrase", or, -excluded.`,
  })
  text: string;

  @Field(() => [SearchType], { nullable: true, description: "Only these kinds of record; left out or empty: all." })
  types?: SearchType[] | null;

  @Field(() => SearchLanguage, { nullable: true })
  language?: SearchLanguage | null;

  @Field(() => Int, {
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many hits (at most ${MAX_PAGE_SIZE}).`,
  })
  first: number;

  @Field({ defaultValue: "<b>", description: "Put before each matched word of the snippet." })
  startSel: string;

  @Field({ defaultValue: "</b>", description: "Put after each matched word of the snippet." })
  stopSel: string;

  @Field({
    defaultValue: true,
    description: "Escape &, <, >, \" and ' in the snippet text (not in the markers), so it can go into HTML as it is.",
  })
  escapeHtml: boolean;
}
