// stream: the live Server-Sent Events stream (/api/stream). Positions and
// events are handed to callbacks; the stream is reopened for a new bbox
// and reconnects by itself (EventSource) when the server drops it.
import {query} from './api.js';

export class Stream {
  constructor({onPosition, onEvent}) {
    this.onPosition = onPosition;
    this.onEvent = onEvent;
    this.es = null;
    this.bbox = null;
    this.received = 0;
    this.state = 'closed';
  }

  /** open (re)opens the stream for bbox ('' for the whole world). */
  open(bbox) {
    if (this.es && this.bbox === bbox) return;
    this.close();
    this.bbox = bbox;
    const es = (this.es = new EventSource('/api/stream' + query({bbox, kind: 'position,event'})));
    this.state = 'connecting';
    es.onopen = () => { this.state = 'open'; };
    es.onerror = () => { this.state = es.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'; };
    es.addEventListener('position', (e) => {
      this.received++;
      try { this.onPosition(JSON.parse(e.data)); } catch (err) { console.warn('sitrep: bad position message', err); }
    });
    es.addEventListener('event', (e) => {
      try { this.onEvent(JSON.parse(e.data)); } catch (err) { console.warn('sitrep: bad event message', err); }
    });
    es.addEventListener('dropped', () => {
      // The server dropped us for falling behind: reload the live view.
      this.close();
      this.state = 'dropped';
      if (this.onDropped) this.onDropped();
    });
  }

  close() {
    if (this.es) this.es.close();
    this.es = null;
    this.bbox = null;
    this.state = 'closed';
  }
}
