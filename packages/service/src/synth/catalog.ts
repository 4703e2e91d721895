import { PACKAGES, parseDay, VALUE_RANGES, type OfferPackage } from '@evg/effects';
import type { RawRow } from '../data-dir/record-writer.ts';
import { itemAt, type Prng } from './prng.ts';

/**
 * The synthetic Copenhagen catalogue: code lists, the 12 external providers and the 3
 * employment centres the seeds name (Center for Afklaring og Beskæftigelse, Center for
 * Kompetence og Beskæftigelse, Center for Beskæftigelse Sprog og Integration), and offers in
 * all six packages. The seeds give hours (10–37 a week) and durations (1–13 weeks) but no
 * prices; PRICE_RANGES are our plausible assumptions, in DKK per course.
 */

export const BENEFIT_TYPES = [
  { code: 'kontanthjaelp', public_support: true, name: 'Kontanthjælp' },
  { code: 'uddannelseshjaelp', public_support: true, name: 'Uddannelseshjælp' },
  { code: 'dagpenge', public_support: true, name: 'Arbejdsløshedsdagpenge' },
  { code: 'sygedagpenge', public_support: true, name: 'Sygedagpenge' },
  { code: 'revalidering', public_support: true, name: 'Revalideringsydelse' },
  { code: 'ledighedsydelse', public_support: true, name: 'Ledighedsydelse' },
  { code: 'su', public_support: false, name: 'Statens Uddannelsesstøtte (SU)' },
] as const;

/** Target groups in use, with the benefit their members receive and how easily they find work. */
export const TARGET_GROUPS = [
  {
    code: 'jobparat',
    name: 'Jobparate kontanthjælpsmodtagere',
    benefit: 'kontanthjaelp',
    share: 0.2,
    ease: 0.4,
  },
  {
    code: 'aktivitetsparat',
    name: 'Aktivitetsparate kontanthjælpsmodtagere',
    benefit: 'kontanthjaelp',
    share: 0.2,
    ease: -1.1,
  },
  {
    code: 'uddannelseshjaelp',
    name: 'Uddannelseshjælpsmodtagere',
    benefit: 'uddannelseshjaelp',
    share: 0.12,
    ease: 0.1,
  },
  { code: 'dagpenge', name: 'Dagpengemodtagere', benefit: 'dagpenge', share: 0.25, ease: 0.8 },
  { code: 'sygedagpenge', name: 'Sygedagpengemodtagere', benefit: 'sygedagpenge', share: 0.17, ease: 0.3 },
  { code: 'revalidering', name: 'Revalidender', benefit: 'revalidering', share: 0.06, ease: -0.4 },
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** The 2014 kontanthjælp reform: from this day citizens are jobparat/aktivitetsparat, not matched. */
export const REFORM_DATE = '2014-01-01';

/**
 * The kontanthjælp match groups before the reform and the group their members became after it:
 * match 1 (closest to work) became jobparat; match 2 (ready for activity) and match 3
 * (temporarily passive) became aktivitetsparat. `share` is the share within the successor group;
 * `ease` is the member's ease (the two aktivitetsparat shares average aktivitetsparat's -1.1).
 */
export const MATCH_GROUPS = [
  {
    code: 'kontanthjaelp_match1',
    name: 'Kontanthjælpsmodtagere, matchgruppe 1 (før 2014)',
    successor: 'jobparat',
    share: 1,
    ease: 0.4,
  },
  {
    code: 'kontanthjaelp_match2',
    name: 'Kontanthjælpsmodtagere, matchgruppe 2 (før 2014)',
    successor: 'aktivitetsparat',
    share: 0.6,
    ease: -0.8,
  },
  {
    code: 'kontanthjaelp_match3',
    name: 'Kontanthjælpsmodtagere, matchgruppe 3 (før 2014)',
    successor: 'aktivitetsparat',
    share: 0.4,
    ease: -1.55,
  },
] as const;
export type MatchGroup = (typeof MATCH_GROUPS)[number];

export const TARGET_GROUP_ROWS: RawRow[] = [
  ...MATCH_GROUPS.map(({ code, name }) => ({ code, name })),
  ...TARGET_GROUPS.map(({ code, name }) => ({ code, name })),
];

export const INDUSTRIES = [
  { code: 'bygge_anlaeg', name: 'Bygge og anlæg' },
  { code: 'transport_logistik', name: 'Transport og logistik' },
  { code: 'rengoering', name: 'Rengøring' },
  { code: 'handel_service', name: 'Handel og service' },
  { code: 'kontor_administration', name: 'Kontor og administration' },
  { code: 'sundhed_omsorg', name: 'Sundhed og omsorg' },
  { code: 'it', name: 'IT' },
  { code: 'hotel_restaurant', name: 'Hotel og restaurant' },
] as const;

export type SynthProvider = {
  provider_id: string;
  name: string;
  kind: 'external' | 'internal';
  framework_agreement: string | null;
};

const EXTERNAL_NAMES = [
  'Jobhuset Nørrebro ApS',
  'Brobyggerne A/S',
  'Kompetencecenter Sydhavn',
  'Københavns Praktikservice',
  'Mentorkorpset ApS',
  'Job & Sprog A/S',
  'Vejen Videre',
  'Aktiv Hverdag ApS',
  'Sundt Arbejdsliv A/S',
  'Byggeriets Indgang',
  'Servicefagenes Jobcenter ApS',
  'IT-Springbrættet',
];

const INTERNAL_NAMES = [
  'Center for Afklaring og Beskæftigelse',
  'Center for Kompetence og Beskæftigelse',
  'Center for Beskæftigelse Sprog og Integration',
];

export const PROVIDERS: SynthProvider[] = [
  ...EXTERNAL_NAMES.map((name, i) => ({
    provider_id: `L${String(i + 1).padStart(2, '0')}`,
    name,
    kind: 'external' as const,
    framework_agreement:
      i % 3 === 0
        ? 'Rammeaftale om aktivering 2022–2026'
        : `Udbud ${2021 + (i % 4)}, delaftale ${1 + (i % 5)}`,
  })),
  ...INTERNAL_NAMES.map((name, i) => ({
    provider_id: `BC${i + 1}`,
    name,
    kind: 'internal' as const,
    framework_agreement: null,
  })),
];

/** Assumed price ranges per course (DKK); the seeds give none. */
export const PRICE_RANGES: Record<OfferPackage, [number, number]> = {
  jobpakke: [8_000, 30_000],
  uddannelsespakke: [15_000, 60_000],
  motivationspakke: [5_000, 20_000],
  sygedagpengepakke: [10_000, 35_000],
  mentorpakke: [4_000, 25_000],
  aktiv_stoettepakke: [6_000, 25_000],
};

/** Which target groups each package serves (a caseworker would not refer outside these). */
const PACKAGE_TARGET_GROUPS: Record<OfferPackage, string[]> = {
  jobpakke: ['jobparat', 'dagpenge', 'uddannelseshjaelp'],
  uddannelsespakke: ['uddannelseshjaelp', 'jobparat', 'dagpenge'],
  motivationspakke: ['aktivitetsparat', 'uddannelseshjaelp'],
  sygedagpengepakke: ['sygedagpenge'],
  mentorpakke: ['aktivitetsparat', 'revalidering', 'uddannelseshjaelp'],
  aktiv_stoettepakke: ['aktivitetsparat', 'revalidering', 'sygedagpenge'],
};

const PACKAGE_TITLES: Record<OfferPackage, string> = {
  jobpakke: 'Jobpakke',
  uddannelsespakke: 'Uddannelsespakke',
  motivationspakke: 'Motivationsforløb',
  sygedagpengepakke: 'Sygedagpengeforløb',
  mentorpakke: 'Mentorforløb',
  aktiv_stoettepakke: 'Aktiv støtte',
};

/** Probability that an enrollment in the package is company-oriented (internship, wage subsidy). */
export const COMPANY_ORIENTED_SHARE: Record<OfferPackage, number> = {
  jobpakke: 0.55,
  uddannelsespakke: 0.2,
  motivationspakke: 0.1,
  sygedagpengepakke: 0.35,
  mentorpakke: 0.15,
  aktiv_stoettepakke: 0.05,
};

/** An offer row plus the hidden truth the generator draws outcomes from. */
export interface SynthOffer {
  row: RawRow;
  offerId: string;
  package: OfferPackage;
  targetGroups: string[];
  durationWeeks: number;
  /** True quality: a shift on the log-odds of becoming self-sufficient. */
  quality: number;
  /** > 0: caseworkers send it younger, shorter-unemployed citizens; < 0: the hardest cases. */
  selectivity: number;
  /** First day new citizens can start (the row's valid_from). */
  firstStart: number;
  /** Last day new citizens can start (the row's valid_to), or Infinity. */
  lastStart: number;
}

/** Offers drawn first are established (valid since 2012), so every package had offers before 2014. */
const ESTABLISHED_FIRST = 2 * PACKAGES.length;
const ESTABLISHED_SHARE = 0.35;

/**
 * Draws the offers: 3–5 per provider, every package at least twice. Quality and selectivity are
 * drawn independently, so some offers look good only because they get easier citizens. Offers
 * established before the 2014 reform also list the match groups of the kontanthjælp groups they
 * serve (they took those citizens then); newer offers start between 2014 and 2022.
 */
export function drawOffers(rng: Prng): SynthOffer[] {
  const offers: SynthOffer[] = [];
  let packageIndex = 0;
  for (const provider of PROVIDERS) {
    const count = rng.int(3, 5);
    for (let i = 0; i < count; i++) {
      const pkg = itemAt(PACKAGES, packageIndex++ % PACKAGES.length);
      const established = packageIndex <= ESTABLISHED_FIRST || rng.chance(ESTABLISHED_SHARE);
      const current = PACKAGE_TARGET_GROUPS[pkg].filter((_, j) => j === 0 || rng.chance(0.6));
      const groups = established
        ? [
            ...MATCH_GROUPS.filter((match) => current.includes(match.successor)).map((match) => match.code),
            ...current,
          ]
        : current;
      const validFrom = established ? '2012-01-01' : `${rng.int(2014, 2022)}-01-01`;
      const industries = INDUSTRIES.filter(() => rng.chance(0.18)).map((industry) => industry.code);
      const [low, high] = PRICE_RANGES[pkg];
      const { durationWeeks: weeks, hoursPerWeek: hoursRange } = VALUE_RANGES;
      const durationWeeks = rng.int(weeks.min, weeks.max);
      const hours = rng.int(hoursRange.min, hoursRange.max);
      const offerId = `${provider.provider_id}-${String(i + 1).padStart(2, '0')}`;
      const industryName = INDUSTRIES.find((industry) => industry.code === industries[0])?.name;
      const validTo = rng.chance(0.15) ? '2025-12-31' : null;
      const name = `${PACKAGE_TITLES[pkg]}${industryName ? ` – ${industryName}` : ''} (${provider.name})`;
      offers.push({
        offerId,
        package: pkg,
        targetGroups: groups,
        durationWeeks,
        quality: rng.normal() * 0.45,
        selectivity: rng.chance(0.3) ? rng.pick([-1, 1]) * (0.6 + rng.float() * 0.6) : rng.normal() * 0.2,
        firstStart: parseDay(validFrom),
        lastStart: validTo === null ? Infinity : parseDay(validTo),
        row: {
          offer_id: offerId,
          provider_id: provider.provider_id,
          name,
          package: pkg,
          description: describe(pkg, hours, durationWeeks, industryName),
          target_groups: groups,
          industries,
          price_dkk: Math.round(rng.int(low, high) / 500) * 500,
          hours_per_week: hours,
          duration_weeks: durationWeeks,
          accessible: rng.chance(0.7),
          result_bonus_dkk: provider.kind === 'external' && rng.chance(0.4) ? rng.int(4, 20) * 500 : null,
          valid_from: validFrom,
          valid_to: validTo,
        },
      });
    }
  }
  return offers;
}

/** Danish description with commas, quotes and a line break, as real catalogue texts have. */
function describe(pkg: OfferPackage, hours: number, weeks: number, industry: string | undefined): string {
  const focus = industry ? `rettet mod ${industry.toLowerCase()}` : 'uden fast branche';
  return (
    `${PACKAGE_TITLES[pkg]}, ${hours} timer om ugen i ${weeks} uger, ${focus}.\n` +
    `Borgeren lægger en "plan mod job" sammen med sin kontaktperson.`
  );
}
