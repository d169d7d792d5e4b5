package article

import (
	"bytes"
	"html"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// DefaultMaxLen is the length limit, in bytes, of the slugs made by
// [Slugify] and by a [Slugger] whose MaxLen is 0.
const DefaultMaxLen = 80

// Slugify returns the slug of s, for use in a URL path: lower-case ASCII
// letters and digits in words joined by single hyphens, at most
// [DefaultMaxLen] bytes long, or "" when s holds nothing that can be spelled
// that way. It is the zero [Slugger]'s Slug method; see there for the rules.
//
// Slugify is deterministic and idempotent (Slugify(Slugify(s)) ==
// Slugify(s)), accepts any string, invalid UTF-8 included, and never panics.
func Slugify(s string) string {
	return Slugger{}.Slug(s)
}

// A Slugger turns titles into slugs. The zero value is ready to use and is
// what [Slugify] uses; set its fields to change the length limit, to spell
// scripts that the built-in tables do not cover, or to replace words and
// letters in the ways of a language.
//
// A Slugger is safe for concurrent use as long as its fields are not changed
// while it is in use and Transliterate is itself safe for concurrent use.
type Slugger struct {
	// MaxLen is the maximum length of a slug in bytes. A longer slug is cut
	// at the last hyphen at or before MaxLen, or, when its first word alone
	// is longer than that, after MaxLen bytes. Zero means [DefaultMaxLen];
	// a negative value means no limit.
	MaxLen int

	// Transliterate, when not nil, spells in Latin letters the text that
	// the built-in rules would drop. It is called with each maximal run of
	// letters, digits and combining marks that the built-in rules cannot
	// spell (those of scripts other than Latin, Greek and Cyrillic, for the
	// most part), after entity decoding and in NFKC: for "東京 Stock
	// Exchange" it receives "東京". What it returns goes through the rules
	// for titles (but for entity decoding and Transliterate) and forms
	// words of its own, never glued to the text around the run. Returning
	// "" drops the run, which is also what a nil Transliterate does.
	//
	// The signature matches github.com/gosimple/unidecode's Unidecode, so
	// Slugger{Transliterate: unidecode.Unidecode} spells Chinese, Japanese,
	// Korean, Arabic, Hebrew, Indic and other scripts, without making that
	// package a dependency of this one.
	Transliterate func(s string) string

	// Replacer, when not nil, rewrites the title before the rules of
	// [Slugger.Slug] fold it: Slugger{Replacer: strings.NewReplacer("C++", "cpp")} gives
	// "cpp" for "C++", where the rules alone give "c". It sees the title
	// after HTML entity decoding and, when the title is not ASCII, in
	// Unicode normalisation form NFC, so that a key such as "ä" matches
	// both the composed and the decomposed spelling; its keys should be in
	// NFC too. Matching is exact, and so case-sensitive: add "c++" as well
	// if lower-case titles occur. What Replacer returns goes through every
	// rule (but for entity decoding), so a replacement may hold any text:
	// "&" -> " und " gives the word "und".
	//
	// [GermanReplacements] is a ready table for German titles:
	// Slugger{Replacer: strings.NewReplacer(article.GermanReplacements()...)}.
	// A Slugger with a Replacer is idempotent as long as no key can occur in
	// a slug (lower-case ASCII letters, digits and "-").
	Replacer *strings.Replacer
}

// GermanReplacements returns the old, new pairs of German spelling for
// [strings.NewReplacer], to use as a [Slugger]'s Replacer: "ä", "ö" and
// "ü" become "ae", "oe" and "ue" (upper case too; the built-in rules give
// "a", "o" and "u"), "ß" and "ẞ" become "ss", and "&" becomes the word
// "und" (the rules give "and"). So "Müller & Söhne: Straße" gives
// "mueller-und-soehne-strasse".
//
// It returns a new slice on each call; append pairs of your own to it
// before calling strings.NewReplacer (earlier pairs win where two keys match
// at the same place).
func GermanReplacements() []string {
	return []string{
		"ä", "ae", "ö", "oe", "ü", "ue",
		"Ä", "Ae", "Ö", "Oe", "Ü", "Ue",
		"ß", "ss", "ẞ", "SS",
		"&", " und ",
	}
}

// IsSlug reports whether s is a slug as a [Slugger] makes them: one or more
// words of lower-case ASCII letters and digits, joined by single hyphens,
// with no hyphen at either end. The empty string is not a slug.
//
// IsSlug does not check a length: a Slugger's MaxLen may be larger than
// [DefaultMaxLen], or off. Add len(s) <= DefaultMaxLen to check the limit of
// [Slugify]. For every s that IsSlug accepts, a Slugger with no length
// limit and no Replacer returns s unchanged.
func IsSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '-':
			if s[i-1] == '-' {
				return false
			}
		case slugClass[c] < '0' || c >= 'A' && c <= 'Z':
			return false
		}
	}
	return true
}

// Slug returns the slug of title. The rules, in order:
//
//  1. HTML entities are decoded ("AT&amp;T" is "AT&T"), then the text is
//     put in Unicode normalisation form NFKC, which unfolds ligatures,
//     fullwidth forms, circled digits and superscripts ("ﬁ", "Ｆ", "①",
//     "²"). The trademark signs ™ and ℠ are the exception: they separate
//     words rather than becoming the letters "tm" and "sm".
//  2. Apostrophes and quotation marks of every kind (' ’ ‘ ‛ ʼ ` ´ ′ " “ ”
//     „ « » and their kin) are deleted and do not separate words, so "EU's"
//     and "EU’s" both give "eus". So are zero-width characters, soft
//     hyphens and other format characters (Unicode category Cf), and
//     combining marks.
//  3. "&" becomes the word "and", "@" the word "at" and "%" the word
//     "percent", each a word of its own: "AT&T" gives "at-and-t".
//  4. Dotted abbreviations, two or more single letters each followed by a
//     dot, lose their dots: "U.S." gives "us" and "E.U.-wide" "eu-wide". A
//     comma between a digit and exactly three digits is deleted: "100,000"
//     gives "100000". Other dots and commas separate words, so "0.25" gives
//     "0-25".
//  5. Latin letters lose their diacritics and ligatures are spelled out
//     (ß→ss, æ→ae, ø→o, œ→oe, ł→l, đ→d, ð→d, þ→th, ı→i, ħ→h, ŋ→ng and
//     similar). Greek and Cyrillic are transliterated by built-in tables
//     (Greek after ELOT 743, Cyrillic after ICAO 9303, the scheme of
//     passports: "Москва" gives "moskva"). Decimal digits of any script
//     become ASCII digits. Letters that these rules cannot spell, such as
//     those of other scripts, go to Transliterate, or are dropped when it
//     is nil.
//  6. Everything else separates words: white space of any kind, "_", "/",
//     dashes, other punctuation and symbols, currency symbols (Unicode
//     category Sc, so "$100" gives "100"), emoji, invalid UTF-8 and the
//     letters that are dropped.
//  7. Letters are lower-cased, and the words are joined by single hyphens.
//     The result is cut to MaxLen bytes as described there.
//
// Titles that are plain ASCII, without HTML entities, take a fast path that
// skips the Unicode machinery and allocates nothing but the result (nothing
// at all when title is already a slug).
func (s Slugger) Slug(title string) string {
	var arr [128]byte
	out := s.appendSlug(arr[:0], title)
	if string(out) == title {
		return title
	}
	return string(out)
}

// limit returns the length limit of s in bytes, or -1 for none.
func (s Slugger) limit() int {
	switch {
	case s.MaxLen == 0:
		return DefaultMaxLen
	case s.MaxLen < 0:
		return -1
	}
	return s.MaxLen
}

// appendSlug appends the slug of title to dst.
func (s Slugger) appendSlug(dst []byte, title string) []byte {
	unescape := true
	if s.Replacer != nil {
		title = s.replace(title)
		unescape = false
	}
	if slugPlainASCII(title) {
		return slugAppendWords(dst, title, s.limit())
	}
	var arr [256]byte
	folded, raw := slugFold(arr[:0], title, s.Transliterate, unescape)
	if raw {
		// Spell what Transliterate returned, with the rules but not
		// Transliterate. The ASCII already there stays as it is.
		folded, _ = slugFold(nil, string(folded), nil, false)
	}
	return slugAppendWords(dst, folded, s.limit())
}

// replace applies s.Replacer to title, entities decoded and, for a title
// that is not ASCII, in NFC.
func (s Slugger) replace(title string) string {
	if strings.IndexByte(title, '&') >= 0 {
		title = html.UnescapeString(title)
	}
	for i := 0; i < len(title); i++ {
		if title[i] >= utf8.RuneSelf {
			if !norm.NFC.IsNormalString(title[max(i-1, 0):]) { // from the ASCII starter before
				title = norm.NFC.String(title)
			}
			break
		}
	}
	return s.Replacer.Replace(title)
}

// Classes of ASCII bytes in slugClass. A letter or digit maps to itself in
// lower case, so that every class below '0' is a special one.
const (
	slugSep     = iota // separates words
	slugDelete         // deleted: quotation marks
	slugAnd            // the word "and"
	slugAt             // the word "at"
	slugPercent        // the word "percent"
	slugDot            // maybe part of an abbreviation
	slugComma          // maybe a thousands separator
)

// slugClass maps every byte to its lower-case letter or digit, or to one of
// the class constants above; bytes >= 0x80 separate words.
var slugClass = func() (t [256]byte) {
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c)
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = byte(c)
		t[c-'a'+'A'] = byte(c)
	}
	t['\''], t['"'], t['`'] = slugDelete, slugDelete, slugDelete
	t['&'], t['@'], t['%'] = slugAnd, slugAt, slugPercent
	t['.'], t[','] = slugDot, slugComma
	return t
}()

var slugClassWords = [...]string{slugAnd: "and", slugAt: "at", slugPercent: "percent"}

// slugAppendWords appends to dst the slug of in, which must be ASCII text whose
// HTML entities are already decoded (bytes >= 0x80 separate words). limit is
// the length limit in bytes, or negative for none.
func slugAppendWords[T string | []byte](dst []byte, in T, limit int) []byte {
	base := len(dst)
	pending := false // a separator is due before the next letter
	for i := 0; i < len(in); i++ {
		if limit >= 0 && len(dst)-base > limit {
			break // enough to decide where to cut
		}
		c := slugClass[in[i]]
		switch c {
		case slugSep:
			pending = true
			continue
		case slugDelete:
			continue
		case slugAnd, slugAt, slugPercent:
			if len(dst) > base {
				dst = append(dst, '-')
			}
			dst = append(dst, slugClassWords[c]...)
			pending = true
			continue
		case slugDot:
			if !slugAbbrevDot(in, i) {
				pending = true
			}
			continue
		case slugComma:
			if !slugThousandsComma(in, i) {
				pending = true
			}
			continue
		}
		if pending && len(dst) > base {
			dst = append(dst, '-')
		}
		pending = false
		dst = append(dst, c)
	}
	if limit >= 0 && len(dst)-base > limit {
		cut := base + limit
		if j := bytes.LastIndexByte(dst[base:cut+1], '-'); j > 0 {
			cut = base + j
		}
		dst = dst[:cut]
	}
	return dst
}

func slugIsAlnum(c byte) bool  { return slugClass[c] >= '0' }
func slugIsLetter(c byte) bool { return slugClass[c] >= 'a' }
func slugIsDigit(c byte) bool  { return '0' <= c && c <= '9' }

// slugAbbrevDot reports whether the dot at in[i] is deleted as part of a
// dotted abbreviation: it follows a single letter, and a single letter and
// a dot follow it. The first dot of "U.S." is one; the last dot of an
// abbreviation is not, and separates it from what follows.
func slugAbbrevDot[T string | []byte](in T, i int) bool {
	return i >= 1 && slugIsLetter(in[i-1]) && (i == 1 || !slugIsAlnum(in[i-2])) &&
		i+2 < len(in) && slugIsLetter(in[i+1]) && in[i+2] == '.'
}

// slugThousandsComma reports whether the comma at in[i] separates thousands: a
// digit before it, exactly three after it.
func slugThousandsComma[T string | []byte](in T, i int) bool {
	return i >= 1 && slugIsDigit(in[i-1]) &&
		i+3 < len(in) && slugIsDigit(in[i+1]) && slugIsDigit(in[i+2]) && slugIsDigit(in[i+3]) &&
		(i+4 == len(in) || !slugIsDigit(in[i+4]))
}

// slugPlainASCII reports whether s is ASCII with nothing that html.UnescapeString
// could decode, so that it can skip entity decoding and normalisation.
func slugPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return false
		case c == '&' && slugMayBeEntity(s[i+1:]):
			return false
		}
	}
	return true
}

// slugMayBeEntity reports whether s, the text after a "&", might start a
// character reference that html.UnescapeString decodes: "#", a name ended by
// ";", or a name that begins with one of the legacy names that HTML accepts
// without the ";". It may say yes too often, never too rarely.
func slugMayBeEntity(s string) bool {
	if s != "" && s[0] == '#' {
		return true
	}
	n := 0
	for n < len(s) && slugIsAlnum(s[n]) {
		n++
	}
	if n < len(s) && s[n] == ';' {
		return n > 0
	}
	for k := 2; k <= n && k <= 6; k++ {
		if _, ok := slugLegacyEntities[s[:k]]; ok {
			return true
		}
	}
	return false
}

// slugLegacyEntities holds the names of the character references that HTML
// decodes without a final ";".
var slugLegacyEntities = func() map[string]struct{} {
	names := strings.Fields(`AElig AMP Aacute Acirc Agrave Aring Atilde Auml
		COPY Ccedil ETH Eacute Ecirc Egrave Euml GT Iacute Icirc Igrave Iuml LT
		Ntilde Oacute Ocirc Ograve Oslash Otilde Ouml QUOT REG THORN Uacute
		Ucirc Ugrave Uuml Yacute aacute acirc acute aelig agrave amp aring
		atilde auml brvbar ccedil cedil cent copy curren deg divide eacute ecirc
		egrave eth euml frac12 frac14 frac34 gt iacute icirc iexcl igrave iquest
		iuml laquo lt macr micro middot nbsp not ntilde oacute ocirc ograve ordf
		ordm oslash otilde ouml para plusmn pound quot raquo reg sect shy sup1
		sup2 sup3 szlig thorn times uacute ucirc ugrave uml uuml yacute yen yuml`)
	m := make(map[string]struct{}, len(names))
	for _, n := range names {
		m[n] = struct{}{}
	}
	return m
}()
