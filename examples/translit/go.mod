module github.com/articlekit/article/examples/translit

go 1.26.0

replace github.com/articlekit/article => ../..

require (
	github.com/articlekit/article v0.0.0-00010101000000-000000000000
	github.com/gosimple/unidecode v1.0.1
)

require (
	github.com/pelletier/go-toml/v2 v2.4.3 // indirect
	golang.org/x/net v0.62.0 // indirect
	golang.org/x/text v0.44.0 // indirect
)
