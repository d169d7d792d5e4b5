// Package pages generates front matter in the image of what Hugo and Zola
// sites hold, for benchmarks. It does not import article, so the
// package's own tests can use it.
package pages

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// A Page is one generated static-site page: its whole file and the front
// matter between its +++ lines (with the final line ending).
type Page struct {
	Src []byte
	FM  []byte
}

// Pages returns n pages in the image of the front matter that Hugo and Zola
// sites hold: mostly small pages (a title and a native date), blog posts
// with descriptions, tags, categories, weights and flags, some with tables
// ([params], [extra], [taxonomies], [menu.main]), arrays of tables
// ([[resources]], [[extra.links]]), inline tables, translations and the
// odd long summary, from about 30 bytes to 5 KB of front matter. Output is
// deterministic for a given seed.
func Pages(seed uint64, n int) []Page {
	r := rand.New(rand.NewPCG(seed, seed^0x51ed270b2c3d4e5f))
	pages := make([]Page, n)
	for i := range pages {
		var b strings.Builder
		b.WriteString("+++\n")
		switch x := r.IntN(100); {
		case x < 12:
			stubPage(r, &b)
		case x < 45:
			hugoPost(r, &b, i)
		case x < 75:
			zolaPage(r, &b, i)
		case x < 90:
			translatedPage(r, &b, i)
		default:
			bigPage(r, &b, i)
		}
		fm := b.String()[4:]
		b.WriteString("+++\n")
		if r.IntN(3) > 0 {
			b.WriteString("\n")
			b.WriteString(sentence(r, 10+r.IntN(60)))
			b.WriteString("\n")
		}
		src := b.String()
		pages[i] = Page{Src: []byte(src), FM: []byte(fm)}
	}
	return pages
}

var words = strings.Fields(`council budget flood river harbor shipping climate election
minister vote market inflation bank railway night train station airport strike
school hospital research university startup court festival museum football energy
solar wind grid battery factory drought harvest water bridge tunnel housing mayor
city region summit data privacy chips software cloud garden kitchen bicycle`)

var titleParts = []string{
	"Zürich's Café Owners Protest New Rents", "Ångström Labs Raises €40M", "São Paulo Metro Expands",
	"Αθήνα: νέο μετρό ανοίγει", "Москва и Петербург: скоростной поезд", "東京 Stock Exchange Hits Record",
	"Kraków Opens Smog-Free Zone", "“Smart” Meters Fail 5% of Homes",
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func title(r *rand.Rand) string {
	if r.IntN(4) == 0 {
		return pick(r, titleParts)
	}
	s := sentence(r, 4+r.IntN(8))
	return s[:len(s)-1]
}

func sentence(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		w := pick(r, words)
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
	}
	b.WriteByte('.')
	return b.String()
}

var (
	siteTags = []string{"go", "hugo", "zola", "rust", "release", "tutorial", "linux", "web",
		"css", "performance", "security", "notes", "travel", "photography", "books", "music"}
	siteCategories = []string{"Blog", "News", "Engineering", "Personal", "Docs", "Guides"}
	authors        = []string{"Ada Moreau", "Jonas Berg", "Mei Tanaka", "Ravi Iyer", "Sofía Ortega", "Olu Adeyemi"}
	langs          = []string{"de", "fr", "es", "ja", "ru", "pt", "it", "nl"}
	localTitles    = []string{"Über uns", "À propos", "Acerca de", "私たちについて", "О нас", "Sobre nós", "Chi siamo", "Over ons"}
	zoneOffsets    = []string{"Z", "+01:00", "+02:00", "-05:00", "-07:00", "+09:00", "+05:30"}
)

func nativeDate(r *rand.Rand) string {
	y, m, d := 2015+r.IntN(11), 1+r.IntN(12), 1+r.IntN(28)
	switch r.IntN(4) {
	case 0:
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	case 1:
		return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, r.IntN(24), r.IntN(60), r.IntN(60))
	}
	return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d%s", y, m, d, r.IntN(24), r.IntN(60), r.IntN(60), pick(r, zoneOffsets))
}

func quoted(r *rand.Rand, s string) string {
	if r.IntN(5) == 0 && !strings.ContainsAny(s, "'") {
		return "'" + s + "'"
	}
	return fmt.Sprintf("%q", s)
}

func stringList(r *rand.Rand, from []string, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = quoted(r, pick(r, from))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// stubPage is the smallest kind: a title, sometimes a date or a weight.
func stubPage(r *rand.Rand, b *strings.Builder) {
	fmt.Fprintf(b, "title = %s\n", quoted(r, strings.TrimSuffix(sentence(r, 1+r.IntN(3)), ".")))
	switch r.IntN(3) {
	case 0:
		fmt.Fprintf(b, "date = %s\n", nativeDate(r))
	case 1:
		fmt.Fprintf(b, "weight = %d\n", 1+r.IntN(50))
	}
}

// hugoPost is a Hugo blog post, sometimes with [params], a menu entry and
// page resources.
func hugoPost(r *rand.Rand, b *strings.Builder, i int) {
	fmt.Fprintf(b, "title = %s\n", quoted(r, title(r)))
	fmt.Fprintf(b, "date = %s\n", nativeDate(r))
	if r.IntN(3) == 0 {
		fmt.Fprintf(b, "lastmod = %s\n", nativeDate(r))
	}
	fmt.Fprintf(b, "draft = %v\n", r.IntN(8) == 0)
	fmt.Fprintf(b, "description = %s\n", quoted(r, sentence(r, 8+r.IntN(20))))
	fmt.Fprintf(b, "tags = %s\n", stringList(r, siteTags, 1+r.IntN(5)))
	if r.IntN(2) == 0 {
		fmt.Fprintf(b, "categories = %s\n", stringList(r, siteCategories, 1+r.IntN(2)))
	}
	if r.IntN(2) == 0 {
		fmt.Fprintf(b, "weight = %d\n", r.IntN(100))
	}
	if r.IntN(3) == 0 {
		fmt.Fprintf(b, "toc = %v\nslug = \"post-%d\"\n", r.IntN(2) == 0, i)
	}
	if r.IntN(4) == 0 {
		fmt.Fprintf(b, "aliases = [\"/old/%d/\", \"/p/%d\"]\n", i, i)
	}
	if r.IntN(5) == 0 {
		fmt.Fprintf(b, "author = { name = %q, email = \"author%d@example.org\" }\n", pick(r, authors), i)
	}
	if r.IntN(3) == 0 {
		fmt.Fprintf(b, "\n[params]\nauthor = %q\nimages = [\"/img/%d/cover.jpg\"]\nreading_time = %d\nrating = %.1f\n",
			pick(r, authors), i, 2+r.IntN(15), 1+4*r.Float64())
	}
	if r.IntN(5) == 0 {
		fmt.Fprintf(b, "\n[menu.main]\nname = %q\nweight = %d\n", pick(r, siteCategories), r.IntN(20))
	}
	for range r.IntN(3) {
		fmt.Fprintf(b, "\n[[resources]]\nsrc = \"images/%x.jpg\"\ntitle = %q\n", r.Uint32(), sentence(r, 3))
		if r.IntN(2) == 0 {
			fmt.Fprintf(b, "[resources.params]\ncredits = %q\n", pick(r, authors))
		}
	}
}

// zolaPage is a Zola page: taxonomies and [extra].
func zolaPage(r *rand.Rand, b *strings.Builder, i int) {
	fmt.Fprintf(b, "title = %s\n", quoted(r, title(r)))
	fmt.Fprintf(b, "date = %s\n", nativeDate(r))
	if r.IntN(3) == 0 {
		fmt.Fprintf(b, "updated = %s\n", nativeDate(r))
	}
	if r.IntN(2) == 0 {
		fmt.Fprintf(b, "description = %s\n", quoted(r, sentence(r, 6+r.IntN(20))))
	}
	if r.IntN(4) == 0 {
		b.WriteString("template = \"page.html\"\n")
	}
	if r.IntN(3) == 0 {
		fmt.Fprintf(b, "weight = %d\n", r.IntN(40))
	}
	fmt.Fprintf(b, "\n[taxonomies]\ntags = %s\n", stringList(r, siteTags, 1+r.IntN(4)))
	if r.IntN(2) == 0 {
		fmt.Fprintf(b, "categories = %s\n", stringList(r, siteCategories, 1))
	}
	if r.IntN(2) == 0 {
		fmt.Fprintf(b, "\n[extra]\ntoc = %v\nmath = %v\n", r.IntN(2) == 0, r.IntN(5) == 0)
		if r.IntN(2) == 0 {
			fmt.Fprintf(b, "cover = \"/images/%d.png\"\n", i)
		}
		if r.IntN(3) == 0 {
			fmt.Fprintf(b, "\"og:image\" = \"https://example.org/og/%d.png\"\n", i)
		}
		for range r.IntN(4) {
			fmt.Fprintf(b, "\n[[extra.links]]\nname = %q\nurl = \"https://example.org/%x\"\n", sentence(r, 2), r.Uint32())
		}
	}
}

// translatedPage has a translation key and a table of titles per language.
func translatedPage(r *rand.Rand, b *strings.Builder, i int) {
	k := r.IntN(len(langs))
	fmt.Fprintf(b, "title = %q\n", localTitles[k])
	fmt.Fprintf(b, "date = %s\n", nativeDate(r))
	fmt.Fprintf(b, "translationKey = \"page-%d\"\n", i)
	fmt.Fprintf(b, "lang = %q\n", langs[k])
	if r.IntN(2) == 0 {
		fmt.Fprintf(b, "summary = %q\n", localTitles[r.IntN(len(localTitles))]+" — "+sentence(r, 8))
	}
	b.WriteString("\n[translations]\n")
	for _, j := range r.Perm(len(langs))[:2+r.IntN(4)] {
		fmt.Fprintf(b, "%s = %q\n", langs[j], localTitles[j])
	}
}

// bigPage is a long page: a long summary, a multi-line note, many links.
func bigPage(r *rand.Rand, b *strings.Builder, i int) {
	fmt.Fprintf(b, "title = %s\n", quoted(r, title(r)))
	fmt.Fprintf(b, "date = %s\n", nativeDate(r))
	fmt.Fprintf(b, "summary = %q\n", sentence(r, 30+r.IntN(60)))
	fmt.Fprintf(b, "tags = %s\n", stringList(r, siteTags, 3+r.IntN(6)))
	fmt.Fprintf(b, "keywords = [\n  %q,\n  %q,\n  %q,\n]\n", pick(r, siteTags), pick(r, siteTags), pick(r, siteTags))
	if r.IntN(3) == 0 {
		fmt.Fprintf(b, "notes = \"\"\"\n%s\n%s\"\"\"\n", sentence(r, 10), sentence(r, 10))
	}
	fmt.Fprintf(b, "\n[params]\nlocation = { lat = %.4f, lon = %.4f }\nviews = %d\n", 90*r.Float64(), 180*r.Float64(), r.IntN(1_000_000))
	for range 5 + r.IntN(25) {
		fmt.Fprintf(b, "\n[[params.links]]\ntitle = %q\nhref = \"https://example.org/%d/%x\"\nvisited = %s\n",
			sentence(r, 3+r.IntN(6)), i, r.Uint32(), nativeDate(r))
	}
}
