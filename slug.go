package article

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"
	"unicode"
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
// what [Slugify] uses; set its fields to change the length limit or to spell
// scripts that the built-in tables do not cover.
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
	if slugPlainASCII(title) {
		return slugAppendWords(dst, title, s.limit())
	}
	var arr [256]byte
	folded, raw := slugFold(arr[:0], title, s.Transliterate, true)
	if raw {
		// Spell what Transliterate returned, with the rules but not
		// Transliterate. The ASCII already there stays as it is.
		folded, _ = slugFold(nil, string(folded), nil, false)
	}
	return slugAppendWords(dst, folded, s.limit())
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

// slugFold appends to dst an ASCII spelling of s for slugAppendWords:
// entities decoded (when unescape is set), quotation marks and format
// characters deleted, letters and digits spelled in ASCII, and a space for
// everything that separates words. ASCII punctuation is kept for
// slugAppendWords to judge.
//
// When translit returned text, it is appended as it is, and raw is true:
// slugFold must run again, without translit, on the result. (A recursive
// call would make dst escape to the heap.)
//
// Rather than putting all of s in NFKC, slugFold takes the compatibility
// decomposition (NFKD) of each rune: the two differ only in composed
// letters, whose marks the built-in rules delete anyway, and in the order of
// marks. Runs for translit are put in NFKC before they are passed on.
func slugFold(dst []byte, s string, translit func(string) string, unescape bool) (folded []byte, raw bool) {
	if unescape && strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	f := slugFolder{dst: dst, run: -1}
	src := slugSource{s, translit}
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			if f.run >= 0 {
				f = f.flush(src, i)
			}
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf {
				j++
			}
			f.dst = append(f.dst, s[i:j]...)
			f.prev = 0
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i0 := i
		i += size
		// Fast paths for what titles hold most, then char.
		t := slugSlow
		if r < slugLatinEnd {
			t = slugLatin[r-utf8.RuneSelf]
		} else if g, lower, ok := slugGreekCyrillic(r, f.prev); ok {
			if f.run >= 0 {
				f = f.flush(src, i0)
			}
			f.dst = append(f.dst, g...)
			f.prev = lower
			continue
		} else if 0xFF01 <= r && r <= 0xFF5E { // fullwidth ASCII
			if f.run >= 0 {
				f = f.flush(src, i0)
			}
			f.dst = append(f.dst, byte(r-0xFEE0))
			f.prev = 0
			continue
		}
		switch {
		case t == slugSlow:
			f = f.char(src, i0, r)
		case t == "":
		case f.run < 0 && t != " ":
			f.dst = append(f.dst, t...) // emit, inlined
			f.prev = 0
		default:
			f = f.emit(src, i0, t)
		}
	}
	if f.run >= 0 {
		f = f.flush(src, len(s))
	}
	return f.dst, f.raw
}

// char handles r, found at src.s[i:], when the fast paths of slugFold did
// not.
func (f slugFolder) char(src slugSource, i int, r rune) slugFolder {
	switch {
	case slugPunctStart <= r && r < slugPunctEnd:
		return f.emit(src, i, slugPunct[r-slugPunctStart])
	case 0x4E00 <= r && r <= 0x9FFF, 0xAC00 <= r && r <= 0xD7A3:
		// CJK ideographs and Hangul syllables: letters without a
		// spelling, and without a decomposition that matters.
		if f.run < 0 {
			f.run = i
		}
		return f
	case 0x1F300 <= r && r <= 0x1FAFF && !(0x1F676 <= r && r <= 0x1F678):
		// Emoji and pictographs: symbols, without decompositions. (The
		// ornamental quotation marks among them are deleted.)
		return f.sep(src, i)
	}
	return f.slowChar(src, i, r)
}

// emit appends t, an entry of slugLatin or slugPunct for src.s[i:].
func (f slugFolder) emit(src slugSource, i int, t string) slugFolder {
	switch t {
	case "":
		return f
	case " ":
		return f.sep(src, i)
	}
	if f.run >= 0 {
		f = f.flush(src, i)
	}
	f.dst = append(f.dst, t...)
	f.prev = 0
	return f
}

// slowChar handles r, found at src.s[i:], with the general rules.
func (f slugFolder) slowChar(src slugSource, i int, r rune) slugFolder {
	switch r {
	case utf8.RuneError, '™', '℠':
		// Invalid UTF-8 and U+FFFD separate. The trademark signs
		// separate rather than becoming the letters "tm" and "sm".
		return f.sep(src, i)
	case '´', '\u1FFD':
		// The acute accent and the Greek oxia, its canonical
		// equivalent, are used as apostrophes and so deleted; NFKC
		// would turn them into a space and a combining mark.
		return f
	}
	d := norm.NFKD.PropertiesString(src.s[i:]).Decomposition()
	if d == nil {
		return f.rune(src, i, r)
	}
	for len(d) > 0 {
		dr, n := utf8.DecodeRune(d)
		f = f.rune(src, i, dr)
		d = d[n:]
	}
	return f
}

// slugSlow marks the runes of slugLatin and slugPunct that need slowChar:
// letters without a spelling, which may go to Transliterate.
const slugSlow = "\x00"

const (
	slugLatinEnd   = 0x250  // slugLatin covers U+0080 to U+024F
	slugPunctStart = 0x2000 // slugPunct covers U+2000 to U+20CF
	slugPunctEnd   = 0x20D0
)

// slugLatin and slugPunct hold what slowChar appends for each rune of
// Latin-1, Latin Extended-A and -B, and of General Punctuation and Currency
// Symbols: "" when it deletes the rune, " " when the rune separates words.
var (
	slugLatin = slugTable(utf8.RuneSelf, slugLatinEnd)
	slugPunct = slugTable(slugPunctStart, slugPunctEnd)
)

func slugTable(lo, hi rune) []string {
	t := make([]string, hi-lo)
	for r := lo; r < hi; r++ {
		s := string(r)
		f := slugFolder{run: -1}.slowChar(slugSource{s: s}, 0, r)
		switch {
		case f.run >= 0:
			t[r-lo] = slugSlow
		case len(f.dst) > 0 && strings.TrimSpace(string(f.dst)) == "":
			t[r-lo] = " "
		default:
			t[r-lo] = string(f.dst)
		}
	}
	return t
}

// slugFolder is the state of slugFold. Its methods take and return it by
// value, and the text and translit are kept apart in a slugSource, so that
// escape analysis can see that dst stays on the stack.
type slugFolder struct {
	dst  []byte
	run  int  // start in s of a run of letters for translit, or -1
	prev rune // the previous letter, lower-cased, for slugSpell
	raw  bool // dst holds output of translit
}

// slugSource is the input of slugFold.
type slugSource struct {
	s        string
	translit func(string) string
}

// rune handles r, found at src.s[i:] or in its decomposition.
func (f slugFolder) rune(src slugSource, i int, r rune) slugFolder {
	switch {
	case r < utf8.RuneSelf:
		if f.run >= 0 {
			f = f.flush(src, i)
		}
		f.dst = append(f.dst, byte(r))
		f.prev = 0
	case 0x300 <= r && r < 0x370:
		// Combining diacritical marks, the most common ones: deleted.
		// A dialytika keeps υ out of a diphthong.
		if (r == 0x308 || r == 0x344) && f.prev == 'υ' && len(f.dst) > 0 {
			f.dst[len(f.dst)-1] = 'y'
		}
	case 0x2000 <= r && r < 0x2070:
		// General punctuation: quotation marks, primes and format
		// characters are deleted, spaces, dashes and the rest separate.
		if !slugIsQuote(r) && !unicode.Is(unicode.Cf, r) {
			f = f.sep(src, i)
		}
	case unicode.IsLetter(r) || unicode.IsNumber(r):
		if t, lower, ok := slugSpell(r, f.prev); ok {
			if f.run >= 0 {
				f = f.flush(src, i)
			}
			f.dst = append(f.dst, t...)
			f.prev = lower
		} else if slugIsQuote(r) {
			// A modifier letter used as an apostrophe, as ʼ: deleted.
		} else if f.run < 0 {
			f.run = i
		}
	case unicode.Is(unicode.M, r), unicode.Is(unicode.Cf, r), slugIsQuote(r):
		// Deleted; or part of the run for translit, if there is one.
	default:
		f = f.sep(src, i)
	}
	return f
}

// sep adds a word separator.
func (f slugFolder) sep(src slugSource, i int) slugFolder {
	if f.run >= 0 {
		f = f.flush(src, i)
	}
	f.dst = append(f.dst, ' ')
	f.prev = 0
	return f
}

// flush ends the current run for translit at src.s[i].
func (f slugFolder) flush(src slugSource, i int) slugFolder {
	f.dst = append(f.dst, ' ')
	if src.translit != nil {
		f.dst = append(f.dst, src.translit(norm.NFKC.String(src.s[f.run:i]))...)
		f.dst = append(f.dst, ' ')
		f.raw = true
	}
	f.run = -1
	return f
}

// slugIsQuote reports whether r, a non-ASCII rune, is an apostrophe or a
// quotation mark.
func slugIsQuote(r rune) bool {
	switch r {
	case '‚', '„', // low quotation marks are Ps, not Pi
		'′', '″', '‴', '‵', '‶', '‷', // primes
		'ʹ', 'ʺ', 'ʻ', 'ʼ', 'ʽ', 'ʾ', 'ʿ', 'ˮ', 'ˈ', // modifier letters
		'՚', '׳', '״', // Armenian apostrophe, Hebrew geresh and gershayim
		'〝', '〞', '〟', 'ꞌ', 'Ꞌ', // double prime quotation marks, saltillo
		'❛', '❜', '❝', '❞', '❟', '❠', '❮', '❯', '🙶', '🙷', '🙸': // ornaments
		return true
	}
	// Quotation_Mark adds ⹂ and the corner brackets 「 」 『 』.
	return unicode.In(r, unicode.Pi, unicode.Pf, unicode.Quotation_Mark)
}

// slugSpell returns the ASCII spelling of r, a non-ASCII letter or digit
// without a compatibility decomposition, when the built-in rules cover it,
// and r in lower case. prev is that letter from the previous call, for the
// Greek diphthongs.
func slugSpell(r, prev rune) (string, rune, bool) {
	r = unicode.ToLower(r)
	if t, ok := slugLetters[r]; ok {
		return t, r, true
	}
	if t, lower, ok := slugGreekCyrillic(r, prev); ok {
		return t, lower, true
	}
	if r < utf8.RuneSelf && slugIsAlnum(byte(r)) { // İ, for one
		return slugAlnumString(slugClass[r]), r, true
	}
	if d, ok := slugDigit(r); ok {
		return slugAlnumString(d), r, true
	}
	return "", r, false
}

// slugGreekCyrillic spells the letters of the Russian alphabet, and those
// of the Greek one with or without tonos and dialytika, without a case table
// or a map. It returns the letter too, lower-cased and without marks.
func slugGreekCyrillic(r, prev rune) (string, rune, bool) {
	switch {
	case 'а' <= r && r <= 'я':
		return slugRussian[r-'а'], r, true
	case 'А' <= r && r <= 'Я':
		return slugRussian[r-'А'], r + 'а' - 'А', true
	case slugGreekStart <= r && r < slugGreekStart+rune(len(slugGreekBase)):
		b := slugGreekBase[r-slugGreekStart]
		switch {
		case b == 0:
			return "", r, false
		case b != 'υ':
			return slugGreek[b-'α'], b, true
		case r == 'ϋ' || r == 'ΰ' || r == 'Ϋ':
			return "y", b, true // the dialytika keeps υ out of a diphthong
		}
		return slugUpsilon(prev), b, true
	}
	return "", r, false
}

// slugGreekBase maps the Greek letters from U+0386 to U+03CE to their base
// letters in lower case, α to ω, and everything else there to 0.
const slugGreekStart = 0x386

var slugGreekBase = func() (t [0x3CF - slugGreekStart]rune) {
	for i := range t {
		r := slugGreekStart + rune(i)
		if !unicode.IsLetter(r) {
			continue
		}
		base := r
		if d := norm.NFD.PropertiesString(string(r)).Decomposition(); d != nil {
			base, _ = utf8.DecodeRune(d)
		}
		if base = unicode.ToLower(base); 'α' <= base && base <= 'ω' {
			t[i] = base
		}
	}
	return t
}()

// slugUpsilon spells υ after prev: ου is ou; αυ, ευ and ηυ are av, ev and
// iv.
func slugUpsilon(prev rune) string {
	switch prev {
	case 'ο':
		return "u"
	case 'α', 'ε', 'η':
		return "v"
	}
	return "y"
}

// slugRussian spells а to я (ICAO 9303).
var slugRussian = [...]string{
	"a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
	"r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu", "ia",
}

// slugGreek spells α to ω (ELOT 743; υ is in slugUpsilon).
var slugGreek = [...]string{
	"a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p",
	"r", "s", "s", "t", "y", "f", "ch", "ps", "o",
}

// slugAlnumString returns c, a lower-case ASCII letter or digit, as a string,
// without allocating.
func slugAlnumString(c byte) string {
	const alnums = "0123456789abcdefghijklmnopqrstuvwxyz"
	i := int(c - '0')
	if c >= 'a' {
		i = int(c-'a') + 10
	}
	return alnums[i : i+1]
}

// slugDigit returns the ASCII digit with the value of r, if r is a decimal
// digit (category Nd). Unicode promises that those come in runs of ten, from
// zero to nine.
func slugDigit(r rune) (byte, bool) {
	for _, rg := range unicode.Nd.R16 {
		if rune(rg.Lo) <= r && r <= rune(rg.Hi) {
			return '0' + byte((r-rune(rg.Lo))%10), true
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if rune(rg.Lo) <= r && r <= rune(rg.Hi) {
			return '0' + byte((r-rune(rg.Lo))%10), true
		}
	}
	return 0, false
}

// slugLetters spells lower-case letters that NFKD does not decompose: Latin
// ones, and Cyrillic ones outside the Russian alphabet (see slugRussian and
// slugGreek for the rest).
var slugLetters = map[rune]string{
	// Latin
	'ß': "ss", 'æ': "ae", 'ø': "o", 'œ': "oe", 'ł': "l", 'đ': "d", 'ð': "d",
	'þ': "th", 'ı': "i", 'ħ': "h", 'ŧ': "t", 'ŋ': "ng", 'ĸ': "k", 'ƒ': "f",
	'ə': "e", 'ǝ': "e", 'ɛ': "e", 'ɔ': "o", 'ƀ': "b", 'ɓ': "b", 'ƈ': "c",
	'ȼ': "c", 'ɖ': "d", 'ɗ': "d", 'ƌ': "d", 'ɇ': "e", 'ǥ': "g", 'ɠ': "g",
	'ɨ': "i", 'ȷ': "j", 'ɉ': "j", 'ƙ': "k", 'ƚ': "l", 'ɫ': "l", 'ɲ': "n",
	'ƞ': "n", 'ɵ': "o", 'ƥ': "p", 'ɋ': "q", 'ɍ': "r", 'ʂ': "s", 'ƭ': "t",
	'ʈ': "t", 'ɐ': "a", 'ⱥ': "a", 'ʉ': "u", 'ʋ': "v", 'ƴ': "y", 'ɏ': "y",
	'ƶ': "z", 'ȥ': "z", 'ʒ': "z", 'ƿ': "w", 'ȸ': "db", 'ȹ': "qp",
	'ƃ': "b", 'ƕ': "hv", 'ƣ': "oi", 'ƫ': "t", 'ƹ': "z", 'ƺ': "z", 'ȝ': "y",
	'ȡ': "d", 'ȣ': "ou", 'ȴ': "l", 'ȵ': "n", 'ȶ': "t", 'ȿ': "s", 'ɀ': "z",
	'ẜ': "s", 'ẝ': "s", 'ẟ': "d", 'ỻ': "ll", 'ỽ': "v", 'ỿ': "y",
	'ⱡ': "l", 'ⱦ': "t", 'ⱨ': "h", 'ⱪ': "k", 'ⱬ': "z", 'ⱱ': "v", 'ⱳ': "w",
	'ⱴ': "v", 'ꜳ': "aa", 'ꜵ': "ao", 'ꜷ': "au", 'ꜹ': "av", 'ꜻ': "av",
	'ꜽ': "ay", 'ꝏ': "oo", 'ꝡ': "vy", 'ᵫ': "ue",
	// Latin: IPA and phonetic letters with a plain base letter, as the
	// alphabets of Africa use some (ɑ ɣ ɩ ʊ), and small capitals
	'ɑ': "a", 'ɒ': "a", 'ɕ': "c", 'ɘ': "e", 'ɜ': "e", 'ɟ': "j", 'ɡ': "g",
	'ɣ': "g", 'ɦ': "h", 'ɧ': "h", 'ɩ': "i", 'ɬ': "l", 'ɭ': "l", 'ɱ': "m",
	'ɳ': "n", 'ɸ': "f", 'ɹ': "r", 'ɺ': "r", 'ɻ': "r", 'ɼ': "r", 'ɽ': "r",
	'ɾ': "r", 'ʃ': "sh", 'ʄ': "j", 'ʇ': "t", 'ʊ': "u", 'ʍ': "w", 'ʎ': "y",
	'ʐ': "z", 'ʑ': "z", 'ʓ': "z", 'ʝ': "j", 'ʞ': "k", 'ʠ': "q", 'ʣ': "dz",
	'ʤ': "dz", 'ʥ': "dz", 'ʦ': "ts", 'ʧ': "ch", 'ʨ': "tc", 'ʪ': "ls",
	'ʫ': "lz", 'ᵬ': "b", 'ᵭ': "d", 'ᵮ': "f", 'ᵯ': "m", 'ᵰ': "n", 'ᵱ': "p",
	'ᵲ': "r", 'ᵳ': "r", 'ᵴ': "s", 'ᵵ': "t", 'ᵶ': "z", 'ᵹ': "g", 'ᵻ': "i",
	'ᵽ': "p", 'ᵾ': "u", 'ᶀ': "b", 'ᶁ': "d", 'ᶂ': "f", 'ᶃ': "g", 'ᶄ': "k",
	'ᶅ': "l", 'ᶆ': "m", 'ᶇ': "n", 'ᶈ': "p", 'ᶉ': "r", 'ᶊ': "s", 'ᶌ': "v",
	'ᶍ': "x", 'ᶎ': "z", 'ᶏ': "a", 'ᶑ': "d", 'ᶒ': "e", 'ᶖ': "i", 'ᶙ': "u",
	'ᴀ': "a", 'ʙ': "b", 'ᴄ': "c", 'ᴅ': "d", 'ᴇ': "e", 'ꜰ': "f", 'ɢ': "g",
	'ʜ': "h", 'ɪ': "i", 'ᴊ': "j", 'ᴋ': "k", 'ʟ': "l", 'ᴍ': "m", 'ɴ': "n",
	'ᴏ': "o", 'ᴘ': "p", 'ʀ': "r", 'ꜱ': "s", 'ᴛ': "t", 'ᴜ': "u", 'ᴠ': "v",
	'ᴡ': "w", 'ʏ': "y", 'ᴢ': "z", 'ᴁ': "ae", 'ɶ': "oe",
	// Cyrillic: Ukrainian, Belarusian, South Slavic, Central Asian
	'є': "ie", 'і': "i", 'ґ': "g", 'ђ': "dj", 'ј': "j", 'љ': "lj",
	'њ': "nj", 'ћ': "c", 'џ': "dz", 'ѕ': "dz", 'ә': "a", 'ғ': "g", 'қ': "k",
	'ң': "n", 'ө': "o", 'ұ': "u", 'ү': "u", 'һ': "h", 'ҳ': "h", 'ҷ': "j",
}

// DefaultPattern is the permalink pattern of [Article.Permalink] and of the
// zero [Pattern].
const DefaultPattern = "/:yearmonth/:id-:slug"

// ErrUnknownToken is the error, wrapped in a [*PatternError], for a token
// that a permalink pattern does not know.
var ErrUnknownToken = errors.New("unknown token")

// ErrEmptyPattern is the error, wrapped in a [*PatternError], for an empty
// permalink pattern.
var ErrEmptyPattern = errors.New("empty pattern")

// A PatternError reports a permalink pattern that does not compile.
type PatternError struct {
	Pattern string // the pattern
	Token   string // the offending token, with its ":" (and braces)
	Offset  int    // byte offset of Token in Pattern
	Err     error  // ErrUnknownToken or ErrEmptyPattern
}

// Error returns the pattern, the token, its byte offset and the reason.
func (e *PatternError) Error() string {
	if e.Token == "" {
		return fmt.Sprintf("article: permalink pattern %q: %v", e.Pattern, e.Err)
	}
	return fmt.Sprintf("article: permalink pattern %q: %v %q at byte %d", e.Pattern, e.Err, e.Token, e.Offset)
}

// Unwrap returns e.Err.
func (e *PatternError) Unwrap() error { return e.Err }

// patToken identifies a pattern token; 0 is literal text.
type patToken uint8

const (
	patLiteral patToken = iota
	patYear
	patMonth
	patDay
	patYearMonth
	patID
	patFeedItemID
	patSlug
	patTitle
	patSource
)

var patTokenNames = map[string]patToken{
	"year": patYear, "month": patMonth, "day": patDay, "yearmonth": patYearMonth,
	"id": patID, "feed_item_id": patFeedItemID,
	"slug": patSlug, "title": patTitle, "source": patSource,
}

type patSegment struct {
	tok patToken
	lit string // for patLiteral
}

// A Pattern is a compiled permalink pattern: literal text and tokens that
// [Pattern.Expand] replaces with values of an [Article]. The tokens are
//
//	:year          year of Date, four digits
//	:month         month of Date, two digits
//	:day           day of the month of Date, two digits
//	:yearmonth     :year and :month together, as in 202507
//	:id            ArticleID in decimal
//	:feed_item_id  FeedItemID in decimal
//	:slug          Title through Pattern.Slugger
//	:source        Source through Pattern.Slugger
//	:title         Title as it is, percent-escaped as one path segment
//
// Dates are taken in the location Date carries: a date written with offset
// +09:00 on the first day of a month stays in that month, whatever the time
// zone of the machine or UTC say.
//
// A token name runs for as long as letters, digits and "_" follow the ":";
// write it in braces, ":{id}_:{slug}", to put such a character right after
// it. "::" stands for a literal ":".
//
// When :slug, :source or :title expands to nothing, one "-" or "_" next to
// it goes too, the one before it first, so that "/:yearmonth/:id-:slug"
// gives "/202507/116410" for a title without a single letter or digit; and
// of two "/" around it, one goes.
//
// The zero Pattern expands like [DefaultPattern]. A Pattern is safe for
// concurrent use as long as its Slugger is not changed meanwhile.
type Pattern struct {
	// Slugger makes the slugs of :slug and :source. The zero Slugger is
	// [Slugify].
	Slugger Slugger

	src  string
	segs []patSegment
}

// defaultPatSegments are the segments of DefaultPattern.
var defaultPatSegments = MustCompilePattern(DefaultPattern).segs

// CompilePattern compiles a permalink pattern such as "/:yearmonth/:id-:slug"
// (see [Pattern] for the tokens). An unknown token gives a [*PatternError]
// wrapping [ErrUnknownToken], with the token and its byte offset; an empty
// pattern one wrapping [ErrEmptyPattern].
func CompilePattern(pattern string) (*Pattern, error) {
	if pattern == "" {
		return nil, &PatternError{Pattern: pattern, Err: ErrEmptyPattern}
	}
	p := &Pattern{src: pattern}
	var lit []byte
	for i := 0; i < len(pattern); {
		c := pattern[i]
		if c != ':' {
			lit = append(lit, c)
			i++
			continue
		}
		if i+1 < len(pattern) && pattern[i+1] == ':' {
			lit = append(lit, ':')
			i += 2
			continue
		}
		var name, tokText string
		if i+1 < len(pattern) && pattern[i+1] == '{' {
			end := strings.IndexByte(pattern[i+2:], '}')
			if end < 0 {
				tokText = pattern[i:]
			} else {
				tokText = pattern[i : i+2+end+1]
				name = pattern[i+2 : i+2+end]
			}
		} else {
			j := i + 1
			for j < len(pattern) && (slugIsAlnum(pattern[j]) || pattern[j] == '_') {
				j++
			}
			tokText, name = pattern[i:j], pattern[i+1:j]
		}
		tok, ok := patTokenNames[name]
		if !ok {
			return nil, &PatternError{Pattern: pattern, Token: tokText, Offset: i, Err: ErrUnknownToken}
		}
		if len(lit) > 0 {
			p.segs = append(p.segs, patSegment{lit: string(lit)})
			lit = lit[:0]
		}
		p.segs = append(p.segs, patSegment{tok: tok})
		i += len(tokText)
	}
	if len(lit) > 0 {
		p.segs = append(p.segs, patSegment{lit: string(lit)})
	}
	return p, nil
}

// MustCompilePattern is like [CompilePattern] but panics if the pattern does
// not compile. It is meant for patterns written in the program, to
// initialise global variables.
func MustCompilePattern(pattern string) *Pattern {
	p, err := CompilePattern(pattern)
	if err != nil {
		panic(err)
	}
	return p
}

// String returns the source text of the pattern; [DefaultPattern] for the
// zero Pattern.
func (p *Pattern) String() string {
	if p == nil || p.segs == nil {
		return DefaultPattern
	}
	return p.src
}

// MarshalText implements [encoding.TextMarshaler]: it returns p.String().
func (p *Pattern) MarshalText() ([]byte, error) {
	return []byte(p.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]: it compiles text into
// p, keeping p.Slugger, so that a Pattern can be read from a configuration
// file.
func (p *Pattern) UnmarshalText(text []byte) error {
	q, err := CompilePattern(string(text))
	if err != nil {
		return err
	}
	p.src, p.segs = q.src, q.segs
	return nil
}

// Expand returns the permalink of a by the pattern. A nil a expands like the
// zero Article.
func (p *Pattern) Expand(a *Article) string {
	if a == nil {
		a = &Article{}
	}
	segs, sl := defaultPatSegments, Slugger{}
	if p != nil {
		sl = p.Slugger
		if p.segs != nil {
			segs = p.segs
		}
	}
	var arr [160]byte
	b := arr[:0]
	skip := false // the next literal starts with a "-", "_" or "/" to skip
	for k, sg := range segs {
		if sg.tok == patLiteral {
			lit := sg.lit
			if skip && lit != "" && (isPatJoiner(lit[0]) || lit[0] == '/') {
				lit = lit[1:]
			}
			skip = false
			b = append(b, lit...)
			continue
		}
		n := len(b)
		b = appendPatToken(b, sg.tok, a, sl)
		if len(b) > n {
			continue
		}
		// The token is empty: drop a "-" or "_" that joined it.
		prevLit := k > 0 && segs[k-1].tok == patLiteral
		switch {
		case prevLit && n > 0 && isPatJoiner(b[n-1]):
			b = b[:n-1]
		case k+1 < len(segs) && segs[k+1].tok == patLiteral &&
			(isPatJoiner(segs[k+1].lit[0]) || prevLit && n > 0 && b[n-1] == '/' && segs[k+1].lit[0] == '/'):
			skip = true
		}
	}
	return string(b)
}

func isPatJoiner(c byte) bool { return c == '-' || c == '_' }

// appendPatToken appends the value of tok for a.
func appendPatToken(b []byte, tok patToken, a *Article, sl Slugger) []byte {
	switch tok {
	case patYear:
		return appendPatYear(b, a.Date.Year())
	case patMonth:
		return appendPat2(b, int(a.Date.Month()))
	case patDay:
		return appendPat2(b, a.Date.Day())
	case patYearMonth:
		return appendPat2(appendPatYear(b, a.Date.Year()), int(a.Date.Month()))
	case patID:
		return strconv.AppendInt(b, a.ArticleID, 10)
	case patFeedItemID:
		return strconv.AppendInt(b, a.FeedItemID, 10)
	case patSlug:
		return sl.appendSlug(b, a.Title)
	case patSource:
		return sl.appendSlug(b, a.Source)
	case patTitle:
		return append(b, url.PathEscape(a.Title)...)
	}
	return b
}

// appendPatYear appends y with at least four digits.
func appendPatYear(b []byte, y int) []byte {
	for d := 1000; d > 1 && 0 <= y && y < d; d /= 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(y), 10)
}

// appendPat2 appends n, 0 to 99, as two digits.
func appendPat2(b []byte, n int) []byte {
	return append(b, byte('0'+n/10), byte('0'+n%10))
}

// Permalink returns the path of a by [DefaultPattern]:
// "/<YYYYMM>/<article_id>-<slug of title>", where YYYYMM is the year and
// month of Date in the offset it carries and the slug is [Slugify]'s, or
// "/<YYYYMM>/<article_id>" when the slug is empty. For the sample article of
// the format, Permalink() equals URL. URL stays what the file says: nothing
// here rewrites it. Use a [Pattern] for another layout; a nil a gives the
// permalink of the zero Article.
func (a *Article) Permalink() string {
	var p Pattern
	return p.Expand(a)
}
