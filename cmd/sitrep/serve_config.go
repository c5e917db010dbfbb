package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/feed"
)

// flagSet is what resolveServeConfig reads of a command's flags
// (*pflag.FlagSet).
type flagSet interface {
	Changed(name string) bool
	GetString(name string) (string, error)
	GetBool(name string) (bool, error)
}

// serveConfig is the resolved configuration of sitrep serve.
type serveConfig struct {
	Listen        string
	Data          string
	Feeds         []feed.Config
	AnonymousRead bool
	SecureCookies bool
	Detect        bool
	TileURL       string
}

// serveFile is the YAML configuration file of sitrep serve; unset keys
// leave the setting to the defaults (and are overridden by environment
// variables and flags).
type serveFile struct {
	Listen        *string  `yaml:"listen"`
	Data          *string  `yaml:"data"`
	Feeds         []string `yaml:"feeds"`
	AnonymousRead *bool    `yaml:"anonymous_read"`
	SecureCookies *bool    `yaml:"secure_cookies"`
	Detect        *bool    `yaml:"detect"`
	TileURL       *string  `yaml:"tile_url"`
}

// maxConfigFile bounds the configuration file.
const maxConfigFile = 1 << 20

// Default listen address: loopback only.
const defaultListen = "127.0.0.1:8080"

// loadServeFile reads and parses a configuration file. Errors are
// *sitrep.Error: ENOTFOUND for a missing file, EINVALID for one that is too
// large, not YAML, or has unknown keys (the message names the file and,
// from the YAML parser, the line).
func loadServeFile(path string) (serveFile, error) {
	var sf serveFile
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return sf, sitrep.Errorf(sitrep.ENOTFOUND, "config file %s not found", path)
	}
	if err != nil {
		return sf, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxConfigFile+1))
	if err != nil {
		return sf, err
	}
	return parseServeFile(path, b)
}

// parseServeFile parses the configuration file named name with contents
// b. Errors are *sitrep.Error of code EINVALID naming the file: too
// large, not YAML, wrong types, unknown keys.
func parseServeFile(name string, b []byte) (serveFile, error) {
	var sf serveFile
	if len(b) > maxConfigFile {
		return sf, sitrep.Errorf(sitrep.EINVALID, "config file %s: larger than %d bytes", name, maxConfigFile)
	}
	if err := yaml.UnmarshalWithOptions(b, &sf, yaml.Strict()); err != nil {
		return serveFile{}, sitrep.Errorf(sitrep.EINVALID, "config file %s: %s", name, err)
	}
	return sf, nil
}

// envBool parses the boolean environment variable name; ok is false when
// it is unset or empty.
func envBool(getenv func(string) string, name string) (v, ok bool, err error) {
	s := getenv(name)
	if s == "" {
		return false, false, nil
	}
	v, err = strconv.ParseBool(s)
	if err != nil {
		return false, false, sitrep.Errorf(sitrep.EINVALID, "environment variable %s=%q: want true or false", name, s)
	}
	return v, true, nil
}

// resolveServeConfig merges the settings of sitrep serve: flags set on
// the command line, then environment variables (SITREP_LISTEN, SITREP_DATA,
// SITREP_FEEDS with specs separated by ';' or newlines,
// SITREP_ANONYMOUS_READ, SITREP_SECURE_COOKIES, SITREP_DETECT,
// SITREP_TILE_URL), then the configuration file (--config, else
// SITREP_CONFIG), then the defaults. The feed lists are not merged: the
// first source that gives any feed gives them all. defaultData gives the
// data directory when nothing sets it.
//
// Errors: those of loadServeFile, and EINVALID for a bad boolean
// variable or feed spec (naming where it came from).
func resolveServeConfig(fl flagSet, getenv func(string) string, flagFeeds []string, defaultData func() string) (serveConfig, error) {
	cfg := serveConfig{Listen: defaultListen, AnonymousRead: true, Detect: true}
	path, _ := fl.GetString("config")
	if !fl.Changed("config") {
		path = getenv("SITREP_CONFIG")
	}
	var specs []string
	specsFrom := ""
	if path != "" {
		sf, err := loadServeFile(path)
		if err != nil {
			return cfg, err
		}
		setString(&cfg.Listen, sf.Listen)
		setString(&cfg.Data, sf.Data)
		setString(&cfg.TileURL, sf.TileURL)
		setBool(&cfg.AnonymousRead, sf.AnonymousRead)
		setBool(&cfg.SecureCookies, sf.SecureCookies)
		setBool(&cfg.Detect, sf.Detect)
		if len(sf.Feeds) > 0 {
			specs, specsFrom = sf.Feeds, "config file "+path
		}
	}
	for _, e := range []struct {
		name string
		dst  *string
	}{{"SITREP_LISTEN", &cfg.Listen}, {"SITREP_DATA", &cfg.Data}, {"SITREP_TILE_URL", &cfg.TileURL}} {
		if v := getenv(e.name); v != "" {
			*e.dst = v
		}
	}
	for _, e := range []struct {
		name string
		dst  *bool
	}{{"SITREP_ANONYMOUS_READ", &cfg.AnonymousRead}, {"SITREP_SECURE_COOKIES", &cfg.SecureCookies}, {"SITREP_DETECT", &cfg.Detect}} {
		v, ok, err := envBool(getenv, e.name)
		if err != nil {
			return cfg, err
		}
		if ok {
			*e.dst = v
		}
	}
	if v := getenv("SITREP_FEEDS"); strings.TrimSpace(v) != "" {
		specs, specsFrom = nil, "SITREP_FEEDS"
		for _, s := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '\n' }) {
			if s = strings.TrimSpace(s); s != "" {
				specs = append(specs, s)
			}
		}
	}
	if fl.Changed("listen") {
		cfg.Listen, _ = fl.GetString("listen")
	}
	if fl.Changed("data") {
		cfg.Data, _ = fl.GetString("data")
	}
	if fl.Changed("tile-url") {
		cfg.TileURL, _ = fl.GetString("tile-url")
	}
	if fl.Changed("anonymous-read") {
		cfg.AnonymousRead, _ = fl.GetBool("anonymous-read")
	}
	if fl.Changed("secure-cookies") {
		cfg.SecureCookies, _ = fl.GetBool("secure-cookies")
	}
	if fl.Changed("detect") {
		cfg.Detect, _ = fl.GetBool("detect")
	}
	if len(flagFeeds) > 0 {
		specs, specsFrom = flagFeeds, "--feed"
	}
	if cfg.Data == "" {
		cfg.Data = defaultData()
	}
	names := map[string]bool{}
	for _, s := range specs {
		c, err := feed.ParseSpec(s)
		if err != nil {
			return cfg, fmt.Errorf("%s: %w", specsFrom, err)
		}
		if names[c.Name] {
			return cfg, sitrep.Errorf(sitrep.EINVALID, "%s: two feeds named %q; give one a name (?name=...)", specsFrom, c.Name)
		}
		names[c.Name] = true
		cfg.Feeds = append(cfg.Feeds, c)
	}
	return cfg, nil
}

func setString(dst *string, v *string) {
	if v != nil {
		*dst = *v
	}
}

func setBool(dst *bool, v *bool) {
	if v != nil {
		*dst = *v
	}
}
