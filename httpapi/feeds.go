package httpapi

import (
	"context"
	"net/http"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/auth"
	"github.com/sitrep-osint/sitrep/feed"
)

// feeds answers GET /api/feeds. Only admins see LastDrop, which quotes
// the start of a dropped line: what a feed carries is not every reader's.
func (s *server) feeds(w http.ResponseWriter, r *http.Request) error {
	var out []feed.Status
	if s.cfg.Feeds != nil {
		out = s.cfg.Feeds.Statuses()
	}
	if p, _ := auth.FromContext(r.Context()); !p.Role.Allows(sitrep.RoleAdmin) {
		for i := range out {
			out[i].LastDrop = ""
		}
	}
	writeJSON(w, http.StatusOK, items(out))
	return nil
}

// noFeeds is the error of feed writes on a server without a feed manager.
func noFeeds() error { return sitrep.Errorf(sitrep.ENOTFOUND, "this server manages no feeds") }

// addFeed answers POST /api/feeds {"spec":"tcp:name=ais1,addr=host:port"}
// (admin): starts the feed (it runs until deleted or the server stops);
// 201 with its status. ECONFLICT when the name is taken.
func (s *server) addFeed(w http.ResponseWriter, r *http.Request) error {
	var b struct {
		Spec string `json:"spec"`
	}
	if err := decode(r, &b); err != nil {
		return err
	}
	if s.cfg.Feeds == nil {
		return noFeeds()
	}
	c, err := feed.ParseSpec(b.Spec)
	if err != nil {
		return err
	}
	// The feed outlives the request.
	if err := s.cfg.Feeds.Start(context.WithoutCancel(r.Context()), c); err != nil {
		return err
	}
	s.audit(r, "feed.create", c.Name, string(c.Kind)+" "+c.Addr+c.Path)
	out := feed.Status{Name: c.Name, Kind: c.Kind, Addr: c.Addr + c.Path}
	for _, st := range s.cfg.Feeds.Statuses() {
		if st.Name == c.Name {
			out = st
		}
	}
	writeJSON(w, http.StatusCreated, out)
	return nil
}

// deleteFeed answers DELETE /api/feeds/{name} (admin): stops it; 204.
func (s *server) deleteFeed(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Feeds == nil {
		return noFeeds()
	}
	name := r.PathValue("name")
	if err := s.cfg.Feeds.Stop(name); err != nil {
		return notFound(err, "feed %q not found", clip(name))
	}
	s.audit(r, "feed.delete", name, "")
	w.WriteHeader(http.StatusNoContent)
	return nil
}
