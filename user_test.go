package sitrep

import "testing"

func TestRoleAllows(t *testing.T) {
	cases := []struct {
		have, need Role
		want       bool
	}{
		{RoleViewer, RoleViewer, true},
		{RoleViewer, RoleAnalyst, false},
		{RoleAnalyst, RoleViewer, true},
		{RoleAnalyst, RoleAdmin, false},
		{RoleAdmin, RoleAnalyst, true},
		{RoleAdmin, RoleAdmin, true},
		{"", RoleViewer, false},
		{"root", RoleViewer, false},
		{RoleAdmin, "", false},
		{RoleAdmin, "superuser", false},
	}
	for _, c := range cases {
		if got := c.have.Allows(c.need); got != c.want {
			t.Errorf("%q.Allows(%q) = %v, want %v", c.have, c.need, got, c.want)
		}
	}
	for _, r := range []Role{RoleViewer, RoleAnalyst, RoleAdmin} {
		if !r.Valid() {
			t.Errorf("%q not valid", r)
		}
	}
	if Role("Admin").Valid() {
		t.Error("roles are case-sensitive")
	}
}
