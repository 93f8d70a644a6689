title = Formats
decimal = { NUMBER($n, maximumFractionDigits: 1) }
bare = { $n }
percent = { NUMBER($n, style: "percent") }
currency = { NUMBER($n, style: "currency", currency: "USD") }
compact = { NUMBER($n, notation: "compact") }
compact-currency = { NUMBER($n, style: "currency", currency: "USD", notation: "compact") }
date-long = { DATETIME($d, dateStyle: "long") }
month-year = { DATETIME($d, month: "long", year: "numeric") }
date-bare = { $d }
plural = { $n ->
    [one] one
    [many] many
   *[other] other
}
literal = { $text }
inject-code = #read("/etc/passwd") #panic("x") $x^2$ @label <label> = not a heading
inject-html = <script>alert(1)</script> <b>bold?</b> &amp; back\slash "double" 'single'
markup = **strong** *emph* [link](https://example.org/a?b=1&c=2) \*escaped\*
