/**
 * Made-up news prose for the CLI tests: an original story and unrelated filler, long enough
 * for the engine to find copied passages (it reports passages of 8 words or more).
 */
export const STORY_TITLE = 'Harbour bridge reopens after two years of repairs';

export const STORY = [
  'The old harbour bridge in the town of Kelmsworth reopened to traffic on Monday morning after two years of repairs that cost the regional council more than forty million pounds.',
  'Engineers replaced the corroded steel cables, rebuilt both approach ramps and installed a new drainage system designed to stop rainwater from pooling on the deck during winter storms.',
  'The mayor, Helen Adeyemi, cut a ribbon at the northern end of the span while a brass band from the local secondary school played to a crowd of several hundred residents.',
  'Shopkeepers on the waterfront said the closure had driven away customers for months, forcing at least six small businesses on the quay to shut their doors for good.',
  'The council said buses would return to the bridge route from next week, and that a separate lane for bicycles would open once the paint on the new markings had dried.',
  'Critics of the project pointed out that the repairs ran eleven months late and nearly ten million pounds over the original budget approved by councillors in the spring.',
  'A report published by the transport committee blamed the delays on a shortage of specialist welders and on the discovery of unexploded wartime ordnance in the riverbed.',
  'Traffic monitors will count vehicles crossing the bridge for the next six months to decide whether heavy lorries should be allowed back onto the structure next year.',
];

export const FILLER = [
  'A bakery on the corner of Mill Street has won a national award for its rye bread, beating more than three hundred entries from across the country in a blind tasting.',
  'The owners, a retired couple who took over the shop a decade ago, said they would spend the prize money on a second oven and an apprentice from the nearby college.',
  'Judges praised the dense crumb and the sour tang of the loaf, which is proved for two full days in wicker baskets before it goes into the wood-fired oven at dawn.',
  'Queues formed outside the bakery on Saturday as customers from neighbouring villages arrived to taste the bread that had been featured on the evening television news.',
];

/** German prose and a lightly edited copy: non-English text goes through the same pipeline. */
export const GERMAN = [
  'Die Stadtverwaltung von Lindenau hat am Dienstag beschlossen, die marode Brücke über den Fluss bis zum Ende des kommenden Jahres vollständig zu erneuern.',
  'Nach Angaben des Bürgermeisters werden die Bauarbeiten rund zwölf Millionen Euro kosten, wobei ein großer Teil der Summe vom Land übernommen werden soll.',
  'Anwohner hatten sich seit Monaten über Lärm, Staus und gesperrte Fußwege beschwert, während schwere Lastwagen die Umleitung durch das Wohngebiet nahmen.',
];
