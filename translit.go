package article

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

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
