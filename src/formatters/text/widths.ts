// The widths the terminal layout keeps to, apart from the layout itself: the CLI reads them before any formatter loads.

/** The line width when the output is not a terminal and no --width is given, in visible characters. */
export const DEFAULT_WIDTH = 80;
/** The narrowest width the layout keeps to; a narrower terminal gets lines this wide. */
export const MIN_WIDTH = 40;
