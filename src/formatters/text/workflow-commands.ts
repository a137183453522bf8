// GitHub Actions workflow commands (`::error file=…::message`), escaped as the runner unescapes them.

export type WorkflowCommand = 'error' | 'warning' | 'notice';

/** Where an annotation points and what it is called; a property left undefined is left out. */
export interface AnnotationProperties {
  file?: string;
  line?: number;
  col?: number;
  title?: string;
}

/** A message: `%`, CR and LF escaped, so a message is one line and the runner restores its line breaks. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: as a message, and `:` and `,` too, which end the properties or separate them. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command line, without its line end. */
export function workflowCommand(command: WorkflowCommand, properties: AnnotationProperties, message: string): string {
  const pairs = Object.entries(properties).flatMap(([key, value]: [string, string | number | undefined]) =>
    value === undefined ? [] : [`${key}=${escapeCommandProperty(String(value))}`],
  );
  return `::${command}${pairs.length > 0 ? ` ${pairs.join(',')}` : ''}::${escapeCommandData(message)}`;
}
