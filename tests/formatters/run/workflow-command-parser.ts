// Workflow commands read back as the GitHub Actions runner reads them: ActionCommand.TryParseV2 of actions/runner,
// with the unescaping mappings it has had since actions/runner#200 (`%25` in the message included).

export interface ParsedCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

const COMMAND_KEY = '::';
const DATA_MAPPINGS: readonly [string, string][] = [['\r', '%0D'], ['\n', '%0A'], ['%', '%25']];
const PROPERTY_MAPPINGS: readonly [string, string][] = [['\r', '%0D'], ['\n', '%0A'], [':', '%3A'], [',', '%2C'], ['%', '%25']];
const COMMANDS = new Set(['error', 'warning', 'notice', 'debug', 'group', 'endgroup', 'add-mask', 'stop-commands']);

/** StringEscapingUtil.UnescapeString: each mapping's replacement back to its token, in the mapping order. */
function unescape(text: string, mappings: readonly [string, string][]): string {
  return mappings.reduce((value, [token, replacement]) => value.split(replacement).join(token), text);
}

/** The command a line of stdout runs, or undefined when the runner would print it as text. */
export function parseCommand(line: string): ParsedCommand | undefined {
  const message = line.trimStart();
  if (!message.startsWith(COMMAND_KEY)) return undefined;
  const end = message.indexOf(COMMAND_KEY, COMMAND_KEY.length);
  if (end < 0) return undefined;
  const info = message.slice(COMMAND_KEY.length, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  if (!COMMANDS.has(command)) return undefined;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const property of info.slice(space + 1).trim().split(',').filter((part) => part !== '')) {
      const at = property.indexOf('=');
      const key = at < 0 ? property : property.slice(0, at);
      const value = at < 0 ? '' : property.slice(at + 1);
      if (key !== '' && value !== '') properties[key] = unescape(value, PROPERTY_MAPPINGS);
    }
  }
  return { command, properties, message: unescape(message.slice(end + COMMAND_KEY.length), DATA_MAPPINGS) };
}

/** Every line of `output` as a command; a line that is not one fails the test. */
export function parseCommands(output: string): ParsedCommand[] {
  if (!output.endsWith('\n')) throw new Error('output does not end with a line end');
  return output
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const parsed = parseCommand(line);
      if (!parsed) throw new Error(`not a workflow command: ${line}`);
      return parsed;
    });
}
