import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outletFromHostname, outletKey } from '../../src/engine/outlet';

describe('outletKey', () => {
  it('gives one key per outlet, whatever the spelling', () => {
    expect(outletKey('www.bbc.co.uk')).toBe(outletKey('bbc.co.uk'));
    expect(outletKey('bbc.co.uk')).toBe(outletKey('BBC'));
    expect(outletKey('BBC News')).toBe(outletKey('bbc news'));
    expect(outletKey('The Guardian')).toBe(outletKey('guardian'));
    expect(outletKey('  The   New York Times ')).toBe('new york times');
    expect(outletKey('ＢＢＣ')).toBe('bbc');
    expect(outletKey('Financialtribune.com')).toBe(outletKey('www.financialtribune.com'));
    expect(outletKey('edition.cnn.com')).toBe(outletKey('cnn.com'));
    expect(outletKey('https://www.reuters.com/world/middle-east/')).toBe('reuters');
    expect(outletKey('EXAMPLE.COM.')).toBe('example');
    expect(outletKey('www.ne.aa')).toBe(outletKey('ne.aa'));
  });

  it('keeps different outlets apart', () => {
    expect(outletKey('BBC News')).not.toBe(outletKey('BBC'));
    expect(outletKey('foo.blogspot.com')).not.toBe(outletKey('bar.blogspot.com'));
    expect(outletKey('foo.blogspot.com')).not.toBe(outletKey('foo.com'));
    expect(outletKey('127.0.0.1:8080')).not.toBe(outletKey('127.0.0.1:9090'));
  });
});

describe('outletFromHostname', () => {
  it.each([
    ['www.financialtribune.com', 'financialtribune.com'],
    ['edition.cnn.com', 'cnn.com'],
    ['news.bbc.co.uk', 'bbc.co.uk'],
    ['www.bbc.co.uk:443', 'bbc.co.uk'],
    ['www.abc.net.au', 'abc.net.au'],
    ['www3.nhk.or.jp', 'nhk.or.jp'],
    ['WWW.Reuters.COM', 'reuters.com'],
    ['foo.blogspot.com', 'foo.blogspot.com'],
    ['reuters.com', 'reuters.com'],
    ['localhost', 'localhost'],
    ['localhost:3000', 'localhost:3000'],
    ['127.0.0.1:8080', '127.0.0.1:8080'],
    ['[::1]:8080', '[::1]:8080'],
    ['intranet', 'intranet'],
    ['', ''],
    // Found by the property below: trailing dots all go, and www goes before a suffix-like name too.
    ['‥', ''],
    ['www.ne.aa', 'ne.aa'],
  ])('%s -> %s', (host, name) => {
    expect(outletFromHostname(host)).toBe(name);
  });

  it('never throws and is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      const once = outletFromHostname(s);
      expect(typeof outletKey(s)).toBe('string');
      expect(outletFromHostname(once)).toBe(once);
    }));
    fc.assert(fc.property(fc.domain(), (d) => {
      const once = outletFromHostname(d);
      expect(d.toLowerCase().endsWith(once)).toBe(true);
      expect(outletKey(d)).toBe(outletKey(`www.${d}`.replace(/^www\.www\./, 'www.')));
    }));
    expect(outletKey(undefined as unknown as string)).toBe('');
    expect(outletFromHostname(null as unknown as string)).toBe('');
  });
});
