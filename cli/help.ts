/** The --help texts. */

export const MAIN_HELP = `wiretrace: where a news article's words came from

Usage:
  wiretrace audit [options] INPUT...   check articles against each other (and an index)
  wiretrace align [--json] A B         passages two plain-text files share
  wiretrace feed --index FILE FEED...  record feeds' items (URLs or files) into an index
  wiretrace pack -o PACK --title T INPUT...
                                       an index pack: a described index to share
  wiretrace exercise build [--meta FILE] [-o PACK] INPUT...
                                       a classroom exercise: trace a story to its source
  wiretrace serve --db postgres://…    the team index service (and its tokens)
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
                    (under a lock; another run's articles saved meanwhile kept)
  --lock-wait SECS  how long to wait for another process saving the same
                    index before failing (default 600)
  --store URL       work on the team index in PostgreSQL (postgres://…),
                    directly; with --team NAME (default 'default')
  --remote URL      work on the team index through its service (wiretrace
                    serve); with --token T (or WIRETRACE_TOKEN)
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

export const FEED_HELP = `Usage: wiretrace feed --index FILE [options] FEED...

Reads RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed feeds, from http(s) URLs or
saved files, and records their items into the index FILE, so that later audits
(and the extension, after an import) know the wire copy before it is reprinted.

An item that carries the whole article (3 paragraphs and 100 words or more,
not cut off with "Read more" or "...") is read from the feed; any other item
is read from its page, fetched and extracted as the browser extension does
it. An item whose guid, link or canonical URL is already in the index, or was
read earlier in the run, is not recorded again. The charset comes from a byte
order mark, the Content-Type header or the XML declaration.

Options:
  --index FILE       the index to load (if FILE exists) and save (required)
  --outlet NAME      the outlet of every item (default: the feed's title,
                     else its site's host name)
  --max-items N      read at most the first N items of each feed
  --concurrency N    pages fetched at once (default 4)
  --delay-ms N       milliseconds between two requests to one host, the
                     feed's own included (default 1000)
  --timeout-ms N     time limit of each request, in milliseconds
                     (default 20000)
  --max-bytes N      refuse feeds and pages larger than N bytes (default 50M)
  --progress         show the progress bar even when stderr is not a terminal
  --lock-wait SECS   how long to wait for another process saving the same
                     index before failing (default 600)
  -h, --help         this help

A feed or item that cannot be read is named on stderr with the reason; the
others are still read. The summary on stdout counts the items new, already
in the index and failed. When no feed could be read, an index file that did
not exist is not written.

Exit status: 0 every feed and item was read (pages that are not articles are
notes), 1 some feed or item could not be read, or the index could not be
loaded or saved, 2 usage error.
`;

export const PACK_HELP = `Usage: wiretrace pack -o PACK [options] INPUT...

Writes an index pack: an index file (docs/index-format.md) whose header also
describes it, made from any inputs 'wiretrace audit' reads (.txt, .html,
.jsonl, .jsonl.gz, index files and directories of them). Pages that are not
articles are left out with a note. Audit with it as an input, or import it
in the extension's options page.

Options:
  -o, --output PACK    the file to write (written whole or not at all)
  --title T            the pack's title (required, here or in --meta)
  --description D      what it holds
  --creator C          who made it
  --licence L          its licence (also --license)
  --tag X              a tag; give it again for more
  --created TIME       when it was made (ISO 8601; default now)
  --meta FILE          a JSON object of these fields: {"title", "description",
                       "creator", "created", "licence", "tags": [...]};
                       options given override it
  --first-seen TIME    record the articles as first seen at TIME (each next
                       one a millisecond later), for a pack that is the same
                       byte for byte on every run; default now
  --file-meta FILE     audit's --meta sidecar for files that carry no metadata
  --base-url URL       the address the working directory is served at: each
                       .html file is read as the page at URL + its path below
                       it, and recorded under that page's address (the id the
                       extension gives the page there)
  --outlet NAME        outlet of files that do not name one
  -r, --recursive      search directories recursively
  --max-bytes N        refuse input files larger than N bytes (default 50M)
  --progress           show the progress bar even when stderr is not a terminal
  --lock-wait SECS     how long to wait for another process writing the same
                       file before failing (default 600)
  -h, --help           this help

Exit status: 0 every input was read, 1 some input could not be read, the
description is not valid (the field at fault is named) or the pack could not
be written, 2 usage error.
`;

export const EXERCISE_HELP = `Usage: wiretrace exercise build [--meta FILE] [-o PACK] [options] INPUT...

Writes an exercise pack (docs/exercises.md): a classroom exercise in tracing a
story to its source, opened in the extension's exercise page. The articles of
any inputs 'wiretrace audit' reads are bundled whole (outlet, time, paragraphs),
checked by the engine in publication order, and the questions' answers are
taken from its reports: which paragraphs were copied, from which outlet, was
the copy credited, what share is original, in which order the outlets had the
story, and a free reflection.

Options:
  -o, --output PACK   the file to write (written whole or not at all);
                      default: standard output
  --title T           the exercise's title (default: the earliest article's)
  --description D     what it is about, for the teacher and the students
  --language TAG      the articles' language (default en)
  --audience A        who it is for (default "Secondary school, ages 14 and up")
  --minutes N         how long it takes (default 30)
  --licence L         its licence (default CC-BY-4.0; also --license)
  --creator C         who made it
  --created TIME      when it was made (ISO 8601; default now): with it the
                      same inputs give the same bytes
  --article ID        an article to ask about (its id: the path as given, or a
                      corpus line's id); give it again for more. Default: up
                      to four articles that carry another outlet's text
  --question KIND     a kind of question to ask: copied-paragraphs, source,
                      credited, original-share, order, reflection; give it
                      again (or a comma list) for more. Default: every kind
  --meta FILE         audit's --meta sidecar for files that carry no metadata
                      (outlet, published, url, title)
  --outlet NAME       outlet of files that do not name one
  -r, --recursive     search directories recursively
  --max-bytes N       refuse input files larger than N bytes (default 50M)
  -h, --help          this help

Every article needs a publication time (from the page, a corpus line or
--meta). Exit status: 0 every input was read, 1 some input could not be
read, an article has no time or the pack could not be written, 2 usage error.
`;

export const SERVE_HELP = `Usage: wiretrace serve [--db URL] [--host H] [--port N]
       wiretrace serve migrate [--db URL]
       wiretrace serve token create --team T --scope read|write [--label L] [--db URL]
       wiretrace serve token list [--team T] [--db URL]
       wiretrace serve token revoke ID [--db URL]

The team index service: an HTTP API over a PostgreSQL database that a team's
audits (wiretrace audit --remote) and browsers (the extension's team index)
share. Its schema is migrated when it starts. It speaks plain HTTP: put HTTPS
in front of it (a reverse proxy) before anyone reaches it over a network.

Options:
  --db URL        the database (postgres://user:password@host/db); default
                  the WIRETRACE_DB environment variable (keeps the password
                  out of the process list)
  --host H        address to listen on (default 127.0.0.1)
  --port N        port to listen on (default 8787)
  --team T        the team a token is for (created when new)
  --scope S       read (look-ups) or write (look-ups, recording, deleting)
  --label L       a note kept with the token (whose it is)
  -h, --help      this help

A token is printed once, on stdout; only its SHA-256 hash is stored. Every
request names its team by its token and sees that team's articles only.
`;
