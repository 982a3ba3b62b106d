/** Which table holds each type that `node(id)` can return. */
export const NODE_TABLES: Record<string, string> = {
  Stakeholder: "stakeholder",
  Source: "source",
  Affiliation: "affiliation",
  Proposition: "proposition",
  Event: "event",
  EventParticipant: "event_participant",
  FatalityClaim: "fatality_claim",
  EventRelation: "event_relation",
  Position: "position",
  PositionEventLink: "position_event",
  Vote: "vote",
  Argument: "argument",
  Conflict: "conflict",
  Rephrase: "rephrase",
};
