/**
 * Small article pages for the browser tests, written inline: an original report (A), a later
 * article of another outlet that copies most of it with small edits (B), a page that is not an
 * article, and a third article for the denied-site test.
 */
export interface Page {
  path: string;
  html: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function articlePage(o: { outlet: string; title: string; published: string; byline: string; paragraphs: string[] }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${esc(o.title)} - ${esc(o.outlet)}</title>
<meta property="og:site_name" content="${esc(o.outlet)}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="${o.published}">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav></header>
<main><article>
<h1>${esc(o.title)}</h1>
<p class="byline">By ${esc(o.byline)}</p>
${o.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</article></main>
<footer><p>Copyright ${esc(o.outlet)}</p></footer>
</body></html>`;
}

export const A_PARAGRAPHS = [
  'Heavy rain caused the river Aller to burst its banks early on Thursday morning, flooding more than two hundred homes in the market town of Verden and forcing the evacuation of a care home for the elderly.',
  'Emergency services said the water rose by almost a metre within three hours, faster than any flood recorded in the town since records began in the nineteenth century, and several roads remain closed.',
  'The mayor, Katrin Feldmann, told reporters at the town hall that volunteers had worked through the night filling sandbags, and that the local school would stay closed until at least Monday.',
  'Farmers in the surrounding villages reported that entire fields of maize had been lost, and the regional agriculture office estimated the damage to crops at several million euros.',
  'Meteorologists expect the rain to ease by the weekend, but warned that the ground is now so saturated that even moderate showers could cause further flooding along the lower river.',
  'A spokesman for the regional government said an emergency fund would be opened next week to help households whose homes and businesses were damaged by the water.',
];

export const B_PARAGRAPHS = [
  'Residents of Verden spent Friday clearing mud from their living rooms after the worst flood in living memory.',
  'Heavy rain caused the river Aller to burst its banks early on Thursday morning, flooding more than two hundred homes in the market town of Verden and forcing the evacuation of a care home for the elderly.',
  'Emergency services said the water rose by almost a metre within three hours, faster than any flood recorded in the town since records began in the nineteenth century, and many roads remain closed.',
  'The mayor, Katrin Feldmann, told journalists at the town hall that volunteers had worked through the night filling sandbags, and that the local school would stay closed until at least Monday.',
  'Insurance companies have sent assessors to the area, and several shop owners said they feared they would not be able to reopen before the Christmas season begins in a few weeks.',
  'Meteorologists expect the rain to ease by the weekend, but warned that the ground is now so saturated that even moderate showers could cause further flooding along the lower river.',
];

export const C_PARAGRAPHS = [
  'The city council approved a new cycling plan on Tuesday evening that will add forty kilometres of protected bike lanes across the centre of the city over the next five years.',
  'Council members argued for more than four hours about the cost of the plan, which the transport department puts at roughly thirty million euros, before the final vote was taken.',
  'Shop owners on the main shopping street had opposed the removal of parking spaces, saying that customers from the surrounding villages would stop coming into town to do their shopping.',
  'Cycling groups welcomed the decision and said they would hold the council to its promise to build the first stretch of lanes along the river before the end of next summer.',
  'The plan also includes new bicycle parking at the main railway station, where hundreds of bikes are currently chained to railings and lamp posts every working day.',
];

export function fixturePages(): Page[] {
  return [
    { path: '/wire/flood.html', html: articlePage({ outlet: 'Wire Daily', title: 'River bursts its banks in Verden', published: '2016-08-26T08:00:00Z', byline: 'Anna Weber', paragraphs: A_PARAGRAPHS }) },
    { path: '/copy/flood.html', html: articlePage({ outlet: 'Copy Times', title: 'Verden cleans up after flood', published: '2016-08-27T09:30:00Z', byline: 'Tom Baker', paragraphs: B_PARAGRAPHS }) },
    { path: '/local/cycling.html', html: articlePage({ outlet: 'Local Post', title: 'Council approves cycling plan', published: '2016-09-02T10:00:00Z', byline: 'Mia Klein', paragraphs: C_PARAGRAPHS }) },
    {
      path: '/index.html',
      html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Links</title></head><body><h1>Links</h1><ul><li><a href="/wire/flood.html">Flood</a></li><li><a href="/copy/flood.html">Copy</a></li></ul></body></html>`,
    },
  ];
}
