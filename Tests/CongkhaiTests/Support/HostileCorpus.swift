/// XSS, template-injection and formula-injection strings: every one is put in
/// every content field and feedback comment by `HostileContentTests`.
enum HostileCorpus {
    static let payloads: [String] = [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"jav&#x61;script:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "<body onload=alert(1)>",
        "<math><mtext><script>alert(1)</script></mtext></math>",
        "<style>@import 'http://evil.example/x.css'</style>",
        "<link rel=stylesheet href=//evil.example/x.css>",
        "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
        "\"><script>alert(1)</script>",
        "'><svg onload=alert(1)>",
        "</textarea><script>alert(1)</script>",
        "</title><script>alert(1)</script>",
        "<details open ontoggle=alert(1)>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "<x onclick=alert(1)>click</x>",
        "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;",
        "%3Cscript%3Ealert(1)%3C/script%3E",
        "{{site_title}}", "{{{content}}}", "{{#nav}}nav{{/nav}}", "{{> layout}}", "{{=<% %>=}}<% site_title %>",
        "=HYPERLINK(\"http://evil.example\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)",
        "\u{202E}fdp.exe",
    ]

    /// Markdown-only tricks for the official body.
    static let markdown = """
    [a](javascript:alert(1)) [b](  javascript:alert(1)) [c](JAVASCRIPT:alert(1)) [d](vbscript:msgbox)
    ![e](javascript:alert(1)) ![f](data:text/html,<script>alert(1)</script>) [g](data:text/html;base64,PHNjcmlwdD4=)
    [h](http://ok.example "t\\" onmouseover=\\"alert(1)") <https://ok.example/"onmouseover="alert(1)>
    [i](file:///etc/passwd) [j](ftp://evil.example/) [k]: javascript:alert(1)
    [ref][k]

    <div onmouseover="alert(1)">raw html block</div>

    | a | <script>alert(1)</script> |
    |---|---|
    | <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |
    """
}
