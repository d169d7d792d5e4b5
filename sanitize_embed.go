package article

import (
	"strings"

	"golang.org/x/net/html"
)

// Embeds: iframes from hosts the caller trusts, under
// [PolicyBuilder.AllowEmbeds].

// Values forced on every kept iframe.
const (
	EmbedSandbox        = "allow-scripts allow-same-origin allow-presentation"
	EmbedReferrerPolicy = "strict-origin-when-cross-origin"
)

// embedAllowFeatures are the permissions an embed may ask for in allow;
// others are removed from it.
var embedAllowFeatures = nameSet("accelerometer", "autoplay", "clipboard-write",
	"encrypted-media", "fullscreen", "gyroscope", "picture-in-picture", "web-share")

// AllowEmbeds allows iframe elements whose src is an https URL on one of
// hosts (exact host names, such as "www.youtube-nocookie.com",
// "www.youtube.com" or "player.vimeo.com"), on top of the hosts allowed by
// earlier calls. A name that is not a host name (with a scheme, port,
// path or user information, or one that IDNA processing refuses) is a
// [*PolicyError]. Hosts are compared as a browser reads them: the src's
// host and the listed names after UTS #46 processing (lower case,
// punycode), so that "player.v\u0130meo.com" (capital I with a dot),
// which a browser loads from "player.xn--vimeo-8fd.com", is not
// "player.vimeo.com". An iframe is then kept with only these attributes:
//
//	src              the https URL on a listed host
//	allow            the permissions among accelerometer autoplay
//	                 clipboard-write encrypted-media fullscreen gyroscope
//	                 picture-in-picture web-share (others are removed)
//	allowfullscreen  written without a value
//	loading          lazy or eager
//	width height     digits, optional %
//	title
//	sandbox          always EmbedSandbox, whatever the body says
//	referrerpolicy   always EmbedReferrerPolicy
//
// Every other attribute (srcdoc, name, style, event handlers, csp…) is
// removed. Setting sandbox and referrerpolicy is reported as
// [ChangeEmbedRestricted]. An iframe whose src is missing, not https or on
// another host is dropped ([ChangeElementDropped]), and so is every
// iframe of a policy with no embed host: [ArticlePolicy] has none. The
// content of an iframe is never shown by browsers and is not written.
//
// The sandbox keeps scripts and the embed's own origin (players need
// both), and withholds top-level navigation, popups, forms and downloads,
// so that a listed host, or a page it serves, cannot take over the article.
func (b *PolicyBuilder) AllowEmbeds(hosts ...string) *PolicyBuilder {
	for _, h := range hosts {
		h = strings.TrimSpace(h)
		if h == "" || strings.ContainsAny(h, ":/@?#\\ ") {
			b.fail("AllowEmbeds", h, "not a host name (no scheme, port, path or user)")
			continue
		}
		name, ok := webHost(h)
		if !ok {
			b.fail("AllowEmbeds", h, "not a host name a browser accepts (IDNA processing fails)")
			continue
		}
		h = strings.TrimSuffix(name, ".")
		if b.d.news.embedHosts == nil {
			b.d.news.embedHosts = map[string]bool{}
		}
		b.d.news.embedHosts[h] = true
	}
	return b
}

// embedSrc returns the src to write, if v is an https URL on a listed
// host.
func (s *sanitizer) embedSrc(v string) (string, bool) {
	if cleanValue(v) != v {
		return "", false
	}
	v = trimC0Space(v)
	if urlScheme(v) != "https" {
		return "", false
	}
	if _, ok := checkURL(s.d, v); !ok {
		// The policy may not allow https at all.
		return "", false
	}
	// The host as the browser reads it: "https://" and the authority
	// (not "https:h" or "https:/h", which a page served over https reads
	// as a path on its own host), no user or port, and the name after
	// IDNA processing, which must be listed as such.
	u := readURL(v)
	if u.baseDependent || !strings.HasPrefix(v[len("https:"):], "//") || u.at || u.port != "" {
		return "", false
	}
	host, ok := webHost(u.host)
	if !ok {
		return "", false
	}
	return v, s.d.news.embedHosts[strings.TrimSuffix(host, ".")]
}

// embed writes an iframe the policy allows, or drops it.
func (s *sanitizer) embed(n *html.Node) {
	var src string
	ok := false
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == "src" {
			src, ok = s.embedSrc(a.Val)
			break
		}
	}
	if !ok {
		s.dropped(n)
		return
	}
	s.attrs = s.attrs[:0]
	var sandbox, referrer *string
	for _, a := range s.limitAttrs(n) {
		if a.Namespace != "" {
			s.change(ChangeAttrRemoved, n, a.Namespace+":"+a.Key, a.Val)
			continue
		}
		v := cleanValue(a.Val)
		keep := true
		switch a.Key {
		case "src":
			if v != src {
				s.change(ChangeURLCleaned, n, a.Key, a.Val)
			}
			v = src
		case "allow":
			if w := embedAllow(v); w != v {
				if w == "" {
					keep = false
				} else {
					s.change(ChangeEmbedRestricted, n, a.Key, a.Val)
					v = w
				}
			}
		case "allowfullscreen":
			if v != "" {
				s.change(ChangeEmbedRestricted, n, a.Key, a.Val)
				v = ""
			}
		case "loading":
			keep = v == "lazy" || v == "eager"
		case "width", "height":
			keep = validDimension(v)
		case "title":
		case "sandbox":
			sandbox = &a.Val
			v = EmbedSandbox
		case "referrerpolicy":
			referrer = &a.Val
			v = EmbedReferrerPolicy
		default:
			keep = false
		}
		if !keep {
			s.change(ChangeAttrRemoved, n, a.Key, a.Val)
			continue
		}
		s.attrs = append(s.attrs, htmlAttr{a.Key, v})
	}
	for _, f := range [...]struct {
		key, val string
		old      *string
	}{{"sandbox", EmbedSandbox, sandbox}, {"referrerpolicy", EmbedReferrerPolicy, referrer}} {
		switch {
		case f.old == nil:
			s.change(ChangeEmbedRestricted, n, f.key, "")
			s.attrs = append(s.attrs, htmlAttr{f.key, f.val})
		case *f.old != f.val:
			s.change(ChangeEmbedRestricted, n, f.key, *f.old)
		}
	}
	if !s.redo && !expressible(s.open, nestInfoOf("iframe")) {
		s.redo = true
	}
	if s.report {
		s.srcMap = append(s.srcMap, srcEntry{s.out.Len(), n})
	}
	s.out.WriteString("<iframe")
	for _, a := range s.attrs {
		s.out.WriteByte(' ')
		s.out.WriteString(a.key)
		s.out.WriteString(`="`)
		htmlEscapeAttr(&s.out, a.val)
		s.out.WriteByte('"')
	}
	s.out.WriteString("></iframe>")
	s.preStart = false
}

// embedAllow returns the directives of an allow attribute whose feature is
// in embedAllowFeatures, joined by "; ".
func embedAllow(v string) string {
	var kept []string
	for _, d := range strings.Split(v, ";") {
		d = strings.TrimSpace(d)
		f, _, _ := strings.Cut(d, " ")
		if embedAllowFeatures[strings.ToLower(f)] {
			kept = append(kept, d)
		}
	}
	return strings.Join(kept, "; ")
}
