/**
 * What parsing a page's markup will cost, found before parsing it. linkedom parses with htmlparser2,
 * whose Parser keeps its open elements in an array it shifts and unshifts at the front: every tag
 * costs as many steps as elements are open, so 100,000 nested <div>s take seconds to tens of seconds
 * (the sum of the depths, 5 x 10^9). This runs htmlparser2's own Tokenizer (linear) and follows its
 * Parser's rules for the open elements (implied closes, void elements, foreign content) with a stack
 * that costs one step a tag, adding up what the Parser would pay; htmlDocument() refuses a page over
 * budget before linkedom ever sees it.
 */
import { Tokenizer } from 'htmlparser2';

/** Steps the parser may spend on its open elements for one page (an ordinary page needs well under 10^7). */
export const MAX_PARSE_STEPS = 200_000_000;

export interface MarkupCost {
  /** Elements opened. */
  elements: number;
  /** The deepest nesting of open elements. */
  depth: number;
  /** The sum over tags of the open elements at that tag: the parser's work on its stack. */
  steps: number;
  /** Set when scanning stopped at a limit. */
  over?: 'elements' | 'steps';
}

const FORM = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'];
const P = ['p'];
const BLOCK_CLOSING_P = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'];

/** htmlparser2's openImpliesClose: opening the key closes these while they are the current element. */
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['p', new Set(P)],
  ...BLOCK_CLOSING_P.map((t): [string, Set<string>] => [t, new Set(P)]),
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((t): [string, Set<string>] => [t, new Set(FORM)]),
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['rt', new Set(['rt', 'rp'])],
  ['rp', new Set(['rt', 'rp'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
]);

const VOID = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const FOREIGN = new Set(['math', 'svg']);
const INTEGRATION = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

class Stop extends Error {}

/** The cost of parsing `html` (stops counting at `maxElements` elements or `maxSteps` steps). */
export function markupCost(html: string, maxElements: number, maxSteps = MAX_PARSE_STEPS): MarkupCost {
  const stack: string[] = [];
  /** How many of each name are open (a closing tag of a name not open costs nothing to look up). */
  const open = new Map<string, number>();
  const foreign: boolean[] = [];
  const cost: MarkupCost = { elements: 0, depth: 0, steps: 0 };
  let tag = '';
  const pop = (): void => {
    const name = stack.pop()!;
    open.set(name, open.get(name)! - 1);
  };
  const charge = (): void => {
    cost.steps += stack.length + 1;
    if (cost.steps > maxSteps) {
      cost.over = 'steps';
      throw new Stop();
    }
  };
  const tokenizer = new Tokenizer(
    { xmlMode: false, decodeEntities: false },
    {
      onopentagname(start, end) {
        tag = html.slice(start, end).toLowerCase();
        cost.elements++;
        if (cost.elements > maxElements) {
          cost.over = 'elements';
          throw new Stop();
        }
        charge();
        const closes = IMPLIES_CLOSE.get(tag);
        if (closes) while (stack.length && closes.has(stack[stack.length - 1])) pop();
        if (!VOID.has(tag)) {
          stack.push(tag);
          open.set(tag, (open.get(tag) ?? 0) + 1);
          if (FOREIGN.has(tag)) foreign.push(true);
          else if (INTEGRATION.has(tag)) foreign.push(false);
          if (stack.length > cost.depth) cost.depth = stack.length;
        }
      },
      onselfclosingtag() {
        // In svg and math, <x/> closes itself; in HTML it is an open tag like any other.
        if (foreign[foreign.length - 1] && stack[stack.length - 1] === tag) pop();
      },
      onclosetag(start, end) {
        const name = html.slice(start, end).toLowerCase();
        charge();
        // As the Parser does: any closing svg, math or integration tag leaves that context, matched or not.
        if (FOREIGN.has(name) || INTEGRATION.has(name)) foreign.pop();
        if (VOID.has(name)) return;
        if (!open.get(name)) {
          // A </p> with no <p> open is an empty p, opened and closed at once.
          if (name === 'p' && stack.length + 1 > cost.depth) cost.depth = stack.length + 1;
          return;
        }
        while (stack.length) {
          const top = stack[stack.length - 1];
          pop();
          if (top === name) break;
        }
      },
      onattribdata() {},
      onattribentity() {},
      onattribend() {},
      onattribname() {},
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onend() {},
      onopentagend() {},
      onprocessinginstruction() {},
      ontext() {},
      ontextentity() {},
    },
  );
  try {
    tokenizer.write(html);
    tokenizer.end();
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  return cost;
}
