/** Every committed migration, in order. Add new ones at the end. */
import { CoreModel1764300000000 } from "./1764300000000-core-model";
import { Arguments1764400000000 } from "./1764400000000-arguments";
import { Search1764600000000 } from "./1764600000000-search";
import { EventPositionsOrder1764700000000 } from "./1764700000000-event-positions-order";
import { StakeholderLatestIndex1764800000000 } from "./1764800000000-stakeholder-latest-index";
import { LatestPosition1764900000000 } from "./1764900000000-latest-position";

export const MIGRATIONS = [CoreModel1764300000000, Arguments1764400000000, Search1764600000000, EventPositionsOrder1764700000000, StakeholderLatestIndex1764800000000, LatestPosition1764900000000];
