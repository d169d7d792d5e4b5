package article

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBodyPosition(t *testing.T) {
	const fm = "+++\ntitle = \"T\"\n+++\n\n"
	tests := []struct {
		name, file string
		off        int
		line, col  int
	}{
		{"first byte", fm + "<p>a</p>\n", 0, 5, 1},
		{"same line", fm + "<p>a <b>x</b></p>\n", 5, 5, 6},
		{"second line", fm + "<p>a</p>\n<p>b</p>\n", 9, 6, 1},
		{"crlf and bom", "\uFEFF\r\n" + strings.ReplaceAll(fm, "\n", "\r\n") + "<p>é</p>\r\n<i>", 11, 7, 1},
		{"end of body", fm + "<p>", 3, 5, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(strings.NewReader(tt.file))
			require.NoError(t, err)
			line, col, ok := a.BodyPosition(tt.off)
			require.True(t, ok)
			assert.Equal(t, tt.line, line, "line")
			assert.Equal(t, tt.col, col, "column")
		})
	}
}

func TestBodyPositionWithoutSource(t *testing.T) {
	a, err := Parse(strings.NewReader("+++\ntitle = \"T\"\n+++\n\n<p>a</p>"))
	require.NoError(t, err)
	for name, off := range map[string]int{"negative": -1, "past the body": 9} {
		_, _, ok := a.BodyPosition(off)
		assert.False(t, ok, name)
	}
	b := *a
	b.Body = "<p>b</p>"
	_, _, ok := b.BodyPosition(0)
	assert.False(t, ok, "body changed since Parse")
	a.DropSource()
	_, _, ok = a.BodyPosition(0)
	assert.False(t, ok, "source dropped")
	_, _, ok = (&Article{Body: "<p>"}).BodyPosition(0)
	assert.False(t, ok, "built in code")
}
