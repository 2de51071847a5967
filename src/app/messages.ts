/**
 * The message panel: every error a person can act on is shown here, on the page, not only
 * in the console. Each message has a topic; a new message on a topic replaces the old one.
 */

/** What a message is about; tests find messages by it (`data-topic`). */
export type Topic =
  | 'gpu'
  | 'device-lost'
  | 'gpu-error'
  | 'url'
  | 'file'
  | 'input'
  | 'limit'
  | 'blow-up'
  | 'preset';

/** A button shown with a message, e.g. "Restart" after the device was lost. */
export interface MessageAction {
  label: string;
  run: () => void;
}

export class MessagePanel {
  private readonly root: HTMLElement;
  private readonly shown = new Map<Topic, HTMLElement>();

  constructor(root: HTMLElement) {
    this.root = root;
  }

  /** Shows `text` for `topic`, replacing any earlier message on that topic. */
  show(topic: Topic, text: string, actions: readonly MessageAction[] = []): void {
    this.clear(topic);
    const item = document.createElement('div');
    item.className = 'message';
    item.dataset.topic = topic;
    item.setAttribute('role', 'alert');

    const body = document.createElement('span');
    body.className = 'message-text';
    body.textContent = text;
    item.append(body);

    for (const action of actions) {
      const button = document.createElement('button');
      button.textContent = action.label;
      button.addEventListener('click', action.run);
      item.append(button);
    }
    const close = document.createElement('button');
    close.className = 'message-close';
    close.textContent = '×';
    close.title = 'Dismiss';
    close.addEventListener('click', () => this.clear(topic));
    item.append(close);

    this.root.append(item);
    this.shown.set(topic, item);
  }

  /** Removes the message on `topic`, if any. */
  clear(topic: Topic): void {
    this.shown.get(topic)?.remove();
    this.shown.delete(topic);
  }

  /** The texts now shown, for the test hook. */
  texts(): string[] {
    return [...this.shown.values()].map((item) => item.querySelector('span')!.textContent!);
  }
}
