package gen

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

var zones = []*time.Location{
	time.UTC, time.FixedZone("", 2*3600), time.FixedZone("", -5*3600),
	time.FixedZone("", 5*3600+1800), time.FixedZone("", 9*3600), time.FixedZone("", -3*3600),
}

var sources = []string{
	"Example Newswire (ENW)", "Reuters-like Wire", "Le Monde Exemple", "Süddeutsche Beispiel",
	"Nikkei Sample", "El País de Prueba", "The Daily Placeholder",
}

var hosts = []string{"news.example.com", "wire.example.org", "beispiel.example.de", "exemple.example.fr"}

var words = strings.Fields(`council budget flood barrier river harbor shipping climate election
minister parliament vote market shares inflation rate bank railway night train station airport
strike union wages school teachers hospital vaccine research university startup funding court
ruling appeal police festival museum exhibition football league transfer energy solar wind grid
storage battery factory exports tariffs drought harvest farmers water supply bridge tunnel housing
rents tenants mayor city region border talks summit treaty data privacy AI chips software cloud`)

// Titles in several languages and scripts, to feed the slugger realistic
// text: Latin with diacritics, Greek, Cyrillic, and scripts it drops.
var titleParts = []string{
	"Zürich's Café Owners Protest New Rents", "Ångström Labs Raises €40M", "São Paulo Metro Expands",
	"Αθήνα: νέο μετρό ανοίγει", "Москва и Петербург: скоростной поезд", "東京 Stock Exchange Hits Record",
	"Kraków Opens Smog-Free Zone", "Dvořák Festival Draws Crowds", "Reykjavík Geothermal Plan Approved",
	"U.S. Senate Passes 100,000-Job Bill", "AT&T and Verizon Cut Prices", "Œuvres d'art volées retrouvées",
	"İstanbul Ferry Strike Ends", "Łódź Film School Turns 75", "“Smart” Meters Fail 5% of Homes",
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func title(r *rand.Rand) string {
	if r.IntN(3) == 0 {
		return pick(r, titleParts)
	}
	n := 5 + r.IntN(8)
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		w := pick(r, words)
		if i == 0 || r.IntN(2) == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
	}
	if r.IntN(4) == 0 {
		b.WriteString(": " + pick(r, titleParts))
	}
	return b.String()
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

// paragraph writes a paragraph of 25 to 50 words with a few links and
// bold or emphasised words.
func paragraph(r *rand.Rand, b *strings.Builder) {
	b.WriteString("<p>")
	n := 25 + r.IntN(25)
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		w := pick(r, words)
		switch r.IntN(25) {
		case 0:
			b.WriteString(`<a href="https://` + pick(r, hosts) + `/` + w + `/` + strconv.Itoa(r.IntN(10000)) + `" rel="nofollow">` + w + `</a>`)
		case 1:
			b.WriteString("<strong>" + w + "</strong>")
		case 2:
			b.WriteString("<em>" + w + "</em>")
		default:
			b.WriteString(w)
		}
	}
	b.WriteString(".</p>\n")
}

func list(r *rand.Rand, b *strings.Builder) {
	tag := "ul"
	if r.IntN(2) == 0 {
		tag = "ol"
	}
	b.WriteString("<" + tag + ">\n")
	for range 3 + r.IntN(5) {
		b.WriteString("<li>" + sentence(r, 4+r.IntN(8)) + "</li>\n")
	}
	b.WriteString("</" + tag + ">\n")
}

func table(r *rand.Rand, b *strings.Builder) {
	cols := 2 + r.IntN(4)
	b.WriteString("<table>\n<thead><tr>")
	for range cols {
		b.WriteString("<th>" + pick(r, words) + "</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for range 3 + r.IntN(10) {
		b.WriteString("<tr>")
		for range cols {
			b.WriteString("<td>" + strconv.Itoa(r.IntN(100000)) + "</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
}

func image(r *rand.Rand, b *strings.Builder) {
	h := pick(r, hosts)
	b.WriteString(`<figure><img src="https://cdn.` + h + `/img/` + strconv.Itoa(r.IntN(1e6)) + `.jpg" alt="` +
		pick(r, words) + `" width="800" height="450"><figcaption>` + sentence(r, 6) + "</figcaption></figure>\n")
}

// body returns an HTML body of min to max paragraphs, with lists, tables
// and images among them; a large body goes on to 30 to 100 KB.
func body(r *rand.Rand, minP, maxP int, large bool) string {
	var b strings.Builder
	n := minP + r.IntN(maxP-minP+1)
	target := 0
	if large {
		target = 30<<10 + r.IntN(70<<10)
	}
	for i := 0; i < n || b.Len() < target; i++ {
		switch x := r.IntN(20); {
		case x == 0:
			list(r, &b)
		case x == 1 && (large || r.IntN(3) == 0):
			table(r, &b)
		case x == 2:
			image(r, &b)
		case x == 3:
			b.WriteString("<h2>" + sentence(r, 5) + "</h2>\n")
		default:
			paragraph(r, &b)
		}
		if target > 0 && b.Len() > 100<<10 {
			break
		}
	}
	for b.Len() < 1024 { // at least 1 KB
		paragraph(r, &b)
	}
	return b.String()
}
