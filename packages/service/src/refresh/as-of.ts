import { isIsoDate } from '@evg/effects';
import { RefreshError } from './refresh-error.ts';

/** Today's calendar date in Copenhagen, `YYYY-MM-DD` (the service's clock, never the engine's). */
export function copenhagenToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(now);
}

/**
 * The data cut-off of a refresh. An explicit value (option or EVG_AS_OF) wins. Otherwise it is
 * the latest day the stored benefit data reach (the latest start or end of a benefit period),
 * capped at today in Copenhagen: benefit data are complete up to the day the extract was
 * made, and never beyond today. Same data, same asOf, so refreshes are reproducible.
 */
export function resolveAsOf(input: {
  explicit?: string | undefined;
  latestBenefitDay: string | null;
  today: string;
}): string {
  if (input.explicit !== undefined && input.explicit !== '') {
    if (!isIsoDate(input.explicit)) {
      throw new RefreshError('NO_AS_OF', 'asOf (EVG_AS_OF) must be a date YYYY-MM-DD that exists');
    }
    return input.explicit;
  }
  if (input.latestBenefitDay === null) {
    throw new RefreshError('NO_AS_OF', 'no benefit data stored: give asOf (EVG_AS_OF) explicitly');
  }
  return input.latestBenefitDay < input.today ? input.latestBenefitDay : input.today;
}
