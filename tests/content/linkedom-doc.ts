/** A linkedom Document for a page at `url`: the one the CLI builds for its .html inputs. */
export { htmlDocument as pageDocument } from '../../cli/read-html';
