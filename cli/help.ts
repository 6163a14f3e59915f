/** The --help texts. */

export const MAIN_HELP = `wiretrace: where a news article's words came from

Usage:
  wiretrace audit [options] INPUT...   check articles against each other (and an index)
  wiretrace align [--json] A B         passages two plain-text files share
  wiretrace --help | --version
  wiretrace COMMAND --help             the options of a command

Exit status: 0 all good (pages skipped as not articles are named on stderr but
are no error), 1 some input could not be read (the others were still processed)
or the index could not be loaded or saved, 2 usage error.
`;

export const AUDIT_HELP = `Usage: wiretrace audit [options] INPUT...

Checks each article against every article before it and reports which of its
passages appeared earlier in another outlet: copied text and shared quotes,
their sources, and whether the sources are credited.

Inputs (a directory means its files of these kinds, sorted by name; with -r
also those in its subdirectories, sorted by path):
  .txt          first line the title, then one paragraph a line
  .html, .htm   a web page; the article is extracted as the browser extension
                does it (Readability); pages that do not look like articles
                (contents pages, section fronts, search results) are skipped
                with a note, and read with --force
  .jsonl        one article a line: id, outlet|publisher, published|scrapeTime,
  .jsonl.gz     url?, title?, and paragraphs (array) | text | html

Options:
  -r, --recursive   search directories recursively
  --json            machine-readable output: {"documents":[...]}
  --with-text       with --json: each document's paragraphs as read
                    ("paragraphTexts", what passage offsets refer to)
  -q, --quiet       list only the articles with findings (also with --json)
  --index FILE      load an index before (if FILE exists) and save it after
  --meta FILE       JSON sidecar: {"file name": {outlet, published, url, title}}
  --outlet NAME     outlet of files that do not name one (default: for a page,
                    the host name of its canonical URL; else the file name)
  --order ORDER     'time' (by publication time; the default when times are
                    known) or 'given' (the order of the arguments and lines)
  --max-bytes N     refuse input files larger than N bytes (default 50M;
                    suffixes k, M, G)
  --force           check .html pages that do not look like articles too;
                    they are never recorded (not for later articles, not
                    into --index)
  --progress        show the progress bar even when stderr is not a terminal
  -h, --help        this help

Paragraphs are numbered from 1 in the readable output and from 0 in --json.

Exit status: 0 everything given was read (pages skipped as not articles are
notes on stderr), 1 some input could not be read or the index could not be
loaded or saved, 2 usage error.
`;

export const ALIGN_HELP = `Usage: wiretrace align [--json] A B

Pairwise alignment of two plain-text files (the PAN text-alignment setting):
the passages B shares with A, as character offsets into each file as read
(UTF-8; offsets are JavaScript string indices, i.e. UTF-16 code units).

Options:
  --json          {"passages":[{"a":{"start","end"},"b":{"start","end"}}]}
  --max-bytes N   refuse files larger than N bytes (default 50M)
  -h, --help      this help
`;
