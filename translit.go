package article

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

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
