package httpapi

import (
	"context"
	"net/http"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/feed"
)

// feeds answers GET /api/feeds.
func (s *server) feeds(w http.ResponseWriter, r *http.Request) {
	out := []feed.Status{}
	if s.cfg.Feeds != nil {
		out = append(out, s.cfg.Feeds.Statuses()...)
	}
	writeJSON(w, http.StatusOK, list[feed.Status]{Items: out})
}

// noFeeds is the error of feed writes on a server without a feed manager.
func noFeeds() error { return sitrep.Errorf(sitrep.ENOTFOUND, "this server manages no feeds") }

// addFeed answers POST /api/feeds {"spec":"tcp:name=ais1,addr=host:port"}
// (admin): starts the feed (it runs until deleted or the server stops);
// 201 with its status. ECONFLICT when the name is taken.
func (s *server) addFeed(w http.ResponseWriter, r *http.Request) {
	var b struct {
		Spec string `json:"spec"`
	}
	if err := decode(r, &b); err != nil {
		s.writeError(w, r, err)
		return
	}
	if s.cfg.Feeds == nil {
		s.writeError(w, r, noFeeds())
		return
	}
	c, err := feed.ParseSpec(b.Spec)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	// The feed outlives the request.
	if err := s.cfg.Feeds.Start(context.WithoutCancel(r.Context()), c); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.audit(r, "feed.create", c.Name, string(c.Kind)+" "+c.Addr+c.Path)
	out := feed.Status{Name: c.Name, Kind: c.Kind, Addr: c.Addr + c.Path}
	for _, st := range s.cfg.Feeds.Statuses() {
		if st.Name == c.Name {
			out = st
		}
	}
	writeJSON(w, http.StatusCreated, out)
}

// deleteFeed answers DELETE /api/feeds/{name} (admin): stops it; 204.
func (s *server) deleteFeed(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Feeds == nil {
		s.writeError(w, r, noFeeds())
		return
	}
	name := r.PathValue("name")
	if err := s.cfg.Feeds.Stop(name); err != nil {
		s.writeError(w, r, notFound(err, "feed %q not found", clip(name)))
		return
	}
	s.audit(r, "feed.delete", name, "")
	w.WriteHeader(http.StatusNoContent)
}
