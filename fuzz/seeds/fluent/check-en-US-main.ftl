-brand = Acme
title = { -brand } report
greeting = Hello { $name }, welcome.
count = { $n ->
    [one] One vote
   *[other] { $n } votes
}
attrs = Attributes
    .title = Title
    .alt = Alt text
uses-ref = See { title }
renamed = Total: { $amount }
dropped = { $who } voted on { $date }
same = Acme
empty = { "" }
loop-a = { loop-b }
loop-b = { loop-a }
bad-ref = Read { no-such-message }
unused-one = Nobody uses this
needs-args = Hi { $x }
missing-in-es = Only in English
money = { NUMBER($amount, style: "currency", currency: "USD") }
-only-en = English only
