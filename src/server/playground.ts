/**
 * The offline GraphiQL page served at GET /graphql: everything (scripts,
 * styles, editor workers) is inlined by @graphql-yoga/render-graphiql, so it
 * works without network access. It opens with one tab per example below.
 */
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";

/** One example operation, opened as a playground tab. */
export interface PlaygroundExample {
  query: string;
  /** JSON text for the variables pane. */
  variables?: string;
  /** JSON text for the headers pane. */
  headers?: string;
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);

/** The examples, on the seeded MINUSMA case. Each must stay valid and within the query limits (tested). */
export const PLAYGROUND_EXAMPLES: PlaygroundExample[] = [
  {
    query: `# Stancegraph: who took which position on which
# proposition, citing what, in response to which events.
# Each tab is an example: run it with ▶ or Ctrl-Enter.
# Reads are open; writes need an API key (last tab).
#
# Who wanted MINUSMA to continue, and who did not?
query WhoWantedMinusmaToContinue {
  proposition(slug: "minusma-should-continue") {
    text
    supporters: positions(first: 50, stance: [SUPPORT]) {
      statedOn
      quote
      stakeholder { slug name kind }
      speaker { name }
      source { title documentSymbol }
      locator
    }
    opponents: positions(first: 50, stance: [OPPOSE, MIXED]) {
      stance
      statedOn
      quote
      stakeholder { name }
    }
  }
}
`,
  },
  {
    query: `# A stakeholder and its affiliations on a date: whom it
# represents, and who represents or leads it. Change "at"
# in Variables to see the relations of another day.
query StakeholderOnADate($slug: String!, $at: Date) {
  stakeholder(slug: $slug) {
    name
    kind
    countryCode
    aliases
    externalIds { scheme value }
    affiliations(at: $at) {
      kind
      role
      validFrom
      validTo
      object { slug name }
    }
    members(at: $at) {
      kind
      role
      validFrom
      validTo
      subject { slug name kind }
    }
  }
}
`,
    variables: json({ slug: "mali-transitional-government", at: "2023-06-16" }),
  },
  {
    query: `# The Moura massacre (March 2022): who took part, and
# the competing fatality claims: the army's 203
# "terrorists", the UN's at least 500 people.
query MouraMassacre {
  event(slug: "moura-massacre") {
    title
    kind
    startDate
    endDate
    location { name adminRegion countryCode }
    acledEventType
    cameoCode
    participants { role note stakeholder { name } }
    fatalityClaims {
      claimant { name }
      low
      best
      high
      note
      source { title publisher publishedOn }
    }
    related { relation to { slug title startDate } }
  }
}
`,
  },
  {
    query: `# The Security Council vote of 30 June 2023 on
# resolution 2690, which ended MINUSMA's mandate: each
# member's ballot, and the position that explains it.
query Vote2690 {
  event(slug: "vote-resolution-2690") {
    title
    startDate
    documentSymbol
    motion { slug text }
    votes {
      choice
      stakeholder { name }
      explanation { stance quote speaker { name } }
    }
  }
}
`,
  },
  {
    query: `# Positions taken in response to an event, with every
# event each of them is tied to.
query ResponsesToAnEvent($event: String!) {
  positions(filter: { event: $event, relation: [RESPONDS_TO] }, first: 20) {
    totalCount
    nodes {
      stance
      statedOn
      quote
      stakeholder { name }
      proposition { text }
      events { relation event { slug title } }
    }
  }
}
`,
    variables: json({ event: "moura-massacre" }),
  },
  {
    query: `# A page of stakeholders. Copy pageInfo.endCursor into
# "after" in Variables and run again for the next page.
query StakeholderPage($first: Int, $after: String) {
  stakeholders(first: $first, after: $after, filter: { kind: [STATE] }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node { slug name countryCode }
    }
  }
}
`,
    variables: json({ first: 5, after: null }),
  },
  {
    query: `# One request, a whole network: stakeholders, their
# positions, the events those are tied to, and who else
# took positions on those events. Every level is batched:
# a handful of SQL statements, not thousands.
query Network {
  stakeholders(first: 20) {
    edges {
      node {
        name
        positions(first: 10) {
          proposition { slug }
          events {
            event {
              positions(first: 5) { stakeholder { name } }
            }
          }
        }
      }
    }
  }
}
`,
  },
  {
    query: `# Writes need an API key. Create one with
#   npm run apikey -- create <name>
# put it in the Headers pane below, then run.
mutation CreateStakeholder {
  createStakeholder(
    input: { slug: "example-ngo", name: "Example NGO", kind: CIVIL_SOCIETY, countryCode: "MLI" }
  ) {
    id
    slug
    version
  }
}
`,
    headers: json({ Authorization: "Bearer sg_your_key_here" }),
  },
];

/** The playground HTML (about 9 MB, rendered once at startup). */
export function playgroundHtml(examples: PlaygroundExample[] = PLAYGROUND_EXAMPLES): string {
  return renderGraphiQL({
    title: "Stancegraph",
    endpoint: "/graphql",
    defaultQuery: examples[0]?.query,
    defaultTabs: examples.map((e) => ({ query: e.query, variables: e.variables ?? null, headers: e.headers ?? null })),
    defaultEditorToolsVisibility: true,
    // API keys typed into the headers pane must not outlive the tab.
    shouldPersistHeaders: false,
  });
}

/** The q-value an Accept header gives `type`: that of the most specific range matching it, 0 if none does. */
function quality(accept: string, type: string): number {
  const major = type.slice(0, type.indexOf("/"));
  let specificity = -1;
  let q = 0;
  for (const part of accept.toLowerCase().split(",")) {
    const [range, ...params] = part.split(";").map((s) => s.trim());
    const s = range === type ? 2 : range === `${major}/*` ? 1 : range === "*/*" ? 0 : -1;
    if (s <= specificity) continue;
    specificity = s;
    const qParam = params.find((p) => p.startsWith("q="));
    q = qParam ? Number.parseFloat(qParam.slice(2)) || 0 : 1;
  }
  return q;
}

/**
 * Whether a GET of the endpoint asks for the playground rather than a GraphQL
 * answer: a browser prefers HTML. Without an operation in the URL a tie goes
 * to the page; with one (the playground keeps the current operation in the
 * URL, so a reload carries it) HTML must be preferred outright.
 */
export function wantsPlayground(accept: string | undefined, withOperation: boolean): boolean {
  if (!accept) return !withOperation;
  const html = quality(accept, "text/html");
  const json = quality(accept, "application/json");
  if (html <= 0) return false;
  return withOperation ? html > json : html >= json;
}
