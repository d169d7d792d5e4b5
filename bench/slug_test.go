package bench

import (
	"testing"

	"github.com/articlekit/article"
	"github.com/gosimple/slug"
)

// asciiTitles are realistic headlines in plain ASCII.
var asciiTitles = []string{
	"Meta Declines to Sign EU's Voluntary AI Code of Practice Amid Upcoming AI Act",
	"AT&T Beats Estimates as Wireless Subscribers Grow",
	"S&P 500 Closes at Record High After Fed Holds Rates Steady",
	"Bitcoin Tops $100,000 for the First Time",
	"U.S. Markets Rally as Inflation Cools to 2.4%",
	"Q3 2025: Results Beat Expectations, Shares Jump 12%",
	"D-Wave Quantum Inc. (NYSE: QBTS) Reviews EU Rules",
	"Nvidia CEO Says 'Game Changer' Chips Ship Next Quarter",
	"Johnson & Johnson's Talc Settlement Rejected by Judge",
	"Apple Unveils iPhone 17 With Faster A19 Chip",
	"Federal Reserve Chair Signals Possible Rate Cuts as Inflation Cools, Labor Market Softens",
	"OpenAI Raises $40 Billion in Record Funding Round",
	"Tesla Recalls 2 Million Vehicles Over Autopilot Concerns",
	"Microsoft to Cut 10,000 Jobs Amid Slowing Demand",
	"#MeToo Founder Speaks @ Davos on Workplace Reform",
	"C++ and C# Developers Most Sought After, Survey Finds",
}

// unicodeTitles are realistic headlines with non-ASCII text.
var unicodeTitles = []string{
	"Apple’s New iPhone Isn’t Cheap — But It’s Selling",
	"Zürich Insurance Expands in Ærø, Łódź and Ørsted’s Home Market",
	"€20bn Bond for Ørsted as Offshore Wind Costs Soar",
	"Москва: новости дня и прогноз погоды",
	"Ελλάδα: Η οικονομία αναπτύσσεται",
	"東京 Stock Exchange 日経平均 Hits Record",
	"Fire 🔥 Sale: Retailers Slash Prices 🔥🔥",
	"ﬁnance Ministers Meet in Genève, Señor Pérez Says “No”",
	"Café Culture Thrives in Montréal’s Plateau",
	"Ｆｕｌｌｗｉｄｔｈ ＡＴ＆Ｔ Results ① and ②",
}

var sink string

// BenchmarkSlug runs article.Slugify and gosimple/slug's Make side by side
// on the same titles. Compare with
//
//	go test -run '^$' -bench Slug -benchmem -count 6 > slug.txt
//	benchstat -col /impl slug.txt
func BenchmarkSlug(b *testing.B) {
	sets := []struct {
		name   string
		titles []string
	}{
		{"ascii", asciiTitles},
		{"unicode", unicodeTitles},
		{"all", append(append([]string(nil), asciiTitles...), unicodeTitles...)},
	}
	impls := []struct {
		name string
		slug func(string) string
	}{
		{"article", article.Slugify},
		{"gosimple", slug.Make},
	}
	for _, set := range sets {
		for _, impl := range impls {
			b.Run("set="+set.name+"/impl="+impl.name, func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					sink = impl.slug(set.titles[i%len(set.titles)])
				}
			})
		}
	}
}

// TestSlugifyASCIIAllocs checks that article.Slugify allocates nothing but
// its result on ASCII titles.
func TestSlugifyASCIIAllocs(t *testing.T) {
	for _, title := range asciiTitles {
		if n := testing.AllocsPerRun(100, func() { sink = article.Slugify(title) }); n > 1 {
			t.Errorf("Slugify(%q): %v allocations, want 1", title, n)
		}
	}
}
