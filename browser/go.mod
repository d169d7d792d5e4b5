module github.com/articlekit/article/browser

go 1.26.0

replace github.com/articlekit/article => ../

require (
	github.com/articlekit/article v0.0.0-00010101000000-000000000000
	github.com/chromedp/cdproto v0.159.0
	github.com/chromedp/chromedp v0.23.0
	golang.org/x/net v0.62.0
)

require (
	github.com/go-json-experiment/json v0.0.0-20260601182631-00ed12fed2a6 // indirect
	github.com/pelletier/go-toml/v2 v2.4.3 // indirect
	golang.org/x/text v0.44.0 // indirect
)
