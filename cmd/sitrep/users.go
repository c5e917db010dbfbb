package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"os/user"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/auth"
	"github.com/sitrep-osint/sitrep/sqlite"
	"github.com/spf13/cobra"
)

// The commands here manage users, API tokens and the audit log in the data
// directory. Every change is written to the audit log as the actor
// "cli:<OS user>" with the admin role and remote "local". They open the
// store themselves: while `sitrep serve` runs on the same data directory,
// use the HTTP API (/api/users, /api/tokens) instead.

func newUsersCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "users",
		Short: "Manage the people who sign in to the web UI and API",
		Long: `Users sign in to the web UI with a name and password, or use API tokens
(see "sitrep tokens"). Each has a role:

  viewer   read everything
  analyst  also write reports, sources, entities and sites
  admin    also manage feeds, users and tokens, and read the audit log

On a fresh data directory, start with "sitrep users init-admin". Passwords
are hashed with argon2id; a password the command makes up is printed once.
Every change is recorded in the audit log (see "sitrep audit") as
"cli:<your OS user>".`,
		Example: `  sitrep users init-admin
  sitrep users add ana --role analyst
  printf '%s\n' "$PW" | sitrep users add ana --role analyst --password-stdin
  sitrep users list
  sitrep users set ana --role viewer --disable`,
	}
	cmd.AddCommand(newUsersAddCmd(), newUsersListCmd(), newUsersSetCmd(), newUsersInitAdminCmd())
	return cmd
}

// cliPrincipal is the actor of CLI changes in the audit log.
func cliPrincipal() auth.Principal {
	name := os.Getenv("USER")
	if name == "" {
		if u, err := user.Current(); err == nil {
			name = u.Username
		}
	}
	if name == "" {
		name = "unknown"
	}
	return auth.Principal{User: "cli:" + name, Role: sitrep.RoleAdmin, Remote: "local"}
}

// openAuth opens the store in dir and an Authenticator on it.
func openAuth(cmd *cobra.Command, dir string) (context.Context, *sqlite.Store, *auth.Authenticator, error) {
	ctx, s, err := openStore(cmd, dir)
	if err != nil {
		return nil, nil, nil, err
	}
	return ctx, s, &auth.Authenticator{Store: s}, nil
}

// audit records a CLI change; a failure is reported on stderr (the change
// itself has been made) and returned.
func audit(cmd *cobra.Command, ctx context.Context, a *auth.Authenticator, action, object, detail string) error {
	if err := a.Audit(ctx, cliPrincipal(), action, object, detail); err != nil {
		fmt.Fprintf(cmd.ErrOrStderr(), "warning: %s %s done but not recorded in the audit log: %v\n", action, object, err)
		return err
	}
	return nil
}

// readPassword reads one line from r (a terminal or a pipe), without its
// line ending.
//
// Errors: EINVALID when there is no line or it is longer than
// auth.MaxPassword.
func readPassword(r io.Reader) (string, error) {
	br := bufio.NewReader(io.LimitReader(r, auth.MaxPassword+3))
	line, err := br.ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if len(line) > auth.MaxPassword {
		return "", sitrep.Errorf(sitrep.EINVALID, "password on standard input is longer than %d bytes", auth.MaxPassword)
	}
	if line == "" {
		return "", sitrep.Errorf(sitrep.EINVALID, "no password on standard input")
	}
	return line, nil
}

// generatePassword returns 18 random bytes as 24 base64url characters.
func generatePassword() (string, error) {
	b := make([]byte, 18)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// passwordFlag adds --password-stdin.
func passwordFlag(cmd *cobra.Command) *bool {
	return cmd.Flags().Bool("password-stdin", false, "read the password from the first line of standard input")
}

func newUsersAddCmd() *cobra.Command {
	var role string
	cmd := &cobra.Command{
		Use:   "add NAME",
		Short: "Create a user",
		Long: `Create a user with a role. Without --password-stdin a strong random password
is made up and printed once: pass it on to the user, who can have it changed
with "sitrep users set NAME --password-stdin". NAME is a slug: a-z, 0-9 and
- _ . (not first), at most 64 characters. Passwords have 8 to 1024 characters.`,
		Example: `  sitrep users add ana --role analyst
  printf '%s\n' "$PW" | sitrep users add ana --role analyst --password-stdin`,
		Args: cobra.ExactArgs(1),
	}
	dataDir := dataDirFlag(cmd)
	stdin := passwordFlag(cmd)
	cmd.Flags().StringVar(&role, "role", string(sitrep.RoleViewer), "viewer, analyst or admin")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		pw, generated, err := passwordInput(cmd, *stdin)
		if err != nil {
			return err
		}
		ctx, s, a, err := openAuth(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		u, err := a.CreateUser(ctx, args[0], pw, sitrep.Role(role))
		if err != nil {
			return err
		}
		auditErr := audit(cmd, ctx, a, "user.create", u.Name, "role "+string(u.Role))
		fmt.Fprintf(cmd.ErrOrStderr(), "created %s (%s)\n", u.Name, u.Role)
		if generated {
			fmt.Fprintf(cmd.OutOrStdout(), "password for %s (shown once): %s\n", u.Name, pw)
		}
		return auditErr
	}
	return cmd
}

// passwordInput returns the password from stdin when fromStdin, else a
// generated one.
func passwordInput(cmd *cobra.Command, fromStdin bool) (pw string, generated bool, err error) {
	if fromStdin {
		pw, err = readPassword(cmd.InOrStdin())
		if err == nil {
			err = auth.ValidatePassword(pw)
		}
		return pw, false, err
	}
	pw, err = generatePassword()
	return pw, true, err
}

func newUsersListCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List users with their roles",
		Args:  cobra.NoArgs,
	}
	dataDir := dataDirFlag(cmd)
	format := formatFlag(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if err := checkFormat(*format); err != nil {
			return err
		}
		ctx, s, err := openStore(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		us, err := s.Users(ctx)
		if err != nil {
			return err
		}
		if *format == "json" {
			return writeJSON(cmd.OutOrStdout(), us) // PasswordHash is json:"-"
		}
		tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tROLE\tSTATE\tCREATED")
		for _, u := range us {
			state := "enabled"
			if u.Disabled {
				state = "disabled"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Name, u.Role, state, u.Created.UTC().Format(time.RFC3339))
		}
		return tw.Flush()
	}
	return cmd
}

func newUsersSetCmd() *cobra.Command {
	var role string
	var disable, enable bool
	cmd := &cobra.Command{
		Use:   "set NAME",
		Short: "Change a user's role, password, or whether it may sign in",
		Long: `Change what the flags say. A disabled user's sessions and API tokens stop
working at their next request; a lower role applies at once too. The last
enabled admin can be neither demoted nor disabled.`,
		Example: `  sitrep users set ana --role viewer
  sitrep users set ana --disable
  printf '%s\n' "$PW" | sitrep users set ana --password-stdin`,
		Args: cobra.ExactArgs(1),
	}
	dataDir := dataDirFlag(cmd)
	stdin := passwordFlag(cmd)
	cmd.Flags().StringVar(&role, "role", "", "new role: viewer, analyst or admin")
	cmd.Flags().BoolVar(&disable, "disable", false, "refuse the user's sign-ins, sessions and tokens")
	cmd.Flags().BoolVar(&enable, "enable", false, "allow the user again")
	cmd.MarkFlagsMutuallyExclusive("disable", "enable")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		var ch auth.UserChange
		var detail []string
		if role != "" {
			r := sitrep.Role(role)
			ch.Role = &r
			detail = append(detail, "role "+role)
		}
		if disable || enable {
			ch.Disabled = &disable
			detail = append(detail, fmt.Sprintf("disabled %t", disable))
		}
		if *stdin {
			pw, err := readPassword(cmd.InOrStdin())
			if err != nil {
				return err
			}
			ch.Password = &pw
			detail = append(detail, "password changed")
		}
		if len(detail) == 0 {
			return sitrep.Errorf(sitrep.EINVALID, "nothing to change: give --role, --disable, --enable or --password-stdin")
		}
		ctx, s, a, err := openAuth(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		u, err := a.SetUser(ctx, args[0], ch)
		if err != nil {
			return err
		}
		auditErr := audit(cmd, ctx, a, "user.update", u.Name, strings.Join(detail, "; "))
		fmt.Fprintf(cmd.ErrOrStderr(), "updated %s: %s\n", u.Name, strings.Join(detail, "; "))
		return auditErr
	}
	return cmd
}

func newUsersInitAdminCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "init-admin [NAME]",
		Short: "First run: create the first admin (default name: admin)",
		Long: `Create the first admin with a random password, printed once. It refuses when
the data directory already has an admin (enabled or not): then use
"sitrep users add" and "sitrep users set".`,
		Example: `  sitrep users init-admin
  sitrep users init-admin ops --data /var/lib/sitrep`,
		Args: cobra.MaximumNArgs(1),
	}
	dataDir := dataDirFlag(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		name := "admin"
		if len(args) == 1 {
			name = args[0]
		}
		ctx, s, a, err := openAuth(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		us, err := s.Users(ctx)
		if err != nil {
			return err
		}
		for _, u := range us {
			if u.Role == sitrep.RoleAdmin {
				return sitrep.Errorf(sitrep.ECONFLICT, "an admin exists already (%s); use \"sitrep users add\" or \"sitrep users set\"", u.Name)
			}
		}
		pw, err := generatePassword()
		if err != nil {
			return err
		}
		u, err := a.CreateUser(ctx, name, pw, sitrep.RoleAdmin)
		if err != nil {
			return err
		}
		auditErr := audit(cmd, ctx, a, "user.create", u.Name, "role admin (init-admin)")
		fmt.Fprintf(cmd.ErrOrStderr(), "created admin %s; sign in at the web UI and keep the password safe\n", u.Name)
		fmt.Fprintf(cmd.OutOrStdout(), "password for %s (shown once): %s\n", u.Name, pw)
		return auditErr
	}
	return cmd
}

func newTokensCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "tokens",
		Short: "Manage API tokens (for scripts, notebooks and feeds)",
		Long: `An API token lets a program call the HTTP API as a user, with the header
"Authorization: Bearer <secret>". Its role may be lower than its user's (the
lower of the two applies); it stops working when it expires, is revoked, or
its user is disabled. The secret (sitrep_<id>_<random>) is printed once; only
its SHA-256 digest is stored.`,
		Example: `  sitrep tokens create --user ana --name notebook --role viewer --expires 720h
  sitrep tokens list
  sitrep tokens revoke 3f9c0d2a71b4e856`,
	}
	cmd.AddCommand(newTokensCreateCmd(), newTokensListCmd(), newTokensRevokeCmd())
	return cmd
}

func newTokensCreateCmd() *cobra.Command {
	var userName, name, role string
	var expires time.Duration
	cmd := &cobra.Command{
		Use:   "create --user USER --name LABEL",
		Short: "Make an API token and print its secret once",
		Long: `Make an API token for USER. The secret alone goes to standard output (so that
TOKEN=$(sitrep tokens create ...) works); what was made goes to standard
error. --role defaults to the user's and may not exceed it. --expires 0 makes
a token that never expires.`,
		Example: `  sitrep tokens create --user ana --name notebook
  sitrep tokens create --user feeder --name "ingest box" --role analyst --expires 0`,
		Args: cobra.NoArgs,
	}
	dataDir := dataDirFlag(cmd)
	cmd.Flags().StringVar(&userName, "user", "", "the user the token acts as (required)")
	cmd.Flags().StringVar(&name, "name", "", "a label, such as where the token is used (required)")
	cmd.Flags().StringVar(&role, "role", "", "viewer, analyst or admin (default: the user's role)")
	cmd.Flags().DurationVar(&expires, "expires", 720*time.Hour, "lifetime (0: never expires)")
	_ = cmd.MarkFlagRequired("user")
	_ = cmd.MarkFlagRequired("name")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if expires < 0 {
			return sitrep.Errorf(sitrep.EINVALID, "--expires must not be negative")
		}
		ctx, s, a, err := openAuth(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		var until time.Time
		if expires > 0 {
			until = time.Now().Add(expires)
		}
		secret, t, err := a.CreateToken(ctx, userName, name, sitrep.Role(role), until)
		if err != nil {
			return err
		}
		auditErr := audit(cmd, ctx, a, "token.create", t.ID, fmt.Sprintf("for %s, role %s, %q", t.User, t.Role, t.Name))
		exp := "never expires"
		if !t.Expires.IsZero() {
			exp = "expires " + t.Expires.Format(time.RFC3339)
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "token %s for %s (%s, %s); the secret is shown once:\n", t.ID, t.User, t.Role, exp)
		fmt.Fprintln(cmd.OutOrStdout(), secret)
		return auditErr
	}
	return cmd
}

func newTokensListCmd() *cobra.Command {
	var userName string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List API tokens (never their secrets)",
		Args:  cobra.NoArgs,
	}
	dataDir := dataDirFlag(cmd)
	format := formatFlag(cmd)
	cmd.Flags().StringVar(&userName, "user", "", "only this user's tokens")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if err := checkFormat(*format); err != nil {
			return err
		}
		ctx, s, err := openStore(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		ts, err := s.Tokens(ctx, userName)
		if err != nil {
			return err
		}
		if *format == "json" {
			return writeJSON(cmd.OutOrStdout(), ts) // Hash is json:"-"
		}
		tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tUSER\tROLE\tNAME\tCREATED\tEXPIRES\tLAST USED")
		when := func(t time.Time, zero string) string {
			if t.IsZero() {
				return zero
			}
			return t.UTC().Format(time.RFC3339)
		}
		for _, t := range ts {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.User, t.Role, t.Name,
				when(t.Created, "-"), when(t.Expires, "never"), when(t.LastUsed, "never"))
		}
		return tw.Flush()
	}
	return cmd
}

func newTokensRevokeCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "revoke ID",
		Short: "Revoke an API token; it stops working at once",
		Args:  cobra.ExactArgs(1),
	}
	dataDir := dataDirFlag(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx, s, a, err := openAuth(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		if err := a.RevokeToken(ctx, args[0]); err != nil {
			return err
		}
		auditErr := audit(cmd, ctx, a, "token.revoke", args[0], "")
		fmt.Fprintf(cmd.ErrOrStderr(), "revoked token %s\n", args[0])
		return auditErr
	}
	return cmd
}

func newAuditCmd() *cobra.Command {
	var f sitrep.AuditFilter
	var from, to string
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Show the audit log of changes, newest first",
		Long: `Every change made through the API or these commands is recorded: when, who
(a user, with the token ID when a token was used, or cli:<OS user>), with
which role, from which address, the action (such as report.create,
user.update, token.revoke), the object and a short detail.
--action matches exactly, or every action it prefixes when it ends in "."`,
		Example: `  sitrep audit
  sitrep audit --actor ana --action report. --from 2025-01-25
  sitrep audit --format json --limit 1000`,
		Args: cobra.NoArgs,
	}
	dataDir := dataDirFlag(cmd)
	format := formatFlag(cmd)
	cmd.Flags().StringVar(&f.Actor, "actor", "", "only entries by this actor")
	cmd.Flags().StringVar(&f.Action, "action", "", `only this action, or those starting with it when it ends in "."`)
	cmd.Flags().StringVar(&from, "from", "", "only entries from this time (RFC 3339, or YYYY-MM-DD in UTC)")
	cmd.Flags().StringVar(&to, "to", "", "only entries before this time (RFC 3339; a YYYY-MM-DD date includes that day)")
	cmd.Flags().IntVar(&f.Limit, "limit", 100, "at most this many entries (0: all)")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if err := checkFormat(*format); err != nil {
			return err
		}
		r, err := rangeFlags(from, to)
		if err != nil {
			return err
		}
		f.Range = r
		ctx, s, err := openStore(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		es, err := s.Audit(ctx, f)
		if err != nil {
			return err
		}
		if *format == "json" {
			return writeJSON(cmd.OutOrStdout(), es)
		}
		tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "TIME\tACTOR\tTOKEN\tROLE\tACTION\tOBJECT\tREMOTE\tDETAIL")
		for _, e := range es {
			tok := e.Token
			if tok == "" {
				tok = "-"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Time.UTC().Format(time.RFC3339), e.Actor, tok, e.Role,
				e.Action, e.Object, e.Remote, e.Detail)
		}
		return tw.Flush()
	}
	return cmd
}
