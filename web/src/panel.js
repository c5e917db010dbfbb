// panel: the side panel that shows one thing at a time (a vessel card, a
// site, the report form). Esc or the close button closes it and returns
// focus to where it was before it opened.
import {$, fill} from './dom.js';

export class Panel {
  constructor() {
    this.el = $('panel');
    this.title = $('panel-title');
    this.body = $('panel-body');
    this.kind = '';
    this.onClose = null;
    this.returnFocus = null;
    $('panel-close').addEventListener('click', () => this.close());
  }

  /** open shows title and content; kind names what is shown ("vessel", "site", "report"). */
  open(kind, title, ...content) {
    if (this.el.hidden) this.returnFocus = document.activeElement;
    if (this.onClose && this.kind !== kind) { const f = this.onClose; this.onClose = null; f(); }
    this.kind = kind;
    this.el.dataset.kind = kind;
    fill(this.title, title);
    fill(this.body, ...content);
    this.el.hidden = false;
    this.body.scrollTop = 0;
    $('panel-close').focus();
  }

  close() {
    if (this.el.hidden) return;
    this.el.hidden = true;
    this.kind = '';
    delete this.el.dataset.kind;
    fill(this.body);
    if (this.onClose) { const f = this.onClose; this.onClose = null; f(); }
    const r = this.returnFocus;
    this.returnFocus = null;
    if (r && document.contains(r) && r !== document.body) r.focus();
    else $('map').focus();
  }
}
