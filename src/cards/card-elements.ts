// The Adaptive Card elements the bot uses (schema 1.5, what Teams renders), as types, plus small builders.
// Cards are built as plain typed objects: values are placed as they are, so text from users or Graph is never
// read as a template expression, and the compiler checks every card's shape.

export type Spacing = 'None' | 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';

export interface TextStyle {
  size?: 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
  weight?: 'Lighter' | 'Default' | 'Bolder';
  color?: 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';
  isSubtle?: boolean;
  fontType?: 'Default' | 'Monospace';
}

/** Never parses Markdown: the element for any text that may come from a user or from Graph. */
export interface TextRun extends TextStyle {
  type: 'TextRun';
  text: string;
  italic?: boolean;
}

export interface RichTextBlock {
  type: 'RichTextBlock';
  inlines: TextRun[];
  spacing?: Spacing;
}

/** Markdown-capable: only for the bot's own fixed text. */
export interface TextBlock extends TextStyle {
  type: 'TextBlock';
  text: string;
  style?: 'default' | 'heading';
  wrap?: boolean;
  spacing?: Spacing;
}

export interface Container {
  type: 'Container';
  items: CardElement[];
  spacing?: Spacing;
  separator?: boolean;
}

interface InputBase {
  id: string;
  label?: string;
  value?: string;
}
interface InputText extends InputBase {
  type: 'Input.Text';
  maxLength?: number;
}
interface InputDate extends InputBase {
  type: 'Input.Date';
}
interface InputTime extends InputBase {
  type: 'Input.Time';
}
export interface Choice {
  title: string;
  value: string;
}
interface InputChoiceSet extends InputBase {
  type: 'Input.ChoiceSet';
  /** `filtered`: static typeahead (Adaptive Cards 1.5), the choices filtered as the user types. */
  style?: 'compact' | 'expanded' | 'filtered';
  /** Several choices at once; the value is their values joined with commas. */
  isMultiSelect?: boolean;
  choices: Choice[];
}
export type CardInput = InputText | InputDate | InputTime | InputChoiceSet;

/** Buttons inside the body (e.g. one Join per listed meeting). */
interface ActionSet {
  type: 'ActionSet';
  actions: CardAction[];
  spacing?: Spacing;
}

export type CardElement = TextBlock | RichTextBlock | Container | ActionSet | CardInput;

interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  style?: 'default' | 'positive' | 'destructive';
  associatedInputs?: 'auto' | 'none';
  data: object;
}
/** Universal Actions: Teams answers it with an adaptiveCard/action invoke to the bot. */
interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  style?: 'default' | 'positive' | 'destructive';
  associatedInputs?: 'auto' | 'none';
  data: object;
}
interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}
export type CardAction = SubmitAction | ExecuteAction | OpenUrlAction;

/** User-specific views: the listed users' clients ask the bot for their own version of the card. */
interface CardRefresh {
  action: { type: 'Action.Execute'; verb: string; data: object };
  /** Teams ids ("29:…"), at most 60. */
  userIds: string[];
}

/** A Teams mention on a card: `text` appears verbatim in a TextBlock, and Teams notifies `mentioned`. */
export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  /** Teams renders schema 1.5 at most. */
  version: '1.5';
  msteams: { width: 'Full'; entities?: MentionEntity[] };
  body: CardElement[];
  actions?: CardAction[];
  refresh?: CardRefresh;
}

/** A full-width 1.5 card with `body` and, when there are any, `actions`. */
export function adaptiveCard(body: CardElement[], actions: CardAction[] = []): AdaptiveCard {
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    body,
  };
  if (actions.length > 0) card.actions = actions;
  return card;
}

export function run(text: string, style: TextStyle & { italic?: boolean } = {}): TextRun {
  return { type: 'TextRun', text, ...style };
}

/** One line/paragraph made of TextRuns. */
export function richText(inlines: TextRun[], spacing?: Spacing): RichTextBlock {
  return spacing === undefined ? { type: 'RichTextBlock', inlines } : { type: 'RichTextBlock', spacing, inlines };
}

/** A large bold heading of the bot's own words. */
export function heading(text: string, style: TextStyle = {}): TextBlock {
  return { type: 'TextBlock', text, style: 'heading', size: 'Large', weight: 'Bolder', wrap: true, ...style };
}

/**
 * A translated sentence with one value in bold (or otherwise styled) inside it, as runs: "For **Alex**" /
 * "组织者：**Alex**". The value is a run of its own, so user text stays plain text wherever the language puts it.
 */
export function runsAround(sentence: (placeholder: string) => string, value: string, style: TextStyle, valueStyle: TextStyle): TextRun[] {
  const MARK = '\u0000';
  const [before, ...after] = sentence(MARK).split(MARK);
  return [
    ...(before ? [run(before, style)] : []),
    run(value, { ...style, ...valueStyle }),
    ...(after.join(value) ? [run(after.join(value), style)] : []),
  ];
}
