package article

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Defaults of a [Validator] whose fields are zero.
const (
	// DefaultMaxFuture is how far past the present a date may be.
	DefaultMaxFuture = 48 * time.Hour
	// DefaultMaxTitleLen is the longest title, in characters.
	DefaultMaxTitleLen = 300
)

// A Validator checks articles against the rules of the format. Its fields
// are options; the zero value applies the defaults and is what
// [Article.Validate] uses. A Validator holds no state between calls: one
// value may be shared by many goroutines, as long as its fields are not
// changed meanwhile and Now is safe for concurrent use.
//
// The rules, each reported as a [*FieldError] wrapping the sentinel named:
//
//   - title, date, article_id and url are required: a missing or empty
//     title or url, a zero date or a zero article_id is ErrRequired. So is
//     a body that is empty or only white space.
//   - title is one line (no line break), holds no HTML markup and is at
//     most MaxTitleLen characters long; summary and description hold no
//     HTML markup. Markup is a '<' that starts a tag, an end tag, a comment
//     or a processing instruction ("<b>", "</p>", "<!--", "<?"); a lone
//     '<' and entities such as "&amp;" are text. Every string of the
//     schema is valid UTF-8. Breaking one of these is ErrInvalidValue.
//   - source_link, enclosure and qrcode, when set, are absolute http or
//     https URLs with a host, without user information ("user@"), spaces
//     or control characters, and pass the URL check of the sanitiser
//     (see [Policy]); otherwise ErrInvalidURL.
//   - article_id is greater than 0 and feed_item_id is not negative
//     (ErrInvalidValue).
//   - date is not later than Now + MaxFuture (ErrInvalidValue).
//   - url is a path: one with a scheme or host ("https://x/…", "//x/…") is
//     ErrInvalidURL. Once date and article_id are valid, url must match
//     Pattern expanded for the article, every token compared exactly but
//     :slug, which may be any run of the letters a-z, digits and hyphens
//     (or empty, as Pattern.Expand writes it for a title without a slug).
//     A url that differs elsewhere is ErrMismatch; one whose slug part has
//     other characters is ErrInvalidValue. A slug other than the title's
//     is not a problem (titles are edited after publication, URLs are
//     permanent) unless StrictSlug is set; then it is ErrMismatch.
//   - A key of Params that looks like a mistyped schema key is
//     ErrUnknownKey, with a hint such as `did you mean "source"?`: one that
//     differs from a schema key only in case or in "-" for "_" ("Title",
//     "source-link"), or by at most two letters inserted, deleted,
//     replaced or swapped ("sourse", "articleid"), one letter for schema
//     keys of five letters or fewer ("data" for date, but not "name"). Other
//     unknown keys are allowed.
//   - Cleaning the body with Policy removes nothing: each element dropped
//     or unwrapped, attribute removed, URL rejected, link unwrapped for
//     its text or comment dropped is ErrUnsafeHTML on the key "body",
//     located at the tag or attribute in the file. Changes that keep the
//     meaning (rel normalised, noopener added, spaces cleaned from a URL,
//     an attribute set by the policy, quoting and escaping) are not
//     problems. A body past the policy's limits is ErrUnsafeHTML wrapping
//     the sanitiser's error.
type Validator struct {
	// Policy is the policy the body is checked against. Nil means
	// [ArticlePolicy].
	Policy *Policy

	// Pattern is the permalink pattern url must match. Nil means
	// [DefaultPattern], with its Slugger.
	Pattern *Pattern

	// StrictSlug makes a url whose slug is not the slug of the title
	// (by Pattern's Slugger) an error.
	StrictSlug bool

	// Now returns the present time, against which date is checked. Nil
	// means time.Now.
	Now func() time.Time

	// MaxFuture is how far after Now a date may be. Zero means
	// DefaultMaxFuture; a negative value means no limit.
	MaxFuture time.Duration

	// MaxTitleLen is the longest title allowed, in characters (Unicode
	// code points). Zero means DefaultMaxTitleLen; a negative value means
	// no limit.
	MaxTitleLen int
}

// Validate checks a with the zero [Validator]: see there for the rules.
func (a *Article) Validate() error {
	return Validator{}.Validate(a)
}

// Validate checks a against the rules (see [Validator]) and returns nil or
// an error that lists every problem found, one [*FieldError] each:
// [FieldErrors] returns them, errors.Is(err, ErrInvalidURL) and errors.As
// work on it, and it has a method Unwrap() []error that yields them. Its Error() is one
// problem per line, formatted as "LINE:COL: KEY: message", or "KEY:
// message" for a problem without a position.
//
// The problems come in file order: those located in the file first, by
// position, then the others in the order of the canonical layout (schema
// keys, then keys of Params by name, then the body).
//
// For an Article from [Parse], positions are found in the text Parse read,
// only when some problem needs one. A nil a is checked as the zero Article.
//
// Validate has a value receiver, as [Decoder.Decode] and [Slugger.Slug]
// do: article.Validator{StrictSlug: true}.Validate(a) works, and so does a
// *Validator.
func (v Validator) Validate(a *Article) error {
	if a == nil {
		a = &Article{}
	}
	c := checker{v: &v, a: a}
	c.fields()
	c.params()
	c.body()
	if len(c.probs) == 0 {
		return nil
	}
	return c.result()
}

// problem is a FieldError before its position is known.
type problem struct {
	key    string
	order  int  // canonical order, for problems without a position
	keyPos bool // locate at the key's text in the source
	off    int  // else: file offset, or -1
	err    error
}

type checker struct {
	v     *Validator
	a     *Article
	probs []problem
}

// Canonical orders of problems without a position.
const (
	orderParams = numKeys
	orderBody   = numKeys + 1
)

// add records a problem with the schema key idx, located at the key if
// its value is the one Parse read.
func (c *checker) add(idx int, err error, unchanged bool) {
	c.probs = append(c.probs, problem{key: schemaKeys[idx], order: idx, keyPos: unchanged, off: -1, err: err})
}

func (c *checker) fields() {
	a, src := c.a, &c.a.src
	cur := schemaOf(a)
	same := func(changed bool) bool { return src.ok && !changed }
	o := &src.orig

	// Strings: valid UTF-8 first; the other rules of a key only for a
	// valid value.
	strs := [...]struct {
		idx     int
		v       string
		changed bool
	}{
		{keyTitle, a.Title, cur.title != o.title},
		{keySummary, a.Summary, cur.summary != o.summary},
		{keyDescription, a.Description, cur.description != o.description},
		{keySourceLink, a.SourceLink, cur.sourceLink != o.sourceLink},
		{keyEnclosure, a.Enclosure, cur.enclosure != o.enclosure},
		{keyURL, a.URL, cur.url != o.url},
		{keyQRCode, a.QRCode, cur.qrcode != o.qrcode},
		{keySource, a.Source, cur.source != o.source},
	}
	var bad [numKeys]bool
	for _, s := range strs {
		if !utf8.ValidString(s.v) {
			bad[s.idx] = true
			c.add(s.idx, fmt.Errorf("%w: not valid UTF-8", ErrInvalidValue), same(s.changed))
		}
	}

	// title
	titleSame := same(cur.title != o.title)
	switch {
	case a.Title == "":
		c.add(keyTitle, ErrRequired, titleSame)
	case !bad[keyTitle]:
		if strings.IndexByte(a.Title, '\n') >= 0 || strings.IndexByte(a.Title, '\r') >= 0 {
			c.add(keyTitle, fmt.Errorf("%w: more than one line", ErrInvalidValue), titleSame)
		}
		if m := markup(a.Title); m != "" {
			c.add(keyTitle, fmt.Errorf("%w: HTML markup %q", ErrInvalidValue, m), titleSame)
		}
		if max := c.maxTitleLen(); max >= 0 {
			if n := utf8.RuneCountInString(a.Title); n > max {
				c.add(keyTitle, fmt.Errorf("%w: %d characters, more than %d", ErrInvalidValue, n, max), titleSame)
			}
		}
	}

	// date
	dateSame := same(cur.date != o.date)
	if a.Date.IsZero() {
		c.add(keyDate, ErrRequired, dateSame)
	} else if mf := c.maxFuture(); mf >= 0 {
		if now := c.now(); a.Date.After(now.Add(mf)) {
			c.add(keyDate, fmt.Errorf("%w: %s is more than %v in the future",
				ErrInvalidValue, a.Date.Format(time.RFC3339), mf), dateSame)
		}
	}

	// summary, description
	for _, s := range strs[1:3] {
		if !bad[s.idx] {
			if m := markup(s.v); m != "" {
				c.add(s.idx, fmt.Errorf("%w: HTML markup %q", ErrInvalidValue, m), same(s.changed))
			}
		}
	}

	// source_link, enclosure, qrcode
	for _, s := range [...]struct {
		idx     int
		v       string
		changed bool
	}{strs[3], strs[4], strs[6]} {
		if s.v != "" && !bad[s.idx] {
			if why := fieldURLProblem(s.v); why != "" {
				c.add(s.idx, fmt.Errorf("%w: %q %s", ErrInvalidURL, s.v, why), same(s.changed))
			}
		}
	}

	// article_id, feed_item_id
	idSame := same(cur.articleID != o.articleID)
	switch {
	case a.ArticleID == 0:
		c.add(keyArticleID, ErrRequired, idSame)
	case a.ArticleID < 0:
		c.add(keyArticleID, fmt.Errorf("%w: %d is not greater than 0", ErrInvalidValue, a.ArticleID), idSame)
	}
	if a.FeedItemID < 0 {
		c.add(keyFeedItemID, fmt.Errorf("%w: %d is negative", ErrInvalidValue, a.FeedItemID),
			same(cur.feedItemID != o.feedItemID))
	}

	// url
	urlSame := same(cur.url != o.url)
	switch {
	case a.URL == "":
		c.add(keyURL, ErrRequired, urlSame)
	case bad[keyURL]:
	case pathHasSchemeOrHost(a.URL):
		c.add(keyURL, fmt.Errorf("%w: %q has a scheme or host; url is a path", ErrInvalidURL, a.URL), urlSame)
	case a.Date.IsZero() || a.ArticleID <= 0:
		// The pattern cannot be expanded meaningfully.
	default:
		if err := c.matchURL(); err != nil {
			c.add(keyURL, err, urlSame)
		}
	}
}

func (c *checker) maxTitleLen() int {
	if c.v.MaxTitleLen == 0 {
		return DefaultMaxTitleLen
	}
	return c.v.MaxTitleLen
}

func (c *checker) maxFuture() time.Duration {
	if c.v.MaxFuture == 0 {
		return DefaultMaxFuture
	}
	return c.v.MaxFuture
}

func (c *checker) now() time.Time {
	if c.v.Now == nil {
		return time.Now()
	}
	return c.v.Now()
}

// markup returns the first HTML tag, end tag, comment or processing
// instruction in s (up to its '>', shortened to 32 bytes), or "" if s has
// none. A '<' followed by anything else is text for an HTML parser.
func markup(s string) string {
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 || i+j+1 >= len(s) {
			return ""
		}
		i += j + 1
		if c := s[i]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '/' || c == '!' || c == '?' {
			end := len(s)
			if k := strings.IndexByte(s[i:], '>'); k >= 0 {
				end = i + k + 1
			}
			return shortText(s[i-1:end], 32)
		}
	}
}

// shortText cuts s to at most n bytes at a rune boundary, marking the cut
// with "…".
func shortText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// params flags keys of Params that look like mistyped schema keys.
func (c *checker) params() {
	if len(c.a.Params) == 0 {
		return
	}
	var names []string
	for k := range c.a.Params {
		if _, ok := similarKey(k); ok {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	for _, k := range names {
		c.probs = append(c.probs, problem{key: k, order: orderParams, keyPos: c.a.src.ok, off: -1,
			err: unknownKeyError(k)})
	}
}

// result sorts the problems, locates them and builds the error.
func (c *checker) result() error {
	var at map[string]int // key → offset of its text
	for i := range c.probs {
		p := &c.probs[i]
		if !p.keyPos {
			continue
		}
		if at == nil {
			keys := c.a.src.keys()
			at = make(map[string]int, len(keys))
			for _, k := range keys {
				at[k.name] = k.key.start
			}
		}
		if off, ok := at[p.key]; ok {
			p.off = off
		}
	}
	sort.SliceStable(c.probs, func(i, j int) bool {
		pi, pj := c.probs[i], c.probs[j]
		switch {
		case pi.off >= 0 && pj.off >= 0:
			return pi.off < pj.off
		case pi.off >= 0 || pj.off >= 0:
			return pi.off >= 0
		}
		return pi.order < pj.order
	})
	errs := make(validationError, len(c.probs))
	tp := textPos{text: c.a.src.text}
	for i, p := range c.probs {
		fe := &FieldError{Key: p.key, Err: p.err}
		if p.off >= 0 {
			fe.Line, fe.Column = tp.at(p.off)
		}
		errs[i] = fe
	}
	return errs
}

// validationError is the error of Validate: the FieldErrors, one per line.
type validationError []error

func (e validationError) Error() string {
	var b strings.Builder
	for i, err := range e {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(err.Error())
	}
	return b.String()
}

func (e validationError) Unwrap() []error { return e }

// FieldErrors returns the problems of an error from [Validator.Validate]
// (or [Article.Validate]), in the order Validate gives them: file order.
// It looks through wrapping (fmt.Errorf with %w, [errors.Join]), collecting
// every [*FieldError] in err's tree depth first, and returns nil for nil
// and for an error that holds no FieldError.
func FieldErrors(err error) []*FieldError {
	var out []*FieldError
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case nil:
		case *FieldError:
			out = append(out, e)
		case validationError:
			for _, fe := range e {
				walk(fe)
			}
		case interface{ Unwrap() error }:
			walk(e.Unwrap())
		case interface{ Unwrap() []error }:
			for _, u := range e.Unwrap() {
				walk(u)
			}
		}
	}
	walk(err)
	return out
}
